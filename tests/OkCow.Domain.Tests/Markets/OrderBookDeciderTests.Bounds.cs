using OkCow.Domain.Investors;
using OkCow.Domain.Markets;
using static OkCow.Domain.Markets.OrderBookEvent;

namespace OkCow.Domain.Tests.Markets;

public sealed partial class OrderBookDeciderTests
{
    private static OrderBookEvent[] FullBookOfSells(long price) =>
        [.. Enumerable.Range(1, OrderBookDecider.MaxRestingOrders).Select(n => Accepted(n, B, OrderSide.Sell, price, 1))];

    [Fact]
    public void GivenAFullBook_WhenAnOrderWouldRest_ThenOrderRejectedOrderBookFull() =>
        Spec()
            .Given(FullBookOfSells(12_000))
            .When(Accept(1_000, C, OrderSide.Buy, 11_000, 1))
            .Then(new OrderRejected(FundId, OrderId(1_000), C, "ORDER_BOOK_FULL", Now));

    [Fact]
    public void GivenAFullBook_WhenAnOrderFillsAgainstEveryRestingOrder_ThenOneAcceptanceTradesThemAll()
    {
        var spec = Spec().Given(FullBookOfSells(12_000)).When(Accept(1_000, C, OrderSide.Buy, 12_000, OrderBookDecider.MaxRestingOrders));

        var events = spec.ThenMatches(events => Assert.Equal(OrderBookDecider.MaxRestingOrders, events.OfType<TradeExecuted>().Count()));
        Assert.Equal(OrderBookDecider.MaxRestingOrders + 1, events.Count);
        Assert.Empty(spec.ThenState().Resting);
    }

    [Fact]
    public void GivenAFullBook_WhenStateIsSerialised_ThenTheHeadStaysUnder16Kilobytes()
    {
        var state = Spec().Given(FullBookOfSells(12_000)).State;

        Assert.InRange(SnapshotJson.Bytes(state), 1, 16 * 1024);
    }
}
