using OkCow.Domain.Investors;
using OkCow.Domain.Markets;
using static OkCow.Domain.Markets.OrderBookCommand;
using static OkCow.Domain.Markets.OrderBookEvent;

namespace OkCow.Domain.Tests.Markets;

public sealed partial class OrderBookDeciderTests
{
    private static CancelOrder Cancel(int order) => new(FundId, OrderId(order), Now);

    [Fact]
    public void GivenRestingOrder_WhenCancelOrder_ThenOrderCancelledWithAllOfIt()
    {
        var spec = Spec().Given(Accepted(1, C, OrderSide.Buy, 12_100, 10)).When(Cancel(1));

        spec.Then(new OrderCancelled(FundId, OrderId(1), C, OrderSide.Buy, 10, Now));
        Assert.Empty(OrderBookDecider.RestingOrders(spec.ThenState()));
    }

    [Fact]
    public void GivenPartiallyFilledOrder_WhenCancelOrder_ThenOrderCancelledWithWhatIsLeft() =>
        Spec()
            .Given(
                Accepted(1, B, OrderSide.Sell, 12_000, 20),
                Accepted(2, C, OrderSide.Buy, 12_000, 10),
                new TradeExecuted(FundId, TradeId(2, 0), 12_000, 10, OrderId(2), C, 0, true, OrderId(1), B, 0, false, Now))
            .When(Cancel(1))
            .Then(new OrderCancelled(FundId, OrderId(1), B, OrderSide.Sell, 10, Now));

    [Fact]
    public void GivenFilledOrder_WhenCancelOrder_ThenOrderNotOpen() =>
        Spec()
            .Given(
                Accepted(1, B, OrderSide.Sell, 12_000, 20),
                Accepted(2, C, OrderSide.Buy, 12_000, 10),
                new TradeExecuted(FundId, TradeId(2, 0), 12_000, 10, OrderId(2), C, 0, true, OrderId(1), B, 0, false, Now))
            .When(Cancel(2))
            .ThenFails("ORDER_NOT_OPEN");

    [Fact]
    public void GivenCancelledOrder_WhenCancelOrderAgain_ThenOrderNotOpen() =>
        Spec()
            .Given(Accepted(1, C, OrderSide.Buy, 12_100, 10), new OrderCancelled(FundId, OrderId(1), C, OrderSide.Buy, 10, Now))
            .When(Cancel(1))
            .ThenFails("ORDER_NOT_OPEN");

    [Fact]
    public void GivenRejectedOrder_WhenCancelOrder_ThenOrderNotOpen() =>
        Spec().Given(new OrderRejected(FundId, OrderId(1), C, "MARKET_HALTED", Now)).When(Cancel(1)).ThenFails("ORDER_NOT_OPEN");

    [Fact]
    public void GivenOtherOrders_WhenCancelAnOrderTheBookDoesNotHold_ThenOrderNotOpen() =>
        // The book keeps resting orders only; whether the order ever existed is answered from its status (404).
        Spec().Given(Accepted(1, C, OrderSide.Buy, 12_100, 10)).When(Cancel(2)).ThenFails("ORDER_NOT_OPEN");
}
