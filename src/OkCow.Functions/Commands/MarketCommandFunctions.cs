using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OkCow.Application.Commands;
using OkCow.Domain.Investors;
using OkCow.Functions.Http;

namespace OkCow.Functions.Commands;

/// <summary>
/// Subscriptions, redemptions and orders. Each writes the investor's stream first (rules checkable there are refused at
/// once); the rest happens in sagas and shows on the status resource named by Location.
/// </summary>
public sealed class MarketCommandFunctions(OkCowCommands commands, CommandRunner runner)
{
    [Function("Subscribe")]
    public async Task<IActionResult> Subscribe(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "funds/{fundId}/subscriptions")] HttpRequest request,
        string fundId)
    {
        if (!RouteIds.TryParse(fundId, "fundId", out var fund, out var badId))
        {
            return badId!;
        }

        var (body, text, problem) = await CommandRunner.ReadBodyAsync(request, request.HttpContext.RequestAborted);
        if (body is null)
        {
            return problem!;
        }

        var investorId = body.Id("investorId");
        var amount = body.WholeNumber("amount", 1, 1_000_000_000_000);
        if (!body.IsValid)
        {
            return Problems.Validation(body.ErrorText);
        }

        var subscriptionId = Guid.NewGuid();
        return await runner.RunAsync(request, text, async context =>
        {
            var receipt = await commands.SubscribeAsync(fund, subscriptionId, investorId, amount, context, request.HttpContext.RequestAborted);
            return new Accepted(StatusCodes.Status202Accepted, $"/api/subscriptions/{subscriptionId}", new { subscriptionId, fundId = fund, investorId, receipt.StreamId, receipt.Version });
        });
    }

    [Function("Redeem")]
    public async Task<IActionResult> Redeem(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "funds/{fundId}/redemptions")] HttpRequest request,
        string fundId)
    {
        if (!RouteIds.TryParse(fundId, "fundId", out var fund, out var badId))
        {
            return badId!;
        }

        var (body, text, problem) = await CommandRunner.ReadBodyAsync(request, request.HttpContext.RequestAborted);
        if (body is null)
        {
            return problem!;
        }

        var investorId = body.Id("investorId");
        var units = body.WholeNumber("units", 1, 1_000_000_000_000);
        if (!body.IsValid)
        {
            return Problems.Validation(body.ErrorText);
        }

        var redemptionId = Guid.NewGuid();
        return await runner.RunAsync(request, text, async context =>
        {
            var receipt = await commands.RedeemAsync(fund, redemptionId, investorId, units, context, request.HttpContext.RequestAborted);
            return new Accepted(StatusCodes.Status202Accepted, $"/api/redemptions/{redemptionId}", new { redemptionId, fundId = fund, investorId, receipt.StreamId, receipt.Version });
        });
    }

    [Function("PlaceOrder")]
    public async Task<IActionResult> PlaceOrder(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "funds/{fundId}/orders")] HttpRequest request,
        string fundId)
    {
        if (!RouteIds.TryParse(fundId, "fundId", out var fund, out var badId))
        {
            return badId!;
        }

        var (body, text, problem) = await CommandRunner.ReadBodyAsync(request, request.HttpContext.RequestAborted);
        if (body is null)
        {
            return problem!;
        }

        var investorId = body.Id("investorId");
        var side = body.Enum<OrderSide>("side");
        var price = body.WholeNumber("price", 1, 1_000_000_000);
        var quantity = body.WholeNumber("quantity", 1, 1_000_000_000);
        if (!body.IsValid)
        {
            return Problems.Validation(body.ErrorText);
        }

        var orderId = Guid.NewGuid();
        return await runner.RunAsync(request, text, async context =>
        {
            var receipt = await commands.PlaceOrderAsync(fund, orderId, investorId, side, price, quantity, context, request.HttpContext.RequestAborted);
            return new Accepted(StatusCodes.Status202Accepted, $"/api/orders/{orderId}", new { orderId, fundId = fund, investorId, receipt.StreamId, receipt.Version });
        });
    }

    [Function("CancelOrder")]
    public async Task<IActionResult> CancelOrder(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "funds/{fundId}/orders/{orderId}")] HttpRequest request,
        string fundId,
        string orderId)
    {
        if (!RouteIds.TryParse(fundId, "fundId", out var fund, out var badFund))
        {
            return badFund!;
        }

        if (!RouteIds.TryParse(orderId, "orderId", out var order, out var badOrder))
        {
            return badOrder!;
        }

        return await runner.RunAsync(request, "", async context =>
        {
            var receipt = await commands.CancelOrderAsync(fund, order, context, request.HttpContext.RequestAborted);
            return new Accepted(StatusCodes.Status202Accepted, $"/api/orders/{order}", new { orderId = order, fundId = fund, receipt.StreamId, receipt.Version });
        });
    }
}
