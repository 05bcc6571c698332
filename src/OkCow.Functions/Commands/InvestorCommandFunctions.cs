using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OkCow.Application.Commands;
using OkCow.Functions.Http;

namespace OkCow.Functions.Commands;

/// <summary>Registration, deposits and withdrawals: each writes the investor's stream only.</summary>
public sealed class InvestorCommandFunctions(OkCowCommands commands, CommandRunner runner)
{
    [Function("RegisterInvestor")]
    public async Task<IActionResult> Register(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "investors")] HttpRequest request)
    {
        var (body, text, problem) = await CommandRunner.ReadBodyAsync(request, request.HttpContext.RequestAborted);
        if (body is null)
        {
            return problem!;
        }

        var name = body.String("name", 1, 100);
        var loginId = body.String("loginId", 3, 32);
        var password = body.String("password", OkCowCommands.MinPasswordLength, 128);
        if (!body.IsValid)
        {
            return Problems.Validation(body.ErrorText);
        }

        var investorId = Guid.NewGuid();
        return await runner.RunAsync(request, text, async context =>
        {
            var receipt = await commands.RegisterInvestorAsync(investorId, name, loginId, password, context, request.HttpContext.RequestAborted);
            return new Accepted(StatusCodes.Status201Created, $"/api/investors/{investorId}", new { investorId, receipt.StreamId, receipt.Version });
        });
    }

    [Function("DepositCash")]
    public Task<IActionResult> Deposit(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "investors/{investorId}/deposits")] HttpRequest request,
        string investorId) =>
        MoveCashAsync(request, investorId, 1_000_000_000, commands.DepositAsync);

    [Function("WithdrawCash")]
    public Task<IActionResult> Withdraw(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "investors/{investorId}/withdrawals")] HttpRequest request,
        string investorId) =>
        MoveCashAsync(request, investorId, long.MaxValue, commands.WithdrawAsync);

    private async Task<IActionResult> MoveCashAsync(
        HttpRequest request,
        string investorIdText,
        long maxAmount,
        Func<Guid, long, CommandContext, CancellationToken, Task<CommandReceipt>> move)
    {
        if (!RouteIds.TryParse(investorIdText, "investorId", out var investorId, out var badId))
        {
            return badId!;
        }

        var (body, text, problem) = await CommandRunner.ReadBodyAsync(request, request.HttpContext.RequestAborted);
        if (body is null)
        {
            return problem!;
        }

        var amount = body.WholeNumber("amount", 1, maxAmount);
        if (!body.IsValid)
        {
            return Problems.Validation(body.ErrorText);
        }

        return await runner.RunAsync(request, text, async context =>
        {
            var receipt = await move(investorId, amount, context, request.HttpContext.RequestAborted);
            return new Accepted(StatusCodes.Status202Accepted, $"/api/investors/{investorId}/portfolio", new { investorId, receipt.StreamId, receipt.Version });
        });
    }
}
