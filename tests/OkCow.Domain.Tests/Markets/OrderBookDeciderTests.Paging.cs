using OkCow.Domain.Investors;
using OkCow.Domain.Markets;
using static OkCow.Domain.Markets.OrderBookCommand;
using static OkCow.Domain.Markets.OrderBookEvent;

namespace OkCow.Domain.Tests.Markets;

/// <summary>Any number of resting orders; fills of many of them in bounded steps (SPEC §10).</summary>
public sealed partial class OrderBookDeciderTests
{
    private const int Step = OrderBookDecider.MaxTradesPerStep;

    private static OrderAccepted[] Sells(int count, long price = 12_000, int firstOrder = 1) =>
        [.. Enumerable.Range(firstOrder, count).Select(n => Accepted(n, B, OrderSide.Sell, price, 1))];

    private static ContinueMatching Continue(long price, int step) =>
        new(FundId, price, n => TradeId(9_000 + step, n), Now);

    /// <summary>Runs continuation steps on the folded state until the level no longer crosses; returns every step's events.</summary>
    private static List<IReadOnlyList<OrderBookEvent>> ContinueUntilDone(ref OrderBookState state, long price)
    {
        var steps = new List<IReadOnlyList<OrderBookEvent>>();
        for (var step = 0; step < 1_000; step++)
        {
            var events = OrderBookDecider.Decide(Continue(price, step), state);
            if (events.Count == 0)
            {
                return steps;
            }

            steps.Add(events);
            state = events.Aggregate(state, OrderBookDecider.Evolve);
        }

        throw new InvalidOperationException("Matching never finished.");
    }

    [Fact]
    public void Given100SellsAtOnePrice_WhenABuyFor100Arrives_ThenOneStepTradesTheFirst32OldestFirstAndMatchingContinues()
    {
        var spec = Spec().Given(Sells(100)).When(Accept(1_000, C, OrderSide.Buy, 12_000, 100));

        var events = spec.ThenMatches(events =>
        {
            Assert.Equal(Accepted(1_000, C, OrderSide.Buy, 12_000, 100), events[0]);
            Assert.Equal(new MatchingContinues(FundId, 12_000, Now), events[^1]);
        });

        var trades = events.OfType<TradeExecuted>().ToList();
        Assert.Equal(Step, trades.Count);
        Assert.Equal(Enumerable.Range(1, Step).Select(OrderId), trades.Select(t => t.SellOrderId));
        Assert.All(trades, t => Assert.True(t.SellOrderFilled));
        Assert.Equal(Enumerable.Repeat(false, Step), trades.Select(t => t.BuyOrderFilled));
        var state = spec.ThenState();
        Assert.Equal([new PriceLevel(12_000, 100 - Step, 1)], OrderBookDecider.Levels(state, OrderSide.Buy));
        Assert.Equal([new PriceLevel(12_000, 100 - Step, 100 - Step)], OrderBookDecider.Levels(state, OrderSide.Sell));
    }

    [Fact]
    public void GivenAFillUnderWay_WhenContinueMatchingUntilDone_ThenEverySellFillsOnceInArrivalOrderAndTheBuyEndsFilled()
    {
        var spec = Spec().Given(Sells(100)).When(Accept(1_000, C, OrderSide.Buy, 12_000, 100));
        var state = spec.ThenState();

        var steps = ContinueUntilDone(ref state, 12_000);

        Assert.Equal(3, steps.Count);
        Assert.All(steps[..^1], step => Assert.IsType<MatchingContinues>(step[^1]));
        var trades = spec.ThenMatches(_ => { }).Concat(steps.SelectMany(s => s)).OfType<TradeExecuted>().ToList();
        Assert.Equal(Enumerable.Range(1, 100).Select(OrderId), trades.Select(t => t.SellOrderId));
        Assert.Equal(100, trades.Select(t => t.TradeId).Distinct().Count());
        Assert.True(trades[^1].BuyOrderFilled);
        Assert.Empty(OrderBookDecider.RestingOrders(state));
        Assert.Empty(state.Segments);
        Assert.Empty(state.Locations);
    }

    [Fact]
    public void GivenALevelThatNoLongerCrosses_WhenContinueMatching_ThenNothing() =>
        Spec().Given(Sells(3)).When(Continue(12_000, 0)).ThenNothing();

    [Fact]
    public void GivenAFillUnderWay_WhenAnotherBuyArrivesAtThatPrice_ThenItOnlyQueuesAndFillsAfterTheEarlierBuy()
    {
        var state = Spec().Given(Sells(40)).When(Accept(1_000, C, OrderSide.Buy, 12_000, 36)).ThenState();

        var later = OrderBookDecider.Decide(Accept(1_001, D, OrderSide.Buy, 12_000, 5), state);

        Assert.Equal([Accepted(1_001, D, OrderSide.Buy, 12_000, 5)], later);
        state = later.Aggregate(state, OrderBookDecider.Evolve);
        var trades = ContinueUntilDone(ref state, 12_000).SelectMany(s => s).OfType<TradeExecuted>().ToList();
        Assert.Equal([.. Enumerable.Repeat(OrderId(1_000), 4), .. Enumerable.Repeat(OrderId(1_001), 4)], trades.Select(t => t.BuyOrderId));
        Assert.Equal([new PriceLevel(12_000, 1, 1)], OrderBookDecider.Levels(state, OrderSide.Buy));
        Assert.Empty(OrderBookDecider.Levels(state, OrderSide.Sell));
    }

    [Fact]
    public void GivenAFillUnderWay_WhenASellArrivesAtThatPrice_ThenItQueuesBehindTheOlderSells()
    {
        var state = Spec().Given(Sells(40)).When(Accept(1_000, C, OrderSide.Buy, 12_000, 45)).ThenState();

        var late = OrderBookDecider.Decide(Accept(2_000, D, OrderSide.Sell, 12_000, 10), state);

        Assert.Equal([Accepted(2_000, D, OrderSide.Sell, 12_000, 10)], late);
        state = late.Aggregate(state, OrderBookDecider.Evolve);
        var trades = ContinueUntilDone(ref state, 12_000).SelectMany(s => s).OfType<TradeExecuted>().ToList();
        Assert.Equal([.. Enumerable.Range(Step + 1, 40 - Step).Select(OrderId), OrderId(2_000)], trades.Select(t => t.SellOrderId));
        Assert.Equal((5L, false, true), (trades[^1].Quantity, trades[^1].SellOrderFilled, trades[^1].BuyOrderFilled));
        Assert.Equal(new RestingOrder(OrderId(2_000), D, OrderSide.Sell, 12_000, 5, 0m), Assert.Single(OrderBookDecider.RestingOrders(state)));
    }

    [Fact]
    public void GivenAFillUnderWay_WhenTheBuyIsCancelled_ThenWhatIsLeftIsReleasedAndMatchingStops()
    {
        var state = Spec().Given(Sells(100)).When(Accept(1_000, C, OrderSide.Buy, 12_000, 100)).ThenState();

        var cancelled = OrderBookDecider.Decide(new CancelOrder(FundId, OrderId(1_000), Now), state);

        Assert.Equal([new OrderCancelled(FundId, OrderId(1_000), C, OrderSide.Buy, 100 - Step, Now)], cancelled);
        state = cancelled.Aggregate(state, OrderBookDecider.Evolve);
        Assert.Empty(OrderBookDecider.Decide(Continue(12_000, 0), state));
        Assert.Equal(100 - Step, OrderBookDecider.RestingOrders(state).Count);
    }

    [Fact]
    public void Given40SellsOverThreeSegments_WhenTheMiddleSegmentIsCancelledOrderByOrder_ThenItIsUnlinkedAndABuySkipsIt()
    {
        var state = Spec().Given(Sells(40)).State;
        Assert.Equal(3, state.Segments.Count);
        foreach (var n in Enumerable.Range(17, 16))
        {
            state = OrderBookDecider.Decide(new CancelOrder(FundId, OrderId(n), Now), state).Aggregate(state, OrderBookDecider.Evolve);
        }

        Assert.Equal(2, state.Segments.Count);
        var events = OrderBookDecider.Decide(Accept(1_000, C, OrderSide.Buy, 12_000, 20), state);

        Assert.Equal([.. Enumerable.Range(1, 16), .. Enumerable.Range(33, 4)], events.OfType<TradeExecuted>().Select(t => t.SellOrderId).Select(id => int.Parse(id.ToString()[^12..], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void GivenASellFilledByABuy_WhenCancelOrder_ThenOrderNotOpen()
    {
        var filled = OrderBookDecider.Decide(Accept(1_000, C, OrderSide.Buy, 12_000, 20), Spec().Given(Sells(20)).State);

        Spec().Given([.. Sells(20), .. filled]).When(new CancelOrder(FundId, OrderId(5), Now)).ThenFails("ORDER_NOT_OPEN");
    }

    [Fact]
    public void Given1000SellsAtOnePriceAndOverManyPrices_ThenTheHeadIsTheSameSizeAsAnEmptyBooksAndSegmentsHoldAtMost16()
    {
        OrderAccepted[] many = [.. Sells(1_000), .. Enumerable.Range(2_000, 1_000).Select(n => Accepted(n, D, OrderSide.Sell, 7_000 + (n % 100 * 100), 2))];

        var state = Spec().Given(many).State;

        Assert.Equal(2_000, OrderBookDecider.RestingOrders(state).Count);
        Assert.All(state.Segments.Values, segment => Assert.InRange(segment.Orders.Count, 1, OrderBookDecider.SegmentCapacity));
        var emptyHead = SnapshotJson.Bytes(Spec().Given(Sells(1)).State.HeadOnly());
        Assert.InRange(SnapshotJson.Bytes(state.HeadOnly()), emptyHead - 8, emptyHead + 8);
        Assert.All(state.Segments.Values, segment => Assert.InRange(SnapshotJson.Bytes(segment), 1, 4 * 1024));
    }

    [Fact]
    public void GivenOnlyTheHeadAndALevelRead_WhenABuyArrives_ThenThePagesWantedAreItsFrontSegmentsOnly()
    {
        var full = Spec().Given(Sells(100)).State;
        var headAndLevel = full.HeadOnly() with { Levels = full.Levels };
        var accept = Accept(1_000, C, OrderSide.Buy, 12_000, 100);

        var first = OrderBookDecider.PagesWanted(accept, headAndLevel);
        Assert.Equal([new BookPage.Segment(full.Levels[12_000].Sells.Front!.Value)], first);

        var read = headAndLevel;
        for (var round = 0; round < 10 && OrderBookDecider.PagesWanted(accept, read) is [BookPage.Segment wanted]; round++)
        {
            read = read with { Segments = read.Segments.SetItem(wanted.Id, full.Segments[wanted.Id]) };
        }

        // Enough segments for one step's trades (33 orders at 16 a segment), never the whole queue.
        Assert.Equal(3, read.Segments.Count);
        var events = OrderBookDecider.Decide(accept, read);
        Assert.Equal(Step, events.OfType<TradeExecuted>().Count());
        Assert.IsType<MatchingContinues>(events[^1]);
    }

    [Fact]
    public void GivenABookFoldedBeforePaging_WhenTurnedIntoLegacyAndABuyArrives_ThenLegacyOrdersFillFirstAndNewOnesQueueBehind()
    {
        var legacy = OrderBookDecider.ToLegacy(Spec().Given(Accepted(1, B, OrderSide.Sell, 12_000, 5), Accepted(2, A, OrderSide.Buy, 11_000, 3)).State);
        Assert.Empty(legacy.Levels);
        Assert.Equal(2, legacy.Legacy.Count);
        var state = OrderBookDecider.Decide(Accept(3, D, OrderSide.Sell, 12_000, 5), legacy).Aggregate(legacy, OrderBookDecider.Evolve);

        var events = OrderBookDecider.Decide(Accept(4, C, OrderSide.Buy, 12_000, 7), state);

        Assert.Equal([(OrderId(1), 5L, true), (OrderId(3), 2L, false)], events.OfType<TradeExecuted>().Select(t => (t.SellOrderId, t.Quantity, t.SellOrderFilled)));
        state = events.Aggregate(state, OrderBookDecider.Evolve);
        Assert.Equal([new RestingOrder(OrderId(2), A, OrderSide.Buy, 11_000, 3, 0m), new RestingOrder(OrderId(3), D, OrderSide.Sell, 12_000, 3, 0m)], OrderBookDecider.RestingOrders(state));
        Assert.Equal([new OrderCancelled(FundId, OrderId(2), A, OrderSide.Buy, 3, Now)], OrderBookDecider.Decide(new CancelOrder(FundId, OrderId(2), Now), state));
    }
}
