using OkCow.Domain.Investors;
using OkCow.Domain.Markets;
using static OkCow.Domain.Markets.OrderBookEvent;

namespace OkCow.Domain.Tests.Markets;

public sealed partial class OrderBookDeciderTests
{
    [Fact]
    public void GivenEmptyBook_WhenAcceptOrder_ThenOrderAcceptedAndRests()
    {
        var spec = Spec().When(Accept(1, A, OrderSide.Buy, 12_000, 10, 0.001m));

        spec.Then(Accepted(1, A, OrderSide.Buy, 12_000, 10, 0.001m));
        Assert.Equal(new RestingOrder(OrderId(1), A, OrderSide.Buy, 12_000, 10, 0.001m), Assert.Single(OrderBookDecider.RestingOrders(spec.ThenState())));
    }

    [Fact]
    public void GivenMarketHalted_WhenAcceptOrderThatWouldMatch_ThenOrderRejectedMarketHaltedAndNothingMatches()
    {
        var spec = Spec().Given(Accepted(1, B, OrderSide.Sell, 12_000, 20)).When(Accept(2, C, OrderSide.Buy, 12_000, 10, halted: true));

        spec.Then(new OrderRejected(FundId, OrderId(2), C, "MARKET_HALTED", Now));
        var state = spec.ThenState();
        Assert.Equal(20, Assert.Single(OrderBookDecider.RestingOrders(state)).Remaining);
    }

    [Theory]
    [InlineData(12_050, 1, 0)]
    [InlineData(0, 1, 0)]
    [InlineData(12_000, 0, 0)]
    [InlineData(12_000, 1, 1)]
    public void GivenEmptyBook_WhenMalformedOrderArrives_ThenOrderRejectedSoTheReservationIsReleased(long price, long quantity, decimal feeRate) =>
        Spec()
            .When(Accept(1, A, OrderSide.Buy, price, quantity, feeRate))
            .Then(new OrderRejected(FundId, OrderId(1), A, "VALIDATION_FAILED", Now));

    [Fact]
    public void GivenAskAt12000_WhenBidAt12100_ThenNoFillAndBothRest()
    {
        // §3 step 6: matching is at exactly one price, never "at or better".
        var spec = Spec().Given(Accepted(1, B, OrderSide.Sell, 12_000, 20)).When(Accept(2, C, OrderSide.Buy, 12_100, 10));

        spec.Then(Accepted(2, C, OrderSide.Buy, 12_100, 10));
        Assert.Equal([20L, 10L], OrderBookDecider.RestingOrders(spec.ThenState()).Select(order => order.Remaining));
    }

    [Fact]
    public void GivenBidAt12000_WhenAskAt11900_ThenNoFill() =>
        Spec().Given(Accepted(1, C, OrderSide.Buy, 12_000, 10)).When(Accept(2, B, OrderSide.Sell, 11_900, 10)).Then(Accepted(2, B, OrderSide.Sell, 11_900, 10));

    [Fact]
    public void GivenBidAt12000_WhenAnotherBidAt12000_ThenNoFill() =>
        Spec().Given(Accepted(1, C, OrderSide.Buy, 12_000, 10)).When(Accept(2, A, OrderSide.Buy, 12_000, 10)).Then(Accepted(2, A, OrderSide.Buy, 12_000, 10));

    [Fact]
    public void GivenAskAt12000For20_WhenBidAt12000For10_ThenTradeOf10AndTheAskKeepsWaitingWith10()
    {
        var spec = Spec().Given(Accepted(1, B, OrderSide.Sell, 12_000, 20)).When(Accept(2, C, OrderSide.Buy, 12_000, 10));

        spec.Then(
            Accepted(2, C, OrderSide.Buy, 12_000, 10),
            new TradeExecuted(FundId, TradeId(2, 0), 12_000, 10, OrderId(2), C, 0, true, OrderId(1), B, 0, false, Now));
        var state = spec.ThenState();
        Assert.Equal(new RestingOrder(OrderId(1), B, OrderSide.Sell, 12_000, 10, 0m), Assert.Single(OrderBookDecider.RestingOrders(state)));
        Assert.Equal(12_000, OrderBookDecider.CurrentPrice(state));
    }

    [Fact]
    public void GivenThreeAsksAtOnePriceAndOneElsewhere_WhenBidTakesTwoAndAHalf_ThenFillsEarliestFirstWithAPartialLast()
    {
        var spec = Spec()
            .Given(
                Accepted(1, A, OrderSide.Sell, 12_000, 4),
                Accepted(2, B, OrderSide.Sell, 11_900, 50),
                Accepted(3, B, OrderSide.Sell, 12_000, 3),
                Accepted(4, C, OrderSide.Sell, 12_000, 5))
            .When(Accept(5, D, OrderSide.Buy, 12_000, 9));

        spec.Then(
            Accepted(5, D, OrderSide.Buy, 12_000, 9),
            new TradeExecuted(FundId, TradeId(5, 0), 12_000, 4, OrderId(5), D, 0, false, OrderId(1), A, 0, true, Now),
            new TradeExecuted(FundId, TradeId(5, 1), 12_000, 3, OrderId(5), D, 0, false, OrderId(3), B, 0, true, Now),
            new TradeExecuted(FundId, TradeId(5, 2), 12_000, 2, OrderId(5), D, 0, true, OrderId(4), C, 0, false, Now));
        Assert.Equal(
            [new RestingOrder(OrderId(2), B, OrderSide.Sell, 11_900, 50, 0m), new RestingOrder(OrderId(4), C, OrderSide.Sell, 12_000, 3, 0m)],
            OrderBookDecider.RestingOrders(spec.ThenState()));
    }

    [Fact]
    public void GivenThreeBidsAtOnePrice_WhenAskLargerThanAllOfThem_ThenAllFillAndTheAskRestsWithTheRest()
    {
        var spec = Spec()
            .Given(Accepted(1, A, OrderSide.Buy, 12_000, 1), Accepted(2, B, OrderSide.Buy, 12_000, 2), Accepted(3, C, OrderSide.Buy, 12_000, 3))
            .When(Accept(4, D, OrderSide.Sell, 12_000, 10));

        spec.Then(
            Accepted(4, D, OrderSide.Sell, 12_000, 10),
            new TradeExecuted(FundId, TradeId(4, 0), 12_000, 1, OrderId(1), A, 0, true, OrderId(4), D, 0, false, Now),
            new TradeExecuted(FundId, TradeId(4, 1), 12_000, 2, OrderId(2), B, 0, true, OrderId(4), D, 0, false, Now),
            new TradeExecuted(FundId, TradeId(4, 2), 12_000, 3, OrderId(3), C, 0, true, OrderId(4), D, 0, false, Now));
        Assert.Equal(new RestingOrder(OrderId(4), D, OrderSide.Sell, 12_000, 4, 0m), Assert.Single(OrderBookDecider.RestingOrders(spec.ThenState())));
    }

    [Fact]
    public void GivenAskWithAFeeRate_WhenBidWithAnotherFeeRate_ThenEachFeeIsTruncatedAtItsOwnRate() =>
        // 12,300 × 3 = 36,900: buyer 0.15% = 55.35 → 55, seller 0.1% = 36.9 → 36.
        Spec()
            .Given(Accepted(1, B, OrderSide.Sell, 12_300, 3, 0.001m))
            .When(Accept(2, C, OrderSide.Buy, 12_300, 3, 0.0015m))
            .Then(
                Accepted(2, C, OrderSide.Buy, 12_300, 3, 0.0015m),
                new TradeExecuted(FundId, TradeId(2, 0), 12_300, 3, OrderId(2), C, 55, true, OrderId(1), B, 36, true, Now));

    [Fact]
    public void GivenAFilledAndACancelledOrder_WhenNextOrdersArrive_ThenSequenceKeepsArrivalOrder()
    {
        var state = Spec()
            .Given(
                Accepted(1, A, OrderSide.Sell, 12_000, 1),
                Accepted(2, B, OrderSide.Buy, 12_000, 1),
                new TradeExecuted(FundId, TradeId(2, 0), 12_000, 1, OrderId(2), B, 0, true, OrderId(1), A, 0, true, Now),
                Accepted(3, C, OrderSide.Sell, 12_000, 1),
                new OrderCancelled(FundId, OrderId(3), C, OrderSide.Sell, 1, Now),
                Accepted(4, D, OrderSide.Sell, 12_000, 1))
            .State;

        Assert.Equal(new RestingOrder(OrderId(4), D, OrderSide.Sell, 12_000, 1, 0m), Assert.Single(OrderBookDecider.RestingOrders(state)));
    }
}
