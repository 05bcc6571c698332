using OkCow.Application.Commands;
using OkCow.Application.Documents;
using OkCow.Application.Queries;
using OkCow.Application.ReadModels.NavHistory;
using OkCow.Application.EventStore;
using OkCow.Application.ReadModels.Register;
using OkCow.Application.Serialization;
using OkCow.Application.Tests.Sagas;
using OkCow.Domain.Funds;
using OkCow.Domain.Investors;
using OkCow.Domain.Markets;
using OkCow.Domain.Reconciliation;
using FundHandler = OkCow.Application.Commands.AggregateHandler<OkCow.Domain.Funds.FundDecider, OkCow.Domain.Funds.FundCommand, OkCow.Domain.Funds.FundEvent, OkCow.Domain.Funds.FundState>;
using InvestorHandler = OkCow.Application.Commands.AggregateHandler<OkCow.Domain.Investors.InvestorDecider, OkCow.Domain.Investors.InvestorCommand, OkCow.Domain.Investors.InvestorEvent, OkCow.Domain.Investors.InvestorState>;

namespace OkCow.Application.Tests.Upgrade;

/// <summary>
/// A data folder written by main at 0e310a7 (Fixtures/main-0e310a7: SPEC §3 steps 1–6, with V1 snapshots holding the
/// register and processed ids, and a V1 royalty listing its shares) opens with today's code: old snapshots are refolded
/// from the events, the figures are those of the worked example, and a new royalty is paid in pages to the holders the
/// register catches up from the log.
/// </summary>
public sealed class OldDataTests : IDisposable
{
    private static readonly Guid A = Guid.Parse("e14948f2-ea5e-4da2-9509-9c7ae21f27b2");
    private static readonly Guid B = Guid.Parse("3ef40589-d27a-44f4-92cb-e4e9ab499cd8");
    private static readonly Guid C = Guid.Parse("bebdb524-8d4e-4092-ad30-90453b89b8c9");
    private static readonly Guid F = Guid.Parse("106a3de7-d436-4b91-b795-5d7c5f1d3819");

    private readonly WriteSideHarness _harness = new(seedFolder: Path.Combine(AppContext.BaseDirectory, "Fixtures", "main-0e310a7"));

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task GivenAFolderFromMain0e310a7_WhenOpened_ThenTheWorkedExampleFiguresLoadFromItsV1Data()
    {
        var fundHead = await _harness.Events.ReadHeadAsync(Streams.Fund(F));
        Assert.Equal("FundState.v1", fundHead!.Snapshot!.Schema);

        var fund = (await _harness.Get<FundHandler>().LoadAsync(Streams.Fund(F))).State;
        Assert.Equal((880_000L, 180L, null), (fund.Cash, fund.UnitsOutstanding, fund.Royalty));
        Assert.Equal(fundHead.Version, fund.Version);

        var (a, b, c) = (await InvestorAsync(A), await InvestorAsync(B), await InvestorAsync(C));
        Assert.Equal((10_000L, 175_000L, 53_000L), (a.Available, b.Available, c.Available));
        Assert.Equal((new Holding(100, 0), new Holding(40, 10), new Holding(40, 0)), (a.HoldingOf(F), b.HoldingOf(F), c.HoldingOf(F)));

        var report = Ledger.Reconcile(Ledger.Fold(await AllEventsAsync()));
        Assert.True(report.Agrees && report.Settled, report.ToString());
    }

    [Fact]
    public async Task GivenAFolderFromMain0e310a7_WhenANewRoyaltyIsPaid_ThenTheRegisterCatchesUpFromTheLogAndPaysEveryHolderOfRecord()
    {
        await _harness.SkipFeedToEndAsync();

        await _harness.Commands.DistributeRoyaltyAsync(F, Guid.NewGuid(), 1_800, WriteSideHarness.Operator, default);
        await _harness.DrainAsync();

        // 100, 40 and 40 units of 180: 1,000, 400 and 400.
        Assert.Equal((11_000L, 175_400L, 53_400L), ((await InvestorAsync(A)).Available, (await InvestorAsync(B)).Available, (await InvestorAsync(C)).Available));
        var register = new RegisterReader(_harness.Documents);
        Assert.Equal((100L, 40L, 40L), (await register.UnitsOfAsync(F, A), await register.UnitsOfAsync(F, B), await register.UnitsOfAsync(F, C)));
        Assert.Equal(3, (await register.HeadAsync(F))!.Holders);
        var report = Ledger.Reconcile(Ledger.Fold(await AllEventsAsync()));
        Assert.True(report.Agrees && report.Settled, report.ToString());
    }

    [Fact]
    public async Task GivenAFolderFromMain0e310a7_WhenTheFundNextChanges_ThenItsOneDocumentNavHistoryIsPagedFromTheLogWithTheSamePoints()
    {
        using var harness = new WriteSideHarness(withReadSide: true, seedFolder: Path.Combine(AppContext.BaseDirectory, "Fixtures", "main-0e310a7"));
        var queries = harness.Get<ReadQueries>();
        var before = (await queries.GetNavHistoryAsync(F))!.Points;
        Assert.Equal((880_000L, 180L), (before[^1].Cash, before[^1].UnitsOutstanding));
        Assert.Null(await harness.Documents.GetAsync<FundNavPage>(Containers.Funds, F.ToString("D"), FundNavPage.IdOf(0)));
        await harness.SkipFeedToEndAsync();

        harness.Clock.Advance(TimeSpan.FromDays(60));
        await harness.Commands.AcquirePropertyAsync(F, Guid.NewGuid(), "SONG-9", "REG-9", "M-9", 80_000, WriteSideHarness.Operator, CancellationToken.None);
        await harness.DrainAsync();

        var after = (await queries.GetNavHistoryAsync(F))!.Points;
        Assert.NotNull(await harness.Documents.GetAsync<FundNavPage>(Containers.Funds, F.ToString("D"), FundNavPage.IdOf(0)));
        Assert.Equal(before, after.Take(before.Count));
        Assert.Equal((800_000L, 180L), (after[^1].Cash, after[^1].UnitsOutstanding));
        foreach (var at in before.Select(p => p.At).Append(harness.Clock.GetUtcNow()))
        {
            Assert.Equal(await queries.GetFundNavAtAsync(F, at, fullFold: true), await queries.GetFundNavAtAsync(F, at));
        }
    }

    [Fact]
    public async Task GivenAFolderFromMain0e310a7_WhenABuyMeetsTheSellRestingInItsBook_ThenThatOldOrderFillsFirstAndItsRestCancels()
    {
        var restingSell = Guid.Parse("13d883fe-8ed7-43ba-a99d-58476bd46768");
        var book = Streams.OrderBook(F);
        Assert.Equal("OrderBookState.v1", (await _harness.Events.ReadHeadAsync(book))!.Snapshot!.Schema);
        await _harness.SkipFeedToEndAsync();

        await _harness.Commands.PlaceOrderAsync(F, Guid.NewGuid(), C, OrderSide.Buy, 12_000, 4, WriteSideHarness.Operator, default);
        await _harness.DrainAsync();

        var trade = Assert.Single((await _harness.EventsOfAsync(book)).OfType<OrderBookEvent.TradeExecuted>(), t => t.BuyerId == C && t.Quantity == 4);
        Assert.Equal((restingSell, B, false), (trade.SellOrderId, trade.SellerId, trade.SellOrderFilled));
        Assert.Equal(OrderBookHandler.SnapshotSchema, (await _harness.Events.ReadHeadAsync(book))!.Snapshot!.Schema);
        Assert.Equal(new RestingOrder(restingSell, B, OrderSide.Sell, 12_000, 6, 0m), Assert.Single((await _harness.Get<OrderBookHandler>().LoadAsync(book)).State.Legacy));

        await _harness.Commands.CancelOrderAsync(F, restingSell, WriteSideHarness.Operator, default);
        await _harness.DrainAsync();

        Assert.Equal(new Holding(36, 0), (await InvestorAsync(B)).HoldingOf(F));
        Assert.Equal(new Holding(44, 0), (await InvestorAsync(C)).HoldingOf(F));
        var report = Ledger.Reconcile(Ledger.Fold(await AllEventsAsync()));
        Assert.True(report.Agrees && report.Settled, report.ToString());
    }

    private async Task<InvestorState> InvestorAsync(Guid id) =>
        (await _harness.Get<InvestorHandler>().LoadAsync(Streams.Investor(id))).State;

    private async Task<IReadOnlyList<object>> AllEventsAsync()
    {
        var all = new List<object>();
        string? continuation = null;
        while (await ((IChangeFeed)_harness.Events).ReadAsync(continuation, 1_000) is { Events.Count: > 0 } page)
        {
            all.AddRange(page.Events.Select(EventTypes.Default.Deserialize));
            continuation = page.Continuation;
        }

        return all;
    }

    [Fact]
    public async Task GivenAFolderFromMain0e310a7_ThenItsInvestorsKeepTheirLoginIdsAndAnErasureRefusesClearlyInsteadOfKeepingTheName()
    {
        var taken = await Assert.ThrowsAsync<OkCow.Domain.Common.DomainException>(() =>
            _harness.Commands.RegisterInvestorAsync(Guid.NewGuid(), "Impostor", "alice", "correct horse battery", WriteSideHarness.Operator, default));
        Assert.Equal("LOGIN_ID_TAKEN", taken.Code);

        var refused = await Assert.ThrowsAsync<OkCow.Domain.Common.DomainException>(() =>
            _harness.Commands.EraseInvestorAsync(A, WriteSideHarness.Operator, default));
        Assert.Equal("PERSONAL_DATA_NOT_UPGRADED", refused.Code);
        Assert.True((await InvestorAsync(A)).Registered);
    }
}
