using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using OkCow.Application.Commands;
using OkCow.Application.Documents;
using OkCow.Application.EventStore;
using OkCow.Application.Projections;
using OkCow.Application.ReadModels;
using OkCow.Application.ReadModels.FundDetail;
using OkCow.Application.ReadModels.FundList;
using OkCow.Application.ReadModels.InvestorList;
using OkCow.Application.ReadModels.InvestorProfile;
using OkCow.Application.ReadModels.Mcpi;
using OkCow.Application.ReadModels.NavHistory;
using OkCow.Application.ReadModels.OrderBook;
using OkCow.Application.ReadModels.Portfolio;
using OkCow.Application.ReadModels.Reconciliation;
using OkCow.Application.ReadModels.Statuses;
using OkCow.Application.Serialization;
using OkCow.Domain.Common;
using OkCow.Domain.Funds;
using OkCow.Domain.Index;
using OkCow.Domain.Investors;
using OkCow.Domain.Positions;
using OkCow.Domain.Reconciliation;

namespace OkCow.Application.Queries;

/// <summary>
/// Everything the query routes answer; null means 404. Reads are point reads of read-model documents (id + partition
/// key), except the two that the spec wants from the log: a fund's figures as of an instant, and the reconciliation.
/// </summary>
public sealed class ReadQueries(
    IDocumentStore documents,
    IEventStore eventStore,
    IChangeFeed changeFeed,
    EventTypes eventTypes,
    TimeProvider clock)
{
    private const string PasswordHashProperty = "passwordHash";

    private readonly NavHistoryReader _navHistory = new(documents, eventStore, eventTypes);

    public async Task<InvestorProfileDto?> GetInvestorAsync(Guid investorId, CancellationToken cancellationToken = default)
    {
        var profile = await GetAsync<InvestorProfileView>(Containers.Investors, StreamKeys.Key(investorId), InvestorProfileView.DocumentId, cancellationToken).ConfigureAwait(false);
        return profile is null ? null : new InvestorProfileDto(profile.InvestorId, profile.Name, profile.LoginId, profile.RegisteredAt, profile.Erased) { Versions = VersionsOf(profile) };
    }

    public async Task<PortfolioDto?> GetPortfolioAsync(Guid investorId, CancellationToken cancellationToken = default)
    {
        var portfolio = await GetAsync<PortfolioView>(Containers.Investors, StreamKeys.Key(investorId), PortfolioView.DocumentId, cancellationToken).ConfigureAwait(false);
        if (portfolio is null)
        {
            return null;
        }

        var mcpiView = await GetMcpiViewAsync(cancellationToken).ConfigureAwait(false);
        var quotes = new FundQuotes(this, mcpiView?.State ?? McpiState.Empty);
        var holdings = new List<HoldingDto>(portfolio.Holdings.Count);
        foreach (var position in portfolio.Holdings.Values.OrderBy(p => p.FundId))
        {
            var (name, quote) = await quotes.GetAsync(position.FundId, cancellationToken).ConfigureAwait(false);
            var figures = position.Figures(quote);
            holdings.Add(new HoldingDto(
                position.FundId,
                name,
                figures.Units,
                figures.LockedUnits,
                quote.Nav,
                quote.CurrentPrice,
                figures.NavValue,
                figures.Valuation,
                figures.RoyaltiesReceived,
                figures.TotalPaid,
                figures.TotalReceived,
                figures.ReturnRate,
                figures.MarketReturnRate));
        }

        return new PortfolioDto(
            portfolio.InvestorId,
            portfolio.AvailableCash,
            portfolio.PendingCash,
            portfolio.AvailableCash + portfolio.PendingCash,
            DailyTotal.On(portfolio.TradingValue, Today),
            holdings) { Versions = VersionsOf([portfolio, mcpiView, .. quotes.Details]) };
    }

    /// <summary>
    /// A page of the investor list, ordered by investor id, from where <paramref name="page"/>'s token left off (the
    /// document store's continuation: keyset locally, the SDK's continuation token on Cosmos DB).
    /// </summary>
    public async Task<PageDto<InvestorSummaryDto>> ListInvestorsAsync(PageRequest page, CancellationToken cancellationToken = default)
    {
        var rows = await DirectoryPageAsync<InvestorListItemView>(InvestorListItemView.Partition, page, cancellationToken).ConfigureAwait(false);
        var items = await SummariesAsync(rows.Items, cancellationToken).ConfigureAwait(false);
        return PageOf(items, InvestorListItemView.Partition, rows.Continuation);
    }

    /// <summary>
    /// A page of the investor list by <paramref name="skip"/> (still accepted on /api/investors, SPEC 7): an offset
    /// read, so it answers whether more follow but no continuation token; clients should follow tokens instead.
    /// </summary>
    public async Task<PageDto<InvestorSummaryDto>> ListInvestorsAsync(int skip, int take, CancellationToken cancellationToken = default)
    {
        skip = Math.Max(skip, 0);
        take = Math.Clamp(take, 1, PageRequest.MaxTake);
        var rows = await documents.ListAsync<InvestorListItemView>(Containers.Directory, InvestorListItemView.Partition, skip, take + 1, cancellationToken).ConfigureAwait(false);
        var items = await SummariesAsync([.. rows.Take(take)], cancellationToken).ConfigureAwait(false);
        return new PageDto<InvestorSummaryDto>(items, null, rows.Count > take);
    }

    private async Task<List<InvestorSummaryDto>> SummariesAsync(IReadOnlyList<InvestorListItemView> rows, CancellationToken cancellationToken)
    {
        var quotes = new FundQuotes(this, await GetMcpiStateAsync(cancellationToken).ConfigureAwait(false));
        var items = new List<InvestorSummaryDto>(rows.Count);
        foreach (var row in rows.Where(r => r.Registered))
        {
            var valuation = 0L;
            foreach (var (fundId, units) in row.Units)
            {
                var (_, quote) = await quotes.GetAsync(fundId, cancellationToken).ConfigureAwait(false);
                valuation = checked(valuation + (units * quote.CurrentPrice));
            }

            items.Add(new InvestorSummaryDto(row.InvestorId, row.Name, row.LoginId, row.AvailableCash, row.PendingCash, row.AvailableCash + row.PendingCash, valuation, row.Erased));
        }

        return items;
    }

    public async Task<FundDto?> GetFundAsync(Guid fundId, CancellationToken cancellationToken = default)
    {
        var detail = await GetFundDetailAsync(fundId, cancellationToken).ConfigureAwait(false);
        if (detail is null)
        {
            return null;
        }

        var mcpiView = await GetMcpiViewAsync(cancellationToken).ConfigureAwait(false);
        var mcpi = mcpiView?.State ?? McpiState.Empty;
        var quote = QuoteOf(detail, mcpi.Current);
        var properties = detail.Properties
            .Select(p => new PropertyDto(
                p.PropertyId,
                p.CopyrightCode,
                p.RegistrationNumber,
                p.MusicId,
                p.Price,
                McpiProjection.ToIndex(p.McpiAtAcquisition),
                p.AcquiredAt,
                FundDecider.PropertyValue(p.ToDomain(), mcpi.Current)))
            .ToList();

        return new FundDto(
            detail.FundId,
            detail.Name,
            detail.BasePrice,
            detail.CreatedAt ?? default,
            detail.Cash,
            detail.UnitsOutstanding,
            properties,
            quote.NetAssets,
            quote.Nav,
            quote.CurrentPrice,
            detail.LastTradePrice,
            DailyTotal.On(detail.TradingValue, Today),
            mcpi.IsHalted(clock.GetUtcNow()),
            McpiProjection.ToIndex(mcpi.Current)) { Versions = VersionsOf(detail, mcpiView) };
    }

    /// <summary>The rows of one directory list (its partition) from where the page's token left off.</summary>
    private Task<DocumentPage<TView>> DirectoryPageAsync<TView>(string partition, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        return documents.ListPageAsync<TView>(
            Containers.Directory,
            partition,
            TakeOf(page),
            ContinuationTokens.Decode(page.ContinuationToken, partition),
            cancellationToken);
    }

    /// <summary>A page of the fund list, ordered by fund id (the document store's continuation, as for investors).</summary>
    public async Task<PageDto<FundSummaryDto>> ListFundsAsync(PageRequest page, CancellationToken cancellationToken = default)
    {
        var rows = await DirectoryPageAsync<FundListItemView>(FundListItemView.Partition, page, cancellationToken).ConfigureAwait(false);
        return PageOf([.. rows.Items.Select(f => new FundSummaryDto(f.FundId, f.Name, f.BasePrice, f.CreatedAt))], FundListItemView.Partition, rows.Continuation);
    }

    /// <summary>
    /// R11: the fund's figures as of <paramref name="at"/>: the fund's stream and the MCPI stream, each folded with the
    /// domain's own Evolve over the events recorded by then, starting from the NAV-history page checkpoints (see
    /// <see cref="NavHistoryReader.GetAtAsync"/>), or from the first event with <paramref name="fullFold"/>.
    /// Null if the fund did not exist yet.
    /// </summary>
    public async Task<FundNavAtDto?> GetFundNavAtAsync(Guid fundId, DateTimeOffset at, CancellationToken cancellationToken = default, bool fullFold = false)
    {
        var (fund, index) = fullFold
            ? await _navHistory.FoldAsync(fundId, at, cancellationToken).ConfigureAwait(false)
            : await _navHistory.GetAtAsync(fundId, at, cancellationToken).ConfigureAwait(false);
        if (!fund.Created)
        {
            return null;
        }

        var mcpi = index.Current;
        return new FundNavAtDto(
            fundId,
            at,
            fund.Cash,
            fund.UnitsOutstanding,
            FundDecider.NetAssets(fund, mcpi),
            FundDecider.Nav(fund, mcpi),
            McpiProjection.ToIndex(mcpi));
    }

    /// <summary>The fund's NAV history, walking its pages and the shared MCPI pages; null when the fund is not projected.</summary>
    public async Task<NavHistoryDto?> GetNavHistoryAsync(Guid fundId, CancellationToken cancellationToken = default)
    {
        var points = await _navHistory.GetPointsAsync(fundId, cancellationToken).ConfigureAwait(false);
        return points is null
            ? null
            : new NavHistoryDto(fundId, [.. points.Select(p => new NavPointDto(p.At, p.Nav, p.NetAssets, p.UnitsOutstanding, p.Cash, McpiProjection.ToIndex(p.Mcpi)))]);
    }

    /// <summary>
    /// A page of the fund's NAV history by time: the points after the instant the token names (the last point of the
    /// page before), oldest first; null when the fund is not projected.
    /// </summary>
    public async Task<PageDto<NavPointDto>?> GetNavHistoryAsync(Guid fundId, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        var list = $"nav-history:{StreamKeys.Key(fundId)}";
        var position = ContinuationTokens.Decode(page.ContinuationToken, list);
        DateTimeOffset? after = null;
        if (position is not null)
        {
            after = long.TryParse(position, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
                ? new DateTimeOffset(ticks, TimeSpan.Zero)
                : throw new InvalidContinuationException("The continuation token names no instant.");
        }

        var take = TakeOf(page);
        var points = await _navHistory.GetPointsAsync(fundId, after, take + 1, cancellationToken).ConfigureAwait(false);
        if (points is null)
        {
            return null;
        }

        var items = points.Take(take).Select(p => new NavPointDto(p.At, p.Nav, p.NetAssets, p.UnitsOutstanding, p.Cash, McpiProjection.ToIndex(p.Mcpi))).ToList();
        return points.Count > take
            ? new PageDto<NavPointDto>(items, ContinuationTokens.Encode(list, items[^1].At.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)), true)
            : new PageDto<NavPointDto>(items, null, false);
    }

    /// <summary>The fund's order book; empty (not 404) for a fund that exists but has never had an order.</summary>
    public async Task<OrderBookDto?> GetOrderBookAsync(Guid fundId, CancellationToken cancellationToken = default)
    {
        var book = await GetAsync<OrderBookView>(Containers.OrderBooks, StreamKeys.Key(fundId), OrderBookView.DocumentId, cancellationToken).ConfigureAwait(false);
        if (book is null)
        {
            return await GetFundDetailAsync(fundId, cancellationToken).ConfigureAwait(false) is { } fund ? new OrderBookDto(fundId, [], []) { Versions = VersionsOf(fund) } : null;
        }

        static List<PriceLevelDto> Levels(IEnumerable<BookLevel> levels) => [.. levels.Select(l => new PriceLevelDto(l.Price, l.Quantity, l.OrderCount))];
        return new OrderBookDto(fundId, Levels(book.Bids), Levels(book.Asks)) { Versions = VersionsOf(book) };
    }

    /// <summary>The index now: 100.00 and not halted before any publication (R7).</summary>
    public async Task<McpiDto> GetMcpiAsync(CancellationToken cancellationToken = default)
    {
        var view = await GetMcpiViewAsync(cancellationToken).ConfigureAwait(false);
        var state = view?.State ?? McpiState.Empty;
        var now = clock.GetUtcNow();
        var halted = state.IsHalted(now);
        return new McpiDto(
            McpiProjection.ToIndex(state.Current),
            state.LastAt,
            state.ReferenceValue(Kst.Day(now)) is { } reference ? McpiProjection.ToIndex(reference) : null,
            halted,
            halted ? state.HaltedUntil : null) { Versions = VersionsOf(view) };
    }

    /// <summary>
    /// The subscription's status; when its view has not caught up yet and <paramref name="requestedBy"/> is the investor
    /// who asked for it, pending from the request in their stream (SPEC 8: an accepted command's Location never 404s).
    /// </summary>
    public async Task<SubscriptionStatusDto?> GetSubscriptionAsync(Guid subscriptionId, Guid? requestedBy, CancellationToken cancellationToken = default) =>
        await GetSubscriptionAsync(subscriptionId, cancellationToken).ConfigureAwait(false)
        ?? (await AcceptedAsync(requestedBy, subscriptionId, cancellationToken).ConfigureAwait(false) is { Event: InvestorEvent.SubscriptionRequested e } found
            ? new SubscriptionStatusDto(e.SubscriptionId, StatusValues.Pending, null, e.InvestorId, e.FundId, e.Amount, null, null, null, e.At, e.At) { Versions = Single(found.StreamId, found.Version) }
            : null);

    /// <summary>The redemption's status, pending from the requester's stream until its view has caught up.</summary>
    public async Task<RedemptionStatusDto?> GetRedemptionAsync(Guid redemptionId, Guid? requestedBy, CancellationToken cancellationToken = default) =>
        await GetRedemptionAsync(redemptionId, cancellationToken).ConfigureAwait(false)
        ?? (await AcceptedAsync(requestedBy, redemptionId, cancellationToken).ConfigureAwait(false) is { Event: InvestorEvent.RedemptionRequested e } found
            ? new RedemptionStatusDto(e.RedemptionId, StatusValues.Pending, null, e.InvestorId, e.FundId, e.Units, null, null, e.At, e.At) { Versions = Single(found.StreamId, found.Version) }
            : null);

    /// <summary>The order's status, pending from the placer's stream until its view has caught up.</summary>
    public async Task<OrderStatusDto?> GetOrderAsync(Guid orderId, Guid? requestedBy, CancellationToken cancellationToken = default) =>
        await GetOrderAsync(orderId, cancellationToken).ConfigureAwait(false)
        ?? (await AcceptedAsync(requestedBy, orderId, cancellationToken).ConfigureAwait(false) is { Event: InvestorEvent.OrderPlaced e } found
            ? new OrderStatusDto(e.OrderId, StatusValues.Pending, null, e.InvestorId, e.FundId, e.Side, e.Price, e.Quantity, 0, e.Quantity, e.At, e.At) { Versions = Single(found.StreamId, found.Version) }
            : null);

    private async Task<(InvestorEvent Event, string StreamId, long Version)?> AcceptedAsync(Guid? requestedBy, Guid requestId, CancellationToken cancellationToken) =>
        requestedBy is { } investorId ? await _accepted.FindAsync(investorId, requestId, cancellationToken).ConfigureAwait(false) : null;

    public async Task<SubscriptionStatusDto?> GetSubscriptionAsync(Guid subscriptionId, CancellationToken cancellationToken = default)
    {
        var view = await GetStatusAsync<SubscriptionStatusView>(subscriptionId, cancellationToken).ConfigureAwait(false);
        if (view is not { Kind: SubscriptionStatusView.DocumentKind })
        {
            return null;
        }

        var (status, code) = StatusProjection.StatusOf(view);
        return new SubscriptionStatusDto(view.SubscriptionId, status, code, view.InvestorId, view.FundId, view.Amount, view.Units, view.Cost, view.Nav, view.RequestedAt, view.UpdatedAt) { Versions = VersionsOf(view) };
    }

    public async Task<RoyaltyStatusDto?> GetRoyaltyAsync(Guid royaltyId, CancellationToken cancellationToken = default)
    {
        var view = await GetStatusAsync<RoyaltyStatusView>(royaltyId, cancellationToken).ConfigureAwait(false);
        if (view is not { Kind: RoyaltyStatusView.DocumentKind })
        {
            return null;
        }

        var status = view.Completed ? StatusValues.Completed : StatusValues.Pending;
        return new RoyaltyStatusDto(view.RoyaltyId, status, view.FundId, view.Amount, view.HoldersPaid, view.HoldersOfRecord, view.Paid, view.Retained, view.RecordedAt, view.UpdatedAt) { Versions = VersionsOf(view) };
    }

    public async Task<RedemptionStatusDto?> GetRedemptionAsync(Guid redemptionId, CancellationToken cancellationToken = default)
    {
        var view = await GetStatusAsync<RedemptionStatusView>(redemptionId, cancellationToken).ConfigureAwait(false);
        if (view is not { Kind: RedemptionStatusView.DocumentKind })
        {
            return null;
        }

        var (status, code) = StatusProjection.StatusOf(view);
        return new RedemptionStatusDto(view.RedemptionId, status, code, view.InvestorId, view.FundId, view.Units, view.Proceeds, view.Nav, view.RequestedAt, view.UpdatedAt) { Versions = VersionsOf(view) };
    }

    public async Task<OrderStatusDto?> GetOrderAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        var view = await GetStatusAsync<OrderStatusView>(orderId, cancellationToken).ConfigureAwait(false);
        if (view is not { Kind: OrderStatusView.DocumentKind })
        {
            return null;
        }

        var (status, code) = StatusProjection.StatusOf(view);
        return new OrderStatusDto(
            view.OrderId,
            status,
            code,
            view.InvestorId,
            view.FundId,
            view.Side,
            view.Price,
            view.Quantity,
            view.FilledQuantity,
            StatusProjection.RemainingQuantityOf(view),
            view.PlacedAt,
            view.UpdatedAt) { Versions = VersionsOf(view) };
    }

    /// <summary>
    /// A page of one stream's audit trail by version, oldest first: the token names the next version to read. Null
    /// when the stream has no events.
    /// </summary>
    public async Task<PageDto<StreamEventDto>?> GetStreamEventsAsync(string streamId, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!Streams.IsWellFormed(streamId))
        {
            return null;
        }

        var list = $"events:{streamId}";
        var from = ContinuationTokens.Decode(page.ContinuationToken, list) is { } position
            ? long.TryParse(position, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var next) && next >= 1
                ? next
                : throw new InvalidContinuationException("The continuation token names no version.")
            : 1;
        var take = TakeOf(page);
        var events = await eventStore.ReadStreamAsync(streamId, new StreamReadOptions(from, from + take), cancellationToken).ConfigureAwait(false);
        if (events.Count == 0 && (from == 1 || await eventStore.ReadHeadAsync(streamId, cancellationToken).ConfigureAwait(false) is null))
        {
            return null;
        }

        var items = events.Take(take).Select(e => new StreamEventDto(
            e.EventId,
            e.Type,
            e.Version,
            e.Timestamp,
            e.Metadata.CorrelationId,
            e.Metadata.CausationId,
            e.Metadata.Actor,
            WithoutPasswordHash(e.Data),
            e.Metadata.TraceParent)).ToList();
        return events.Count > take
            ? new PageDto<StreamEventDto>(items, ContinuationTokens.Encode(list, (items[^1].Version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), true)
            : new PageDto<StreamEventDto>(items, null, false);
    }

    /// <summary>
    /// R24 from the running totals the reconciliation projection keeps (one point read; as of the events it has
    /// applied), or, with <paramref name="fullFold"/> or before the totals exist, from the whole log folded by the
    /// domain's <see cref="Ledger"/>, to verify them.
    /// </summary>
    public async Task<ReconciliationDto> ReconcileAsync(CancellationToken cancellationToken = default, bool fullFold = false)
    {
        var totals = fullFold
            ? null
            : await GetAsync<LedgerTotalsView>(Containers.Directory, LedgerTotalsView.Partition, LedgerTotalsView.DocumentId, cancellationToken).ConfigureAwait(false);
        var (ledger, events) = totals is not null
            ? (totals.Totals, totals.Events)
            : await LedgerLog.FoldAsync(changeFeed, eventTypes, cancellationToken).ConfigureAwait(false) is var fold ? (fold.State.Totals, fold.Events) : default;

        var r = Ledger.Reconcile(ledger);
        return new ReconciliationDto(
            r.InvestorCash,
            r.FundCash,
            r.Left,
            r.Deposits,
            r.Withdrawals,
            r.RoyaltyIncome,
            r.PropertyPurchases,
            r.Right,
            r.InTransit,
            r.OpenSagas,
            r.Agrees,
            r.Settled,
            events,
            clock.GetUtcNow());
    }

    private readonly AcceptedRequests _accepted = new(eventStore, eventTypes);

    private DateOnly Today => Kst.Day(clock.GetUtcNow());

    private static FundQuote QuoteOf(FundDetailView detail, long mcpi) =>
        new(FundDecider.NetAssets(detail.ToState(), mcpi), detail.UnitsOutstanding, detail.BasePrice, detail.LastTradePrice);

    /// <summary>Removes every property named passwordHash, at any depth, whatever its case.</summary>
    private static JsonElement WithoutPasswordHash(JsonElement data)
    {
        var node = JsonNode.Parse(data.GetRawText());
        Strip(node);
        return JsonSerializer.SerializeToElement(node, Json.Options);

        static void Strip(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var name in obj.Select(p => p.Key).Where(k => string.Equals(k, PasswordHashProperty, StringComparison.OrdinalIgnoreCase)).ToList())
                    {
                        obj.Remove(name);
                    }

                    foreach (var (_, child) in obj)
                    {
                        Strip(child);
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        Strip(child);
                    }

                    break;
            }
        }
    }

    private static int TakeOf(PageRequest page) =>
        page.Take is >= 1 and <= PageRequest.MaxTake ? page.Take : throw new ArgumentOutOfRangeException(nameof(page), page.Take, $"A page holds 1 to {PageRequest.MaxTake} items.");

    /// <summary>A page from the document store's continuation, wrapped in a token of <paramref name="list"/>.</summary>
    private static PageDto<T> PageOf<T>(IReadOnlyList<T> items, string list, string? continuation) =>
        continuation is null ? new PageDto<T>(items, null, false) : new PageDto<T>(items, ContinuationTokens.Encode(list, continuation), true);

    private async Task<McpiState> GetMcpiStateAsync(CancellationToken cancellationToken) =>
        (await GetMcpiViewAsync(cancellationToken).ConfigureAwait(false))?.State ?? McpiState.Empty;

    private Task<McpiView?> GetMcpiViewAsync(CancellationToken cancellationToken) =>
        GetAsync<McpiView>(Containers.Directory, McpiView.Partition, McpiView.DocumentId, cancellationToken);

    /// <summary>
    /// The source-stream versions an answer includes: every stream the first view applied, then those only the other
    /// views it read saw (a fund's detail behind a portfolio's quote, the MCPI).
    /// </summary>
    private static ImmutableSortedDictionary<string, long> VersionsOf(params IEnumerable<ProjectedView?> views)
    {
        var versions = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        foreach (var view in views)
        {
            foreach (var (stream, version) in view?.Applied ?? ImmutableDictionary<string, long>.Empty)
            {
                versions.TryAdd(stream, version);
            }
        }

        return versions.ToImmutable();
    }

    private static ImmutableSortedDictionary<string, long> Single(string streamId, long version) =>
        ImmutableSortedDictionary.Create<string, long>(StringComparer.Ordinal).Add(streamId, version);

    private async Task<FundDetailView?> GetFundDetailAsync(Guid fundId, CancellationToken cancellationToken)
    {
        var detail = await GetAsync<FundDetailView>(Containers.Funds, StreamKeys.Key(fundId), FundDetailView.DocumentId, cancellationToken).ConfigureAwait(false);
        return detail is { Created: true } ? detail : null;
    }

    private Task<TView?> GetStatusAsync<TView>(Guid id, CancellationToken cancellationToken)
        where TView : ProjectedView
    {
        var key = StreamKeys.Key(id);
        return GetAsync<TView>(Containers.Statuses, key, key, cancellationToken);
    }

    private async Task<TView?> GetAsync<TView>(string container, string partitionKey, string id, CancellationToken cancellationToken)
        where TView : class =>
        (await documents.GetAsync<TView>(container, partitionKey, id, cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>Fund quotes of one query, each fund's detail document read at most once.</summary>
    private sealed class FundQuotes(ReadQueries queries, McpiState mcpi)
    {
        private readonly Dictionary<Guid, (string Name, FundQuote Quote)> _quotes = [];

        /// <summary>The fund details read, for the versions the answer includes.</summary>
        public List<FundDetailView> Details { get; } = [];

        public async Task<(string Name, FundQuote Quote)> GetAsync(Guid fundId, CancellationToken cancellationToken)
        {
            if (!_quotes.TryGetValue(fundId, out var quote))
            {
                // A fund the read side has not caught up with yet is quoted at zero rather than failing the whole page.
                var detail = await queries.GetFundDetailAsync(fundId, cancellationToken).ConfigureAwait(false);
                quote = detail is null ? ("", new FundQuote(0, 0, 0, null)) : (detail.Name, QuoteOf(detail, mcpi.Current));
                if (detail is not null)
                {
                    Details.Add(detail);
                }

                _quotes[fundId] = quote;
            }

            return quote;
        }
    }
}
