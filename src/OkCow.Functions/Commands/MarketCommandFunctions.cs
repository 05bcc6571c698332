using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OkCow.Application.Commands;
using OkCow.Domain.Common;
using OkCow.Functions.Contract;
using OkCow.Domain.Investors;
using OkCow.Functions.Edge;
using OkCow.Functions.Http;

namespace OkCow.Functions.Commands;

public sealed record SubscribeRequest(Guid InvestorId, long Amount);

public sealed record RedeemRequest(Guid InvestorId, long Units);

public sealed record PlaceOrderRequest(Guid InvestorId, OrderSide Side, long Price, long Quantity);

/// <summary>
/// Subscriptions, redemptions and orders. Each writes the investor's stream first (rules checkable there are refused at
/// once); the rest happens in sagas and shows on the status resource named by Location.
/// </summary>
public sealed class MarketCommandFunctions(OkCowCommands commands, CommandRunner runner)
{
    public const long MaxAmount = 1_000_000_000_000;

    [Function("Subscribe")]
    [Access(AccessRule.InvestorOwn, Owner = OwnedBy.BodyInvestorId)]
    [Summary("Subscribes for fund units at NAV (R12); the status resource in Location shows the outcome.")]
    [RequestBody(typeof(SubscribeRequest))]
    [Answers(StatusCodes.Status202Accepted, typeof(SubscriptionAcceptedAnswer), HasLocation = true)]
    [Refuses(ErrorCodes.NotFound, ErrorCodes.InsufficientCash)]
    public Task<IActionResult> Subscribe(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "funds/{fundId}/subscriptions")] HttpRequest request,
        string fundId) =>
        RouteIds.With(fundId, "fundId", fund => runner.RunAsync(
            request,
            (SubscribeRequest body, Validation check) => (body.InvestorId, Amount: check.Whole("amount", body.Amount, 1, MaxAmount)),
            async (input, context, cancellationToken) =>
            {
                var subscriptionId = Guid.NewGuid();
                var receipt = await commands.SubscribeAsync(fund, subscriptionId, input.InvestorId, input.Amount, context, cancellationToken);
                return new Accepted(StatusCodes.Status202Accepted, $"/api/subscriptions/{subscriptionId}", new SubscriptionAcceptedAnswer(subscriptionId, fund, input.InvestorId, receipt.StreamId, receipt.Version));
            }));

    [Function("Redeem")]
    [Access(AccessRule.InvestorOwn, Owner = OwnedBy.BodyInvestorId)]
    [Summary("Redeems units at NAV (R13); the status resource in Location shows the outcome.")]
    [RequestBody(typeof(RedeemRequest))]
    [Answers(StatusCodes.Status202Accepted, typeof(RedemptionAcceptedAnswer), HasLocation = true)]
    [Refuses(ErrorCodes.NotFound, ErrorCodes.InsufficientUnits)]
    public Task<IActionResult> Redeem(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "funds/{fundId}/redemptions")] HttpRequest request,
        string fundId) =>
        RouteIds.With(fundId, "fundId", fund => runner.RunAsync(
            request,
            (RedeemRequest body, Validation check) => (body.InvestorId, Units: check.Whole("units", body.Units, 1, MaxAmount)),
            async (input, context, cancellationToken) =>
            {
                var redemptionId = Guid.NewGuid();
                var receipt = await commands.RedeemAsync(fund, redemptionId, input.InvestorId, input.Units, context, cancellationToken);
                return new Accepted(StatusCodes.Status202Accepted, $"/api/redemptions/{redemptionId}", new RedemptionAcceptedAnswer(redemptionId, fund, input.InvestorId, receipt.StreamId, receipt.Version));
            }));

    [Function("PlaceOrder")]
    [Access(AccessRule.InvestorOwn, Owner = OwnedBy.BodyInvestorId)]
    [Summary("Places a limit order on the fund's book (R15-R18, R21); the status resource in Location shows fills.")]
    [RequestBody(typeof(PlaceOrderRequest))]
    [Answers(StatusCodes.Status202Accepted, typeof(OrderAcceptedAnswer), HasLocation = true)]
    [Refuses(ErrorCodes.NotFound, ErrorCodes.InsufficientCash, ErrorCodes.InsufficientUnits, ErrorCodes.InvalidTick, ErrorCodes.PriceOutOfBand, ErrorCodes.MarketHalted)]
    public Task<IActionResult> PlaceOrder(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "funds/{fundId}/orders")] HttpRequest request,
        string fundId) =>
        RouteIds.With(fundId, "fundId", fund => runner.RunAsync(
            request,
            (PlaceOrderRequest body, Validation check) => (
                body.InvestorId,
                body.Side,
                Price: check.Whole("price", body.Price, 1, 1_000_000_000),
                Quantity: check.Whole("quantity", body.Quantity, 1, 1_000_000_000)),
            async (input, context, cancellationToken) =>
            {
                var orderId = Guid.NewGuid();
                var receipt = await commands.PlaceOrderAsync(fund, orderId, input.InvestorId, input.Side, input.Price, input.Quantity, context, cancellationToken);
                return new Accepted(StatusCodes.Status202Accepted, $"/api/orders/{orderId}", new OrderAcceptedAnswer(orderId, fund, input.InvestorId, receipt.StreamId, receipt.Version));
            }));

    [Function("CancelOrder")]
    [Access(AccessRule.InvestorOwn, Owner = OwnedBy.Order)]
    [Summary("Cancels a resting order (R20).")]
    [Answers(StatusCodes.Status202Accepted, typeof(CancelAcceptedAnswer), HasLocation = true)]
    [Refuses(ErrorCodes.NotFound, ErrorCodes.OrderNotOpen)]
    public Task<IActionResult> CancelOrder(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "funds/{fundId}/orders/{orderId}")] HttpRequest request,
        string fundId,
        string orderId) =>
        RouteIds.With(fundId, "fundId", fund => RouteIds.With(orderId, "orderId", order =>
            runner.RunAsync(request, "", async context =>
            {
                var receipt = await commands.CancelOrderAsync(fund, order, context, request.HttpContext.RequestAborted);
                return new Accepted(StatusCodes.Status202Accepted, $"/api/orders/{order}", new CancelAcceptedAnswer(order, fund, receipt.StreamId, receipt.Version));
            })));
}
