using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OkCow.Application.Commands;
using OkCow.Application.Documents;
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
    /// <summary>At most this many stream versions to wait for in one read.</summary>
    public const int MaxWaitFor = 8;

    [Function("ListInvestors")]
    [Access(AccessRule.Operator)]
    [Summary("Every investor with cash and valuation, a page at a time, ordered by investor id.")]
    [Paged(AcceptsSkip = true)]
    [Answers(StatusCodes.Status200OK, typeof(PageDto<InvestorSummaryDto>))]
    public Task<IActionResult> ListInvestors(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "investors")] HttpRequest request) =>
        Paged<InvestorSummaryDto>(request, acceptsSkip: true, async (page, skip, ct) => skip is { } skipped
            ? await queries.ListInvestorsAsync(skipped, page.Take, ct)
            : await queries.ListInvestorsAsync(page, ct));

    [Function("GetInvestor")]
    [Access(AccessRule.InvestorOwn | AccessRule.Operator, Owner = OwnedBy.RouteInvestorId)]
    [Summary("An investor's profile.")]
    [Answers(StatusCodes.Status200OK, typeof(InvestorProfileDto))]
    [Refuses(ErrorCodes.NotFound)]
    public Task<IActionResult> GetInvestor(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "investors/{investorId}")] HttpRequest request,
        string investorId) =>
        ViewById(request, investorId, "investorId", "Investor", id => queries.GetInvestorAsync(id, request.HttpContext.RequestAborted));

    [Function("GetPortfolio")]
    [Access(AccessRule.InvestorOwn | AccessRule.Operator, Owner = OwnedBy.RouteInvestorId)]
    [Summary("An investor's cash and holdings with R22-R23 figures.")]
    [Answers(StatusCodes.Status200OK, typeof(PortfolioDto))]
    [Refuses(ErrorCodes.NotFound)]
    public Task<IActionResult> GetPortfolio(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "investors/{investorId}/portfolio")] HttpRequest request,
        string investorId) =>
        ViewById(request, investorId, "investorId", "Portfolio", id => queries.GetPortfolioAsync(id, request.HttpContext.RequestAborted));

    [Function("ListFunds")]
    [Access(AccessRule.Public)]
    [Summary("Every fund, a page at a time, ordered by fund id.")]
    [Paged]
    [Answers(StatusCodes.Status200OK, typeof(PageDto<FundSummaryDto>))]
    public Task<IActionResult> ListFunds(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "funds")] HttpRequest request) =>
        Paged<FundSummaryDto>(request, acceptsSkip: false, async (page, _, ct) => await queries.ListFundsAsync(page, ct));

    [Function("GetFund")]
    [Access(AccessRule.Public)]
    [Summary("A fund with its properties, NAV and market figures.")]
    [Answers(StatusCodes.Status200OK, typeof(FundDto))]
    [Refuses(ErrorCodes.NotFound)]
    public Task<IActionResult> GetFund(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "funds/{fundId}")] HttpRequest request,
        string fundId) =>
        ViewById(request, fundId, "fundId", "Fund", id => queries.GetFundAsync(id, request.HttpContext.RequestAborted));

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
    [Summary("The fund's NAV after every change, oldest first, a page of instants at a time.")]
    [Paged]
    [Answers(StatusCodes.Status200OK, typeof(PageDto<NavPointDto>))]
    [Refuses(ErrorCodes.NotFound)]
    public Task<IActionResult> GetNavHistory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "funds/{fundId}/nav-history")] HttpRequest request,
        string fundId)
    {
        if (!RouteIds.TryParse(fundId, "fundId", out var id, out var badId))
        {
            return Task.FromResult<IActionResult>(badId!);
        }

        return Paged(request, acceptsSkip: false, (page, _, ct) => queries.GetNavHistoryAsync(id, page, ct), $"Fund {id} was not found (reads are eventually consistent: retry shortly after a command).");
    }

    [Function("GetOrderBook")]
    [Access(AccessRule.Public)]
    [Summary("The fund's resting bids and asks by price level.")]
    [Answers(StatusCodes.Status200OK, typeof(OrderBookDto))]
    [Refuses(ErrorCodes.NotFound)]
    public Task<IActionResult> GetOrderBook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "funds/{fundId}/orderbook")] HttpRequest request,
        string fundId) =>
        ViewById(request, fundId, "fundId", "Order book", id => queries.GetOrderBookAsync(id, request.HttpContext.RequestAborted));

    [Function("GetMcpi")]
    [Access(AccessRule.Public)]
    [Summary("The MCPI now, today's reference and the halt.")]
    [Answers(StatusCodes.Status200OK, typeof(McpiDto))]
    public async Task<IActionResult> GetMcpi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "mcpi")] HttpRequest request)
    {
        if (!TryWaitFor(request, out var waitFor, out var problem))
        {
            return problem!;
        }

        var mcpi = await VersionWait.ReadAsync<McpiDto>(async ct => await queries.GetMcpiAsync(ct), waitFor, VersionWait.MaxWait, TimeProvider.System, request.HttpContext.RequestAborted);
        return new ViewAnswer(mcpi!);
    }

    [Function("GetSubscription")]
    [Access(AccessRule.InvestorOwn | AccessRule.Operator, Owner = OwnedBy.Subscription)]
    [Summary("A subscription's status: pending, completed or rejected with its code.")]
    [Answers(StatusCodes.Status200OK, typeof(SubscriptionStatusDto))]
    public Task<IActionResult> GetSubscription(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subscriptions/{subscriptionId}")] HttpRequest request,
        string subscriptionId) =>
        ViewById(request, subscriptionId, "subscriptionId", "Subscription", id => queries.GetSubscriptionAsync(id, RequesterOf(request), request.HttpContext.RequestAborted));

    [Function("GetRedemption")]
    [Access(AccessRule.InvestorOwn | AccessRule.Operator, Owner = OwnedBy.Redemption)]
    [Summary("A redemption's status: pending, completed or rejected with its code.")]
    [Answers(StatusCodes.Status200OK, typeof(RedemptionStatusDto))]
    public Task<IActionResult> GetRedemption(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "redemptions/{redemptionId}")] HttpRequest request,
        string redemptionId) =>
        ViewById(request, redemptionId, "redemptionId", "Redemption", id => queries.GetRedemptionAsync(id, RequesterOf(request), request.HttpContext.RequestAborted));

    [Function("GetRoyalty")]
    [Access(AccessRule.Operator)]
    [Summary("A royalty's payout: holders paid out of holders of record until completed.")]
    [Answers(StatusCodes.Status200OK, typeof(RoyaltyStatusDto))]
    [Refuses(ErrorCodes.NotFound)]
    public Task<IActionResult> GetRoyalty(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "royalties/{royaltyId}")] HttpRequest request,
        string royaltyId) =>
        ViewById(request, royaltyId, "royaltyId", "Royalty", id => queries.GetRoyaltyAsync(id, request.HttpContext.RequestAborted));

    [Function("GetOrder")]
    [Access(AccessRule.InvestorOwn | AccessRule.Operator, Owner = OwnedBy.Order)]
    [Summary("An order's status and fills.")]
    [Answers(StatusCodes.Status200OK, typeof(OrderStatusDto))]
    public Task<IActionResult> GetOrder(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "orders/{orderId}")] HttpRequest request,
        string orderId) =>
        ViewById(request, orderId, "orderId", "Order", id => queries.GetOrderAsync(id, RequesterOf(request), request.HttpContext.RequestAborted));

    [Function("GetStreamEvents")]
    [Access(AccessRule.Operator)]
    [Summary("The audit trail of one stream, oldest first, a page of versions at a time.")]
    [Paged]
    [Answers(StatusCodes.Status200OK, typeof(PageDto<StreamEventDto>))]
    [Refuses(ErrorCodes.NotFound)]
    public Task<IActionResult> GetStreamEvents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "streams/{streamId}/events")] HttpRequest request,
        string streamId)
    {
        if (!Streams.IsWellFormed(streamId))
        {
            return Task.FromResult<IActionResult>(Problems.Validation("'streamId' may hold letters, digits, '-', '_' and '.' only."));
        }

        return Paged(request, acceptsSkip: false, (page, _, ct) => queries.GetStreamEventsAsync(streamId, page, ct), $"Stream {streamId} does not exist.");
    }

    [Function("Reconcile")]
    [Access(AccessRule.Operator)]
    [Summary("R24: the cash on both sides and what is in transit, from the running totals (verify=full: from the whole log).")]
    [QueryParameter("verify", typeof(string), "'full' folds the whole log instead of reading the running totals, to verify them.")]
    [Answers(StatusCodes.Status200OK, typeof(ReconciliationDto))]
    [Refuses(ErrorCodes.ValidationFailed)]
    public async Task<IActionResult> Reconcile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reconciliation")] HttpRequest request)
    {
        var verify = request.Query["verify"];
        if (verify.Count > 1 || (verify.Count == 1 && verify[0] != "full"))
        {
            return Problems.Validation("'verify' is absent or 'full'.");
        }

        return Ok(await queries.ReconcileAsync(request.HttpContext.RequestAborted, fullFold: verify.Count == 1));
    }

    /// <summary>
    /// A view by its route id, waiting (bounded) for the versions named by <c>waitFor</c>: until they are in, a view not
    /// projected yet is read again rather than answered 404, so a client that waits for its command's version sees it.
    /// </summary>
    private static async Task<IActionResult> ViewById<T>(HttpRequest request, string text, string name, string what, Func<Guid, Task<T?>> read)
        where T : VersionedDto
    {
        if (!RouteIds.TryParse(text, name, out var id, out var badId))
        {
            return badId!;
        }

        if (!TryWaitFor(request, out var waitFor, out var problem))
        {
            return problem!;
        }

        var found = await VersionWait.ReadAsync(_ => read(id), waitFor, VersionWait.MaxWait, TimeProvider.System, request.HttpContext.RequestAborted);
        return found is null ? NotFound($"{what} {id} was not found (reads are eventually consistent: retry shortly after a command).") : new ViewAnswer(found);
    }

    /// <summary>Reads <c>waitFor</c>: one or more <c>{streamId}:{version}</c>, comma-separated or repeated.</summary>
    private static bool TryWaitFor(HttpRequest request, out IReadOnlyList<StreamVersion> waitFor, out IActionResult? problem)
    {
        var parsed = new List<StreamVersion>();
        waitFor = parsed;
        problem = null;
        foreach (var text in request.Query[OpenApiContract.WaitForParameter].SelectMany(v => (v ?? "").Split(',')))
        {
            if (parsed.Count == MaxWaitFor || !StreamVersion.TryParse(text.Trim(), out var version))
            {
                problem = Problems.Validation($"'{OpenApiContract.WaitForParameter}' takes up to {MaxWaitFor} {{streamId}}:{{version}} pairs, as a command answer names them (e.g. investor-…:3).");
                return false;
            }

            parsed.Add(version);
        }

        return true;
    }

    /// <summary>The signed-in investor, whose own accepted requests answer pending before their status view exists.</summary>
    private static Guid? RequesterOf(HttpRequest request) => EdgeItems.CallerOf(request.HttpContext) is { IsInvestor: true } caller ? caller.InvestorId : null;

    private static JsonAnswer Ok(object value) => new(StatusCodes.Status200OK, value);

    private static JsonAnswer NotFound(string detail) => Problems.For(ErrorCodes.NotFound, detail);

    /// <summary>
    /// A list route: the paging parameters read by the one reader, the page asked of the query, a refused token a
    /// 400 (never a 5xx); a null page (the list's owner does not exist) a 404 with <paramref name="notFound"/>.
    /// </summary>
    private static async Task<IActionResult> Paged<T>(
        HttpRequest request,
        bool acceptsSkip,
        Func<PageRequest, int?, CancellationToken, Task<PageDto<T>?>> read,
        string notFound = "")
    {
        if (!PageParameters.TryRead(request, acceptsSkip, out var page, out var skip, out var problem))
        {
            return problem!;
        }

        try
        {
            var found = await read(page, skip, request.HttpContext.RequestAborted);
            return found is null ? NotFound(notFound) : Ok(found);
        }
        catch (InvalidContinuationException refused)
        {
            return PageParameters.BadToken(refused.Message);
        }
    }
}
