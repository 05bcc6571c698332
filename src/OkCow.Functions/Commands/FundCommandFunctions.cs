using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OkCow.Application.Commands;
using OkCow.Functions.Http;

namespace OkCow.Functions.Commands;

/// <summary>Operator commands on funds: creation, property acquisition, royalty income.</summary>
public sealed class FundCommandFunctions(OkCowCommands commands, CommandRunner runner)
{
    [Function("CreateFund")]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "funds")] HttpRequest request)
    {
        var (body, text, problem) = await CommandRunner.ReadBodyAsync(request, request.HttpContext.RequestAborted);
        if (body is null)
        {
            return problem!;
        }

        var name = body.String("name", 1, 100);
        var basePrice = body.WholeNumber("basePrice", 100, 1_000_000_000);
        if (!body.IsValid)
        {
            return Problems.Validation(body.ErrorText);
        }

        var fundId = Guid.NewGuid();
        return await runner.RunAsync(request, text, async context =>
        {
            var receipt = await commands.CreateFundAsync(fundId, name, basePrice, context, request.HttpContext.RequestAborted);
            return new Accepted(StatusCodes.Status201Created, $"/api/funds/{fundId}", new { fundId, receipt.StreamId, receipt.Version });
        });
    }

    [Function("AcquireProperty")]
    public async Task<IActionResult> AcquireProperty(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "funds/{fundId}/properties")] HttpRequest request,
        string fundId)
    {
        if (!RouteIds.TryParse(fundId, "fundId", out var id, out var badId))
        {
            return badId!;
        }

        var (body, text, problem) = await CommandRunner.ReadBodyAsync(request, request.HttpContext.RequestAborted);
        if (body is null)
        {
            return problem!;
        }

        var copyrightCode = body.String("copyrightCode", 1, 100);
        var registrationNumber = body.String("registrationNumber", 1, 100);
        var musicId = body.String("musicId", 1, 100);
        var price = body.WholeNumber("price", 1, long.MaxValue / 1_000_000);
        if (!body.IsValid)
        {
            return Problems.Validation(body.ErrorText);
        }

        var propertyId = Guid.NewGuid();
        return await runner.RunAsync(request, text, async context =>
        {
            var receipt = await commands.AcquirePropertyAsync(id, propertyId, copyrightCode, registrationNumber, musicId, price, context, request.HttpContext.RequestAborted);
            return new Accepted(StatusCodes.Status202Accepted, $"/api/funds/{id}", new { fundId = id, propertyId, receipt.StreamId, receipt.Version });
        });
    }

    [Function("ReceiveRoyalty")]
    public async Task<IActionResult> ReceiveRoyalty(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "funds/{fundId}/royalties")] HttpRequest request,
        string fundId)
    {
        if (!RouteIds.TryParse(fundId, "fundId", out var id, out var badId))
        {
            return badId!;
        }

        var (body, text, problem) = await CommandRunner.ReadBodyAsync(request, request.HttpContext.RequestAborted);
        if (body is null)
        {
            return problem!;
        }

        var amount = body.WholeNumber("amount", 1, 1_000_000_000_000);
        if (!body.IsValid)
        {
            return Problems.Validation(body.ErrorText);
        }

        var royaltyId = Guid.NewGuid();
        return await runner.RunAsync(request, text, async context =>
        {
            var receipt = await commands.DistributeRoyaltyAsync(id, royaltyId, amount, context, request.HttpContext.RequestAborted);
            return new Accepted(StatusCodes.Status202Accepted, $"/api/funds/{id}", new { fundId = id, royaltyId, receipt.StreamId, receipt.Version });
        });
    }

    [Function("PublishMcpi")]
    public async Task<IActionResult> PublishMcpi(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "mcpi")] HttpRequest request)
    {
        var (body, text, problem) = await CommandRunner.ReadBodyAsync(request, request.HttpContext.RequestAborted);
        if (body is null)
        {
            return problem!;
        }

        var value = body.Decimal("value", 2, 0.01m, 1_000_000m);
        var at = body.OptionalInstant("at");
        if (!body.IsValid)
        {
            return Problems.Validation(body.ErrorText);
        }

        return await runner.RunAsync(request, text, async context =>
        {
            var receipt = await commands.PublishMcpiAsync((long)(value * 100), at, context, request.HttpContext.RequestAborted);
            return new Accepted(StatusCodes.Status202Accepted, "/api/mcpi", new { receipt.StreamId, receipt.Version });
        });
    }
}
