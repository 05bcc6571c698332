using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OkCow.Application.Commands;
using OkCow.Application.Queries;
using OkCow.Domain.Common;
using OkCow.Functions.Commands;
using OkCow.Functions.Contract;
using OkCow.Functions.Edge;
using OkCow.Functions.Http;

namespace OkCow.Functions.Queries;

/// <summary>
/// The GET routes: point reads of read-model documents (eventually consistent; clients poll the Location of a
/// command), except the time-travel and reconciliation routes, which rebuild their figures from the event log.
/// </summary>
public sealed class QueryFunctions(ReadQueries queries)
{
    public const int MaxPageSize = 100;

    [Function("ListInvestors")]
    [Access(AccessRule.Operator)]
    [Summary("Every investor with cash and valuation, a page at a time.")]
    [QueryParameter("skip", typeof(int), "How many investors to skip.")]
    [QueryParameter("take", typeof(int), "Page size, 1 to 100.")]
    [Answers(StatusCodes.Status200OK, typeof(InvestorPageDto))]
    public async Task<IActionResult> ListInvestors(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "investors")] HttpRequest request)
    {
        if (!TryPage(request, out var skip, out var take, out var problem))
        {
            return problem!;
        }

        return Ok(await queries.ListInvestorsAsync(skip, take, request.HttpContext.RequestAborted));
    }

    [Function("GetInvestor")]
    [Access(AccessRule.InvestorOwn | AccessRule.Operator, Owner = OwnedBy.RouteInvestorId)]
    [Summary("An investor's profile.")]
    [Answers(StatusCodes.Status200OK, typeof(InvestorProfileDto))]
    [Refuses(ErrorCodes.NotFound)]
    public Task<IActionResult> GetInvestor(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "investors/{investorId}")] HttpRequest request,
        string investorId) =>
        ById(investorId, "investorId", "Investor", id => queries.GetInvestorAsync(id, request.HttpContext.RequestAborted));

    [Function("GetPortfolio")]
    [Access(AccessRule.InvestorOwn | AccessRule.Operator, Owner = OwnedBy.RouteInvestorId)]
    [Summary("An investor's cash and holdings with R22-R23 figures.")]
    [Answers(StatusCodes.Status200OK, typeof(PortfolioDto))]
    [Refuses(ErrorCodes.NotFound)]
    public Task<IActionResult> GetPortfolio(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "investors/{investorId}/portfolio")] HttpRequest request,
        string investorId) =>
        ById(investorId, "investorId", "Portfolio", id => queries.GetPortfolioAsync(id, request.HttpContext.RequestAborted));

    [Function("ListFunds")]
    [Access(AccessRule.Public)]
    [Summary("Every fund, oldest first.")]
    [Answers(StatusCodes.Status200OK, typeof(IReadOnlyList<FundSummaryDto>))]
    public async Task<IActionResult> ListFunds(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "funds")] HttpRequest request) =>
        Ok(await queries.ListFundsAsync(request.HttpContext.RequestAborted));

    [Function("GetFund")]
    [Access(AccessRule.Public)]
    [Summary("A fund with its properties, NAV and market figures.")]
    [Answers(StatusCodes.Status200OK, typeof(FundDto))]
    [Refuses(ErrorCodes.NotFound)]
    public Task<IActionResult> GetFund(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "funds/{fundId}")] HttpRequest request,
        string fundId) =>
        ById(fundId, "fundId", "Fund", id => queries.GetFundAsync(id, request.HttpContext.RequestAborted));

    [Function("GetFundNavAt")]
    [Access(AccessRule.Public)]
    [Summary("A fund's figures as of an instant, rebuilt from the event log (R11).")]
    [QueryParameter("at", typeof(DateTimeOffset), "ISO-8601 instant with an offset.", Required = true)]
    [Answers(StatusCodes.Status200OK, typeof(FundNavAtDto))]
    [Refuses(ErrorCodes.NotFound)]
    public async Task<IActionResult> GetFundNavAt(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "funds/{fundId}/nav")] HttpRequest request,
        string fundId)
    {
        if (!RouteIds.TryParse(fundId, "fundId", out var id, out var badId))
        {
            return badId!;
        }

        var atText = request.Query["at"].ToString();
        if (!Instants.TryParse(atText, out var at))
        {
            return Problems.Validation("'at' must be an ISO-8601 instant with an offset, e.g. 2026-11-17T10:00:00+09:00.");
        }

        var figures = await queries.GetFundNavAtAsync(id, at, request.HttpContext.RequestAborted);
        return figures is null ? NotFound($"Fund {id} did not exist at {atText}.") : Ok(figures);
    }

    [Function("GetNavHistory")]
    [Access(AccessRule.Public)]
    [Summary("The fund's NAV after every change.")]
    [Answers(StatusCodes.Status200OK, typeof(NavHistoryDto))]
    [Refuses(ErrorCodes.NotFound)]
    public Task<IActionResult> GetNavHistory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "funds/{fundId}/nav-history")] HttpRequest request,
        string fundId) =>
        ById(fundId, "fundId", "NAV history", id => queries.GetNavHistoryAsync(id, request.HttpContext.RequestAborted));

    [Function("GetOrderBook")]
    [Access(AccessRule.Public)]
    [Summary("The fund's resting bids and asks by price level.")]
    [Answers(StatusCodes.Status200OK, typeof(OrderBookDto))]
    [Refuses(ErrorCodes.NotFound)]
    public Task<IActionResult> GetOrderBook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "funds/{fundId}/orderbook")] HttpRequest request,
        string fundId) =>
        ById(fundId, "fundId", "Order book", id => queries.GetOrderBookAsync(id, request.HttpContext.RequestAborted));

    [Function("GetMcpi")]
    [Access(AccessRule.Public)]
    [Summary("The MCPI now, today's reference and the halt.")]
    [Answers(StatusCodes.Status200OK, typeof(McpiDto))]
    public async Task<IActionResult> GetMcpi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "mcpi")] HttpRequest request) =>
        Ok(await queries.GetMcpiAsync(request.HttpContext.RequestAborted));

    [Function("GetSubscription")]
    [Access(AccessRule.InvestorOwn | AccessRule.Operator, Owner = OwnedBy.Subscription)]
    [Summary("A subscription's status: pending, completed or rejected with its code.")]
    [Answers(StatusCodes.Status200OK, typeof(SubscriptionStatusDto))]
    public Task<IActionResult> GetSubscription(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subscriptions/{subscriptionId}")] HttpRequest request,
        string subscriptionId) =>
        ById(subscriptionId, "subscriptionId", "Subscription", id => queries.GetSubscriptionAsync(id, RequesterOf(request), request.HttpContext.RequestAborted));

    [Function("GetRedemption")]
    [Access(AccessRule.InvestorOwn | AccessRule.Operator, Owner = OwnedBy.Redemption)]
    [Summary("A redemption's status: pending, completed or rejected with its code.")]
    [Answers(StatusCodes.Status200OK, typeof(RedemptionStatusDto))]
    public Task<IActionResult> GetRedemption(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "redemptions/{redemptionId}")] HttpRequest request,
        string redemptionId) =>
        ById(redemptionId, "redemptionId", "Redemption", id => queries.GetRedemptionAsync(id, RequesterOf(request), request.HttpContext.RequestAborted));

    [Function("GetRoyalty")]
    [Access(AccessRule.Operator)]
    [Summary("A royalty's payout: holders paid out of holders of record until completed.")]
    [Answers(StatusCodes.Status200OK, typeof(RoyaltyStatusDto))]
    [Refuses(ErrorCodes.NotFound)]
    public Task<IActionResult> GetRoyalty(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "royalties/{royaltyId}")] HttpRequest request,
        string royaltyId) =>
        ById(royaltyId, "royaltyId", "Royalty", id => queries.GetRoyaltyAsync(id, request.HttpContext.RequestAborted));

    [Function("GetOrder")]
    [Access(AccessRule.InvestorOwn | AccessRule.Operator, Owner = OwnedBy.Order)]
    [Summary("An order's status and fills.")]
    [Answers(StatusCodes.Status200OK, typeof(OrderStatusDto))]
    public Task<IActionResult> GetOrder(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "orders/{orderId}")] HttpRequest request,
        string orderId) =>
        ById(orderId, "orderId", "Order", id => queries.GetOrderAsync(id, RequesterOf(request), request.HttpContext.RequestAborted));

    [Function("GetStreamEvents")]
    [Access(AccessRule.Operator)]
    [Summary("The audit trail of one stream, oldest first.")]
    [Answers(StatusCodes.Status200OK, typeof(IReadOnlyList<StreamEventDto>))]
    [Refuses(ErrorCodes.NotFound)]
    public async Task<IActionResult> GetStreamEvents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "streams/{streamId}/events")] HttpRequest request,
        string streamId)
    {
        if (!Streams.IsWellFormed(streamId))
        {
            return Problems.Validation("'streamId' may hold letters, digits, '-', '_' and '.' only.");
        }

        var events = await queries.GetStreamEventsAsync(streamId, request.HttpContext.RequestAborted);
        return events is null ? NotFound($"Stream {streamId} does not exist.") : Ok(events);
    }

    [Function("Reconcile")]
    [Access(AccessRule.Operator)]
    [Summary("R24 from the whole log: the cash on both sides and what is in transit.")]
    [Answers(StatusCodes.Status200OK, typeof(ReconciliationDto))]
    public async Task<IActionResult> Reconcile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reconciliation")] HttpRequest request) =>
        Ok(await queries.ReconcileAsync(request.HttpContext.RequestAborted));

    private static async Task<IActionResult> ById<T>(string text, string name, string what, Func<Guid, Task<T?>> read)
        where T : class
    {
        if (!RouteIds.TryParse(text, name, out var id, out var badId))
        {
            return badId!;
        }

        var found = await read(id);
        return found is null ? NotFound($"{what} {id} was not found (reads are eventually consistent: retry shortly after a command).") : Ok(found);
    }

    /// <summary>The signed-in investor, whose own accepted requests answer pending before their status view exists.</summary>
    private static Guid? RequesterOf(HttpRequest request) => EdgeItems.CallerOf(request.HttpContext) is { IsInvestor: true } caller ? caller.InvestorId : null;

    private static JsonAnswer Ok(object value) => new(StatusCodes.Status200OK, value);

    private static JsonAnswer NotFound(string detail) => Problems.For(ErrorCodes.NotFound, detail);

    private static bool TryPage(HttpRequest request, out int skip, out int take, out IActionResult? problem)
    {
        skip = 0;
        take = 50;
        problem = null;
        var skipText = request.Query["skip"].ToString();
        var takeText = request.Query["take"].ToString();
        if ((skipText.Length > 0 && !int.TryParse(skipText, NumberStyles.None, CultureInfo.InvariantCulture, out skip))
            || (takeText.Length > 0 && !int.TryParse(takeText, NumberStyles.None, CultureInfo.InvariantCulture, out take))
            || take is < 1 or > MaxPageSize)
        {
            problem = Problems.Validation($"'skip' must be a whole number ≥ 0 and 'take' from 1 to {MaxPageSize}.");
            return false;
        }

        return true;
    }
}
