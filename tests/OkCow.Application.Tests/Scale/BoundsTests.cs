using System.Text.Json;
using OkCow.Application.Commands;
using OkCow.Application.Documents;
using OkCow.Application.ReadModels.Register;
using OkCow.Application.Tests.Sagas;
using OkCow.Application.Serialization;
using OkCow.Domain.Funds;
using OkCow.Domain.Investors;
using OkCow.Domain.Markets;
using Xunit.Abstractions;
using FundHandler = OkCow.Application.Commands.AggregateHandler<OkCow.Domain.Funds.FundDecider, OkCow.Domain.Funds.FundCommand, OkCow.Domain.Funds.FundEvent, OkCow.Domain.Funds.FundState>;
using InvestorHandler = OkCow.Application.Commands.AggregateHandler<OkCow.Domain.Investors.InvestorDecider, OkCow.Domain.Investors.InvestorCommand, OkCow.Domain.Investors.InvestorEvent, OkCow.Domain.Investors.InvestorState>;

namespace OkCow.Application.Tests.Scale;

/// <summary>
/// SPEC §10 on the embedded store, not timed: a fund with many holders (each subscribed through the saga, the read side
/// projecting everything) keeps a head under 16 KB and writes no batch and no document over 64 KB; a royalty to all of
/// them completes, paid page by page; then more subscriptions, redemptions and trades between holders settle. The suite
/// runs 2,000 holders (20 register pages; the old register alone would have made a 160 KB head);
/// <c>OKCOW_BOUNDS_HOLDERS=100000</c> runs the largest figure SPEC §10 names (about four minutes here), as
/// build/bench.sh does, which also reads the line this test prints (the times in it are figures, never asserted).
/// </summary>
public sealed class BoundsTests(ITestOutputHelper output) : IDisposable
{
    private const int HeadLimit = 16 * 1024;
    private const int BatchLimit = 64 * 1024;

    private static readonly int Holders = int.TryParse(Environment.GetEnvironmentVariable("OKCOW_BOUNDS_HOLDERS"), out var holders) ? holders : 2_000;

    /// <summary>Feed pages between two looks at the largest document while the subscriptions settle (about 60 looks in all).</summary>
    private static readonly int InFlightLookEvery = Math.Max(5, Holders / 1_000);

    /// <summary>How many holders subscribe again, redeem, sell and buy once the fund is full.</summary>
    private const int Samples = 100;

    /// <summary>The price of the trades between holders: the fund's first NAV, inside any band.</summary>
    private const long TradePrice = 10_000;

    private MeasuringEventStore? _measured;
    private WriteSideHarness? _harness;

    private WriteSideHarness Harness => _harness ??= new WriteSideHarness(withReadSide: true, wrapEvents: inner => _measured = new MeasuringEventStore(inner));

    private MeasuringEventStore Measured => _measured ?? throw new InvalidOperationException("The harness did not wrap the store.");

    public void Dispose() => _harness?.Dispose();

    [Fact]
    public async Task GivenAFullFund_WhenHoldersReceiveARoyaltySubscribeRedeemAndTrade_ThenNoHeadBatchOrDocumentOutgrowsItsBound()
    {
        var fund = Guid.NewGuid();
        await Harness.Commands.CreateFundAsync(fund, "Popular fund", 10_000, WriteSideHarness.Operator, default);
        var investors = Harness.Get<InvestorHandler>();
        var now = Harness.Clock.GetUtcNow();
        var holders = new Guid[Holders];
        for (var i = 0; i < Holders; i++)
        {
            var id = holders[i] = Guid.NewGuid();
            var stream = Streams.Investor(id);
            await investors.HandleAsync(stream, new InvestorCommand.Register(id, "Holder", $"holder{i:D5}", "not-a-real-hash", now), WriteSideHarness.Operator);
            await investors.HandleAsync(stream, new InvestorCommand.Deposit(id, 20_000, now), WriteSideHarness.Operator);
            await Harness.Commands.SubscribeAsync(fund, Guid.NewGuid(), id, 10_000 * (1 + (i % 2)), WriteSideHarness.Operator, default);
        }

        // Every subscription is in flight at once here, the worst case for anything kept per saga in flight: the
        // documents are looked at while the sagas settle, not only once they have.
        var largestInFlight = 0L;
        await Harness.DrainAsync(page =>
        {
            if (page % InFlightLookEvery == 0)
            {
                largestInFlight = Math.Max(largestInFlight, Harness.LargestStored().Document);
            }
        });
        var payout = System.Diagnostics.Stopwatch.StartNew();
        await Harness.Commands.DistributeRoyaltyAsync(fund, Guid.NewGuid(), 1_000_000_007, WriteSideHarness.Operator, default);
        await Harness.DrainAsync();
        payout.Stop();

        var events = await Harness.EventsOfAsync(Streams.Fund(fund));
        var completed = Assert.Single(events.OfType<FundEvent.RoyaltyCompleted>());
        Assert.Equal(Holders, completed.HoldersPaid);
        Assert.Equal(Holders / RegisterDocuments.PageSize, events.OfType<FundEvent.RoyaltyPagePaid>().Count());
        Assert.Equal(1_000_000_007, completed.Paid + completed.Retained);
        var state = (await Harness.Get<FundHandler>().LoadAsync(Streams.Fund(fund))).State;
        Assert.Equal((Holders * 3 / 2L, null), (state.UnitsOutstanding, state.Royalty));

        // The fund full, holders go on: even holders (10,000 cash left and their royalty) subscribe one unit more or buy, odd ones (two units)
        // redeem one or sell one; every step through its saga, each timed from the command to the settled state.
        var subscribe = await TimedAsync(s => Harness.Commands.SubscribeAsync(fund, Guid.NewGuid(), holders[4 * s], 15_000, WriteSideHarness.Operator, default));
        var redeem = await TimedAsync(s => Harness.Commands.RedeemAsync(fund, Guid.NewGuid(), holders[(4 * s) + 1], 1, WriteSideHarness.Operator, default));
        var trade = await TimedAsync(async s =>
        {
            await Harness.Commands.PlaceOrderAsync(fund, Guid.NewGuid(), holders[(4 * s) + 3], OrderSide.Sell, TradePrice, 1, WriteSideHarness.Operator, default);
            await Harness.DrainAsync();
            return await Harness.Commands.PlaceOrderAsync(fund, Guid.NewGuid(), holders[(4 * s) + 2], OrderSide.Buy, TradePrice, 1, WriteSideHarness.Operator, default);
        });

        state = (await Harness.Get<FundHandler>().LoadAsync(Streams.Fund(fund))).State;
        events = await Harness.EventsOfAsync(Streams.Fund(fund));
        Assert.Equal(
            (Holders + Samples, Samples, Holders * 3 / 2L),
            (events.OfType<FundEvent.UnitsIssued>().Count(), events.OfType<FundEvent.UnitsRedeemed>().Count(), state.UnitsOutstanding));
        var trades = (await Harness.EventsOfAsync(Streams.OrderBook(fund))).OfType<OrderBookEvent.TradeExecuted>().ToList();
        Assert.Equal(Samples, trades.Count);
        for (var s = 0; s < Samples; s++)
        {
            Assert.Equal(2, (await InvestorAsync(holders[4 * s])).Holdings[fund].Units);
            Assert.Equal(1, (await InvestorAsync(holders[(4 * s) + 1])).Holdings[fund].Units);
            Assert.Equal(2, (await InvestorAsync(holders[(4 * s) + 2])).Holdings[fund].Units);
            Assert.Equal(1, (await InvestorAsync(holders[(4 * s) + 3])).Holdings[fund].Units);
        }

        var largestRegisterDocument = await LargestRegisterDocumentAsync(fund);
        var stored = Harness.LargestStored();
        output.WriteLine(
            "{0} holders: fund head {1} B, investor head {2} B, largest append {3} B, largest register document {4} B, largest document {5} B ({12}; {13} B while the subscriptions settled), largest state page {6} B, {7} appends, royalty {8:F1} s, subscription {9:F2} ms, redemption {10:F2} ms, trade {11:F2} ms",
            Holders,
            Measured.LargestSnapshotBytes("fund"),
            Measured.LargestSnapshotBytes("investor"),
            Measured.LargestAppendBytes,
            largestRegisterDocument,
            stored.Document,
            stored.Page,
            Measured.Appends,
            payout.Elapsed.TotalSeconds,
            subscribe,
            redeem,
            trade,
            stored.DocumentName,
            largestInFlight);
        Assert.InRange(Measured.LargestSnapshotBytes("fund"), 1, HeadLimit);
        Assert.InRange(Measured.LargestSnapshotBytes("investor"), 1, HeadLimit);
        Assert.InRange(Measured.LargestAppendBytes, 1, BatchLimit);
        Assert.InRange(largestRegisterDocument, 1, BatchLimit);
        Assert.InRange(stored.Document, 1, BatchLimit);
        Assert.InRange(largestInFlight, 1, BatchLimit);
        Assert.InRange(stored.Head, 1, HeadLimit);
        Assert.InRange(stored.Page, 0, BatchLimit);
    }

    /// <summary>Runs <paramref name="step"/> for each sample and drains the feed after it; the median milliseconds of one.</summary>
    private async Task<double> TimedAsync(Func<int, Task<CommandReceipt>> step)
    {
        var times = new double[Samples];
        for (var s = 0; s < Samples; s++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await step(s);
            await Harness.DrainAsync();
            times[s] = clock.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return times[Samples / 2];
    }

    private Task<InvestorState> InvestorAsync(Guid id) =>
        Harness.LoadAsync<InvestorDecider, InvestorCommand, InvestorEvent, InvestorState>(Streams.Investor(id));

    private async Task<long> LargestRegisterDocumentAsync(Guid fund)
    {
        var partition = RegisterDocuments.PartitionKey(fund);
        var head = (await Harness.Documents.GetAsync<RegisterHead>(Containers.Funds, partition, RegisterDocuments.HeadId))!.Value;
        var largest = JsonSerializer.SerializeToUtf8Bytes(head, Json.Options).LongLength;
        for (var page = 0; page < RegisterDocuments.PageCount(head.Slots); page++)
        {
            var document = (await Harness.Documents.GetAsync<RegisterPage>(Containers.Funds, partition, RegisterDocuments.PageId(page)))!.Value;
            largest = Math.Max(largest, JsonSerializer.SerializeToUtf8Bytes(document, Json.Options).LongLength);
        }

        return largest;
    }
}
