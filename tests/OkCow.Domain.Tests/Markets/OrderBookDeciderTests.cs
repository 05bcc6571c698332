using OkCow.Domain.Investors;
using OkCow.Domain.Markets;
using static OkCow.Domain.Markets.OrderBookCommand;
using static OkCow.Domain.Markets.OrderBookEvent;

namespace OkCow.Domain.Tests.Markets;

public sealed partial class OrderBookDeciderTests
{
    private static readonly Guid FundId = Guid.Parse("f0000000-0000-0000-0000-000000000001");
    private static readonly Guid A = Guid.Parse("a0000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = Guid.Parse("b0000000-0000-0000-0000-00000000000b");
    private static readonly Guid C = Guid.Parse("c0000000-0000-0000-0000-00000000000c");
    private static readonly Guid D = Guid.Parse("d0000000-0000-0000-0000-00000000000d");

    private static readonly DateTimeOffset Now = new(2025, 3, 3, 10, 0, 0, TimeSpan.FromHours(9));

    private static DeciderSpec<OrderBookDecider, OrderBookCommand, OrderBookEvent, OrderBookState> Spec() => new();

    private static Guid OrderId(int n) => new($"0d000000-0000-0000-0000-{n:D12}");

    private static Guid TradeId(int order, int n) => new($"7d000000-0000-0000-{order:D4}-{n:D12}");

    private static AcceptOrder Accept(int order, Guid investorId, OrderSide side, long price, long quantity, decimal feeRate = 0m, bool halted = false) =>
        new(FundId, OrderId(order), investorId, side, price, quantity, feeRate, halted, n => TradeId(order, n), Now);

    private static OrderAccepted Accepted(int order, Guid investorId, OrderSide side, long price, long quantity, decimal feeRate = 0m) =>
        new(FundId, OrderId(order), investorId, side, price, quantity, feeRate, Now);

    private static TradeExecuted Traded(int buyOrder, Guid buyer, int sellOrder, Guid seller, long price, long quantity, DateTimeOffset at) =>
        new(FundId, Guid.NewGuid(), price, quantity, OrderId(buyOrder), buyer, 0, false, OrderId(sellOrder), seller, 0, false, at);

    [Fact]
    public void GivenRestingOrdersAtSeveralPrices_WhenLevelsAsked_ThenQuantitiesAndCountsPerPriceBestFirst()
    {
        var state = Spec()
            .Given(
                Accepted(1, A, OrderSide.Buy, 11_900, 5),
                Accepted(2, B, OrderSide.Buy, 12_000, 3),
                Accepted(3, C, OrderSide.Buy, 11_900, 2),
                Accepted(4, D, OrderSide.Sell, 12_200, 4),
                Accepted(5, D, OrderSide.Sell, 12_100, 1),
                Accepted(6, B, OrderSide.Sell, 12_200, 6))
            .State;

        Assert.Equal([new PriceLevel(12_000, 3, 1), new PriceLevel(11_900, 7, 2)], OrderBookDecider.Levels(state, OrderSide.Buy));
        Assert.Equal([new PriceLevel(12_100, 1, 1), new PriceLevel(12_200, 10, 2)], OrderBookDecider.Levels(state, OrderSide.Sell));
    }

    [Fact]
    public void GivenNoTrade_WhenCurrentPriceAsked_ThenNone() =>
        Assert.Null(OrderBookDecider.CurrentPrice(Spec().Given(Accepted(1, A, OrderSide.Buy, 12_000, 1)).State));

    [Fact]
    public void GivenTrades_WhenCurrentPriceAsked_ThenTheLastTradePrice() =>
        Assert.Equal(
            12_100,
            OrderBookDecider.CurrentPrice(Spec().Given(Traded(1, A, 2, B, 12_000, 1, Now), Traded(3, A, 4, B, 12_100, 1, Now.AddMinutes(1))).State));

    [Fact]
    public void GivenTradesOnlyToday_WhenReferencePriceBeforeToday_ThenNone() =>
        Assert.Null(OrderBookDecider.ReferencePriceBefore(Spec().Given(Traded(1, A, 2, B, 12_000, 1, Now)).State, new DateOnly(2025, 3, 3)));

    [Fact]
    public void GivenTradesEitherSideOfKstMidnight_WhenReferencePriceBeforeToday_ThenTheLastTradeOfYesterdayInSeoul()
    {
        // 23:50 and 00:10 in Seoul are 14:50 and 15:10 UTC of one UTC day: only the KST day tells them apart.
        var state = Spec()
            .Given(
                Traded(1, A, 2, B, 11_800, 1, new DateTimeOffset(2025, 3, 3, 14, 0, 0, TimeSpan.Zero)),
                Traded(3, A, 4, B, 12_000, 1, new DateTimeOffset(2025, 3, 3, 14, 50, 0, TimeSpan.Zero)),
                Traded(5, A, 6, B, 12_500, 1, new DateTimeOffset(2025, 3, 3, 15, 10, 0, TimeSpan.Zero)),
                Traded(7, A, 8, B, 12_600, 1, new DateTimeOffset(2025, 3, 3, 16, 0, 0, TimeSpan.Zero)))
            .State;

        Assert.Equal(12_000, OrderBookDecider.ReferencePriceBefore(state, new DateOnly(2025, 3, 4)));
        Assert.Equal(12_600, OrderBookDecider.ReferencePriceBefore(state, new DateOnly(2025, 3, 5)));
        Assert.Null(OrderBookDecider.ReferencePriceBefore(state, new DateOnly(2025, 3, 3)));
        Assert.Equal(12_600, OrderBookDecider.CurrentPrice(state));
    }

    [Fact]
    public void GivenLastTradeYesterdayInSeoul_WhenReferencePriceBeforeToday_ThenThatTrade()
    {
        var state = Spec().Given(Traded(1, A, 2, B, 12_000, 1, new DateTimeOffset(2025, 3, 3, 14, 59, 59, TimeSpan.Zero))).State;

        Assert.Equal(12_000, OrderBookDecider.ReferencePriceBefore(state, new DateOnly(2025, 3, 4)));
    }

    [Fact]
    public void GivenABookWithEverything_WhenStateRoundTripsThroughJson_ThenNothingIsLost()
    {
        var state = Spec()
            .Given(
                Accepted(1, A, OrderSide.Sell, 12_000, 5, 0.0015m),
                Accepted(2, B, OrderSide.Buy, 12_000, 2),
                Traded(2, B, 1, A, 12_000, 2, new DateTimeOffset(2025, 3, 3, 14, 50, 0, TimeSpan.Zero)),
                Traded(9, C, 8, D, 12_300, 1, new DateTimeOffset(2025, 3, 3, 15, 10, 0, TimeSpan.Zero)),
                Accepted(3, C, OrderSide.Buy, 11_000, 4),
                new OrderRejected(FundId, OrderId(4), D, "MARKET_HALTED", Now))
            .State;

        var copy = SnapshotJson.RoundTrip(state);

        Assert.Equal(OrderBookDecider.RestingOrders(state), OrderBookDecider.RestingOrders(copy));
        Assert.Equal([new RestingOrder(OrderId(3), C, OrderSide.Buy, 11_000, 4, 0m), new RestingOrder(OrderId(1), A, OrderSide.Sell, 12_000, 3, 0.0015m)], OrderBookDecider.RestingOrders(copy));
        Assert.Equal(state.Levels.OrderBy(l => l.Key), copy.Levels.OrderBy(l => l.Key));
        Assert.Equal(state.Locations.OrderBy(l => l.Key), copy.Locations.OrderBy(l => l.Key));
        Assert.Equal((state.NextSegment, 12_300L), (copy.NextSegment, copy.LastTradePrice!.Value));
        Assert.Equal(state.LastTradeAt, copy.LastTradeAt);
        Assert.Equal((12_000L, new DateOnly(2025, 3, 3)), (copy.PreviousDayClose!.Value, copy.PreviousDayCloseDay!.Value));
        Assert.Equal(12_000, OrderBookDecider.ReferencePriceBefore(copy, new DateOnly(2025, 3, 4)));
    }
}
