using OkCow.Application.ChangeFeed;
using OkCow.Application.Commands;
using OkCow.Application.EventStore;
using OkCow.Application.Serialization;
using OkCow.Application.Tests.Sagas;
using OkCow.Domain.Common;
using OkCow.Domain.Investors;
using OkCow.Domain.Markets;
using Xunit.Abstractions;
using InvestorHandler = OkCow.Application.Commands.AggregateHandler<OkCow.Domain.Investors.InvestorDecider, OkCow.Domain.Investors.InvestorCommand, OkCow.Domain.Investors.InvestorEvent, OkCow.Domain.Investors.InvestorState>;

namespace OkCow.Application.Tests.Scale;

/// <summary>
/// SPEC §10 for the market, on the embedded store and not timed: 2,000 orders rest in one book (1,000 at one price,
/// 1,000 over 25 others); one buy fills 700 of them in bounded steps while appends crash before and after committing
/// and every event is delivered twice; every sell fills once, in time priority, and no head or batch of the book
/// outgrows its bound.
/// </summary>
public sealed class OrderBookScaleTests(ITestOutputHelper output) : IDisposable
{
    private const int HeadLimit = 16 * 1024;
    private const int BatchLimit = 64 * 1024;
    private const int Sellers = 20;
    private const int AtOnePricePerSeller = 50;
    private const int ElsewherePerSeller = 25;
    private const long Price = 12_000;
    private const int Bought = 700;

    private MeasuringEventStore? _measured;
    private CrashingEventStore? _crashing;
    private WriteSideHarness? _created;

    private WriteSideHarness Harness => _created ??= new WriteSideHarness(wrapEvents: inner => _crashing = new CrashingEventStore(_measured = new MeasuringEventStore(inner)));

    public void Dispose() => _created?.Dispose();

    [Fact]
    public async Task GivenTwoThousandRestingSells_WhenOneBuyFillsSevenHundredThroughCrashesAndRedeliveries_ThenEachFillsOnceInTimePriorityWithinTheBounds()
    {
        var fund = Guid.NewGuid();
        await Harness.Commands.CreateFundAsync(fund, "Deep market", 10_000, WriteSideHarness.Operator, default);
        var atPrice = new List<Guid>();
        var sellers = new List<Guid>();
        for (var s = 0; s < Sellers; s++)
        {
            var seller = await InvestorAsync(1_000_000);
            sellers.Add(seller);
            await Harness.Commands.SubscribeAsync(fund, Guid.NewGuid(), seller, 1_000_000, WriteSideHarness.Operator, default);
        }

        await Harness.DrainAsync();

        // Interleaved over the sellers, so time priority at one price crosses investors.
        for (var n = 0; n < AtOnePricePerSeller; n++)
        {
            foreach (var seller in sellers)
            {
                var order = Guid.NewGuid();
                atPrice.Add(order);
                await Harness.Commands.PlaceOrderAsync(fund, order, seller, OrderSide.Sell, Price, 1, WriteSideHarness.Operator, default);
                await Harness.Commands.PlaceOrderAsync(fund, Guid.NewGuid(), seller, OrderSide.Sell, 7_000 + (n % ElsewherePerSeller * 100), 1, WriteSideHarness.Operator, default);
            }

            await Harness.DrainAsync();
        }

        var bookStream = Streams.OrderBook(fund);
        var versionBefore = (await Harness.Events.ReadHeadAsync(bookStream))!.Version;
        var feedBefore = await FeedEndAsync();
        var buyer = await InvestorAsync(10_000_000);
        var buy = Guid.NewGuid();
        await Harness.Commands.PlaceOrderAsync(fund, buy, buyer, OrderSide.Buy, Price, Bought, WriteSideHarness.Operator, default);

        _crashing!.Enabled = true;
        var continuation = await DeliverAtLeastOnceAsync(feedBefore);
        _crashing.Enabled = false;
        Assert.True(_crashing.Crashes >= 10, $"{_crashing.Crashes} crashes");

        var bookEvents = (await Harness.Events.ReadStreamAsync(bookStream, new StreamReadOptions(versionBefore + 1)))
            .Select(EventTypes.Default.Deserialize).ToList();
        var trades = bookEvents.OfType<OrderBookEvent.TradeExecuted>().ToList();
        Assert.Equal(atPrice.Take(Bought), trades.Select(t => t.SellOrderId));
        Assert.Equal(Bought, trades.Select(t => t.TradeId).Distinct().Count());
        Assert.All(trades, t => Assert.Equal((buy, Price, 1L, true), (t.BuyOrderId, t.Price, t.Quantity, t.SellOrderFilled)));
        Assert.True(trades[^1].BuyOrderFilled);
        Assert.Equal((Bought + OrderBookDecider.MaxTradesPerStep - 1) / OrderBookDecider.MaxTradesPerStep - 1, bookEvents.OfType<OrderBookEvent.MatchingContinues>().Count());

        var investors = Harness.Get<InvestorHandler>();
        var bought = (await investors.LoadAsync(Streams.Investor(buyer))).State;
        Assert.Equal((10_000_000L - (Bought * Price), 0L, new Holding(Bought, 0)), (bought.Available, bought.Pending, bought.HoldingOf(fund)));
        var sold = (await investors.LoadAsync(Streams.Investor(sellers[0]))).State;
        Assert.Equal(new Holding(100 - (Bought / Sellers), (AtOnePricePerSeller * 2) - (Bought / Sellers)), sold.HoldingOf(fund));

        // The whole feed once more: every step is recognised, nothing is written.
        var versionAfter = (await Harness.Events.ReadHeadAsync(bookStream))!.Version;
        await DeliverAtLeastOnceAsync(feedBefore);
        Assert.Equal(versionAfter, (await Harness.Events.ReadHeadAsync(bookStream))!.Version);
        Assert.Equal(continuation, await FeedEndAsync());

        // The first unfilled order still rests and cancels; a filled one is not open.
        await Harness.Commands.CancelOrderAsync(fund, atPrice[Bought], WriteSideHarness.Operator, default);
        var refusal = await Assert.ThrowsAsync<DomainException>(() => Harness.Commands.CancelOrderAsync(fund, atPrice[0], WriteSideHarness.Operator, default));
        Assert.Equal(ErrorCodes.OrderNotOpen, refusal.Code);

        var head = await Harness.Events.ReadHeadAsync(bookStream);
        output.WriteLine(
            "book head {0} B, largest book append {1} B, most operations {2}, crashes {3}",
            head!.Snapshot!.Data.GetRawText().Length,
            _measured!.LargestAppendBytesOf("orderbook"),
            _measured.MostOperationsOf("orderbook"),
            _crashing.Crashes);
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(head!.Snapshot!.Data.GetRawText()), 1, 1024);
        Assert.InRange(_measured!.LargestSnapshotBytes("orderbook"), 1, HeadLimit);
        Assert.InRange(_measured.LargestAppendBytesOf("orderbook"), 1, BatchLimit);
        Assert.InRange(_measured.MostOperationsOf("orderbook"), 1, 60);
    }

    private async Task<Guid> InvestorAsync(long deposit)
    {
        var id = Guid.NewGuid();
        var investors = Harness.Get<InvestorHandler>();
        var now = Harness.Clock.GetUtcNow();
        await investors.HandleAsync(Streams.Investor(id), new InvestorCommand.Register(id, "Trader", $"trader{id:N}"[..30], "not-a-real-hash", now), WriteSideHarness.Operator);
        await investors.HandleAsync(Streams.Investor(id), new InvestorCommand.Deposit(id, deposit, now), WriteSideHarness.Operator);
        return id;
    }

    private async Task<string?> FeedEndAsync()
    {
        string? continuation = null;
        while (await ((IChangeFeed)Harness.Events).ReadAsync(continuation, 1_000) is { Events.Count: > 0 } page)
        {
            continuation = page.Continuation;
        }

        return continuation;
    }

    /// <summary>
    /// Every saga and the register get every event from <paramref name="from"/> on, each twice; a crash is answered by
    /// delivering the same event again, as the feed does when a host dies before its checkpoint.
    /// </summary>
    private async Task<string?> DeliverAtLeastOnceAsync(string? from)
    {
        var handlers = Harness.Get<IEnumerable<IEventHandler>>().ToList();
        var continuation = from;
        while (await ((IChangeFeed)Harness.Events).ReadAsync(continuation, 100) is { Events.Count: > 0 } page)
        {
            foreach (var stored in page.Events)
            {
                var envelope = new EventEnvelope(stored, EventTypes.Default.Deserialize(stored));
                foreach (var handler in handlers)
                {
                    for (var delivery = 0; delivery < 2; delivery++)
                    {
                        for (var attempt = 1; ; attempt++)
                        {
                            try
                            {
                                await handler.HandleAsync(envelope, default);
                                break;
                            }
                            catch (SimulatedCrashException) when (attempt < 20)
                            {
                            }
                        }
                    }
                }
            }

            continuation = page.Continuation;
        }

        return continuation;
    }

    private sealed class SimulatedCrashException(string message) : Exception(message);

    /// <summary>While enabled, every 4th append to an order book commits and then fails, every 7th fails before committing.</summary>
    private sealed class CrashingEventStore(IEventStore inner) : IEventStore
    {
        private int _bookAppends;

        public bool Enabled { get; set; }

        public int Crashes { get; private set; }

        public Task<AppendResult> AppendAsync(string streamId, ExpectedVersion expected, IReadOnlyList<NewEvent> events, Snapshot? snapshot = null, CancellationToken cancellationToken = default) =>
            inner.AppendAsync(streamId, expected, events, snapshot, cancellationToken);

        public async Task<AppendResult> AppendWithPagesAsync(string streamId, ExpectedVersion expected, IReadOnlyList<NewEvent> events, Snapshot snapshot, IReadOnlyList<PageWrite> pages, CancellationToken cancellationToken = default)
        {
            var n = Enabled && streamId.StartsWith("orderbook-", StringComparison.Ordinal) ? ++_bookAppends : 0;
            if (n > 0 && n % 7 == 0)
            {
                Crashes++;
                throw new SimulatedCrashException("crashed before the append");
            }

            var result = await inner.AppendWithPagesAsync(streamId, expected, events, snapshot, pages, cancellationToken);
            if (n > 0 && n % 4 == 0)
            {
                Crashes++;
                throw new SimulatedCrashException("crashed after the append");
            }

            return result;
        }

        public Task<IReadOnlyList<StreamPage>> ReadPagesAsync(string streamId, IReadOnlyCollection<string> pageIds, CancellationToken cancellationToken = default) =>
            inner.ReadPagesAsync(streamId, pageIds, cancellationToken);

        public Task<StreamHead?> ReadHeadAsync(string streamId, CancellationToken cancellationToken = default) =>
            inner.ReadHeadAsync(streamId, cancellationToken);

        public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamId, StreamReadOptions options, CancellationToken cancellationToken = default) =>
            inner.ReadStreamAsync(streamId, options, cancellationToken);
    }
}
