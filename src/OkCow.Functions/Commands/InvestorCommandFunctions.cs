using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OkCow.Application.Commands;
using OkCow.Domain.Common;
using OkCow.Functions.Contract;
using OkCow.Functions.Edge;
using OkCow.Functions.Http;

namespace OkCow.Functions.Commands;

public sealed record RegisterInvestorRequest(string Name, string LoginId, string Password);

public sealed record AmountRequest(long Amount);

/// <summary>Registration, erasure, deposits and withdrawals: each writes the investor's stream first.</summary>
public sealed class InvestorCommandFunctions(OkCowCommands commands, CommandRunner runner)
{
    public const long MaxDeposit = 1_000_000_000;

    [Function("RegisterInvestor")]
    [Access(AccessRule.Public, RateLimited = true)]
    [Summary("Signs up an investor (R3): a name, a unique loginId and a password.")]
    [RequestBody(typeof(RegisterInvestorRequest))]
    [Answers(StatusCodes.Status201Created, typeof(InvestorRegisteredAnswer), HasLocation = true)]
    [Refuses(ErrorCodes.LoginIdTaken)]
    public Task<IActionResult> Register(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "investors")] HttpRequest request) =>
        runner.RunAsync(
            request,
            (RegisterInvestorRequest body, Validation check) => (
                Name: check.Text("name", body.Name, 1, 100),
                LoginId: check.LoginId("loginId", body.LoginId),
                Password: check.Secret("password", body.Password, OkCowCommands.MinPasswordLength, 128)),
            async (input, context, cancellationToken) =>
            {
                var receipt = await commands.RegisterInvestorAsync(Guid.NewGuid(), input.Name, input.LoginId, input.Password, context, cancellationToken);
                return new Accepted(StatusCodes.Status201Created, $"/api/investors/{receipt.Id}", new InvestorRegisteredAnswer(receipt.Id, receipt.StreamId, receipt.Version));
            });

    /// <summary>
    /// Closes the account and erases the investor's name and login id (SPEC §9): by the investor or an operator, once the
    /// account holds no cash, units or open business (else 409 ACCOUNT_NOT_EMPTY). The profile then answers as erased.
    /// </summary>
    [Function("EraseInvestor")]
    [Access(AccessRule.InvestorOwn | AccessRule.Operator, Owner = OwnedBy.RouteInvestorId)]
    [Summary("Closes an empty account and erases the investor's name and login id (SPEC 9).")]
    [Answers(StatusCodes.Status202Accepted, typeof(InvestorErasedAnswer), HasLocation = true)]
    [Refuses(ErrorCodes.NotFound, ErrorCodes.AccountNotEmpty, ErrorCodes.PersonalDataNotUpgraded)]
    public Task<IActionResult> Erase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "investors/{investorId}")] HttpRequest request,
        string investorId) =>
        RouteIds.With(investorId, "investorId", id => runner.RunAsync(request, "", async context =>
        {
            var receipt = await commands.EraseInvestorAsync(id, context, request.HttpContext.RequestAborted);
            return new Accepted(StatusCodes.Status202Accepted, $"/api/investors/{id}", new InvestorErasedAnswer(id, true, receipt.StreamId, receipt.Version));
        }));

    [Function("DepositCash")]
    [Access(AccessRule.InvestorOwn, Owner = OwnedBy.RouteInvestorId)]
    [Summary("Deposits cash into the investor's account (R4).")]
    [RequestBody(typeof(AmountRequest))]
    [Answers(StatusCodes.Status202Accepted, typeof(CashMovedAnswer), HasLocation = true)]
    [Refuses(ErrorCodes.NotFound)]
    public Task<IActionResult> Deposit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "investors/{investorId}/deposits")] HttpRequest request,
        string investorId) =>
        MoveCashAsync(request, investorId, MaxDeposit, commands.DepositAsync);

    [Function("WithdrawCash")]
    [Access(AccessRule.InvestorOwn, Owner = OwnedBy.RouteInvestorId)]
    [Summary("Withdraws available cash (R5).")]
    [RequestBody(typeof(AmountRequest))]
    [Answers(StatusCodes.Status202Accepted, typeof(CashMovedAnswer), HasLocation = true)]
    [Refuses(ErrorCodes.NotFound, ErrorCodes.InsufficientCash)]
    public Task<IActionResult> Withdraw(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "investors/{investorId}/withdrawals")] HttpRequest request,
        string investorId) =>
        MoveCashAsync(request, investorId, long.MaxValue, commands.WithdrawAsync);

    private Task<IActionResult> MoveCashAsync(
        HttpRequest request,
        string investorIdText,
        long maxAmount,
        Func<Guid, long, CommandContext, CancellationToken, Task<CommandReceipt>> move) =>
        RouteIds.With(investorIdText, "investorId", investorId => runner.RunAsync(
            request,
            (AmountRequest body, Validation check) => check.Whole("amount", body.Amount, 1, maxAmount),
            async (amount, context, cancellationToken) =>
            {
                var receipt = await move(investorId, amount, context, cancellationToken);
                return new Accepted(StatusCodes.Status202Accepted, $"/api/investors/{investorId}/portfolio", new CashMovedAnswer(investorId, receipt.StreamId, receipt.Version));
            }));
}
