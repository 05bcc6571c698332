using OkCow.Application.ReadModels.OrderBook;
using OkCow.Application.Tests.Support;
using OkCow.Domain.Investors;
using OkCow.Domain.Markets;
using static OkCow.Domain.Markets.OrderBookEvent;

namespace OkCow.Application.Tests.ReadModels;

public sealed class OrderBookProjectionTests
{
    private static readonly Guid Fund = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = TestClock.Start;

    [Fact]
    public void Given_resting_orders_Then_bids_run_high_to_low_and_asks_low_to_high_with_quantity_and_count()
    {
        var (b1, b2, b3, s1, s2) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var view = new[]
        {
            Accepted(b1, OrderSide.Buy, 11_900, 5),
            Accepted(b2, OrderSide.Buy, 12_100, 10),
            Accepted(b3, OrderSide.Buy, 11_900, 3),
            Accepted(s1, OrderSide.Sell, 12_500, 7),
            Accepted(s2, OrderSide.Sell, 12_200, 2),
        }.Aggregate(OrderBookView.Empty(Fund), OrderBookProjection.Apply);

        Assert.Equal([new BookLevel(12_100, 10, 1), new BookLevel(11_900, 8, 2)], view.Bids);
        Assert.Equal([new BookLevel(12_200, 2, 1), new BookLevel(12_500, 7, 1)], view.Asks);
    }

    [Fact]
    public void Given_a_trade_and_a_cancel_Then_the_filled_order_leaves_and_the_partly_filled_one_keeps_its_rest()
    {
        var (buy, sell) = (Guid.NewGuid(), Guid.NewGuid());
        var view = new OrderBookEvent[]
        {
            Accepted(sell, OrderSide.Sell, 12_000, 20),
            Accepted(buy, OrderSide.Buy, 12_000, 10),
            new TradeExecuted(Fund, Guid.NewGuid(), 12_000, 10, buy, Guid.NewGuid(), 0, true, sell, Guid.NewGuid(), 0, false, T0),
        }.Aggregate(OrderBookView.Empty(Fund), OrderBookProjection.Apply);

        Assert.Empty(view.Bids);
        Assert.Equal([new BookLevel(12_000, 10, 1)], view.Asks);

        var cancelled = OrderBookProjection.Apply(view, new OrderCancelled(Fund, sell, Guid.NewGuid(), OrderSide.Sell, 10, T0, 12_000));
        Assert.Empty(cancelled.Asks);
        Assert.Empty(cancelled.Bids);
    }

    [Fact]
    public void Given_a_thousand_orders_at_two_prices_When_a_fill_takes_many_Then_the_view_is_two_levels_whatever_the_count()
    {
        var sells = Enumerable.Range(0, 1_000).Select(_ => Guid.NewGuid()).ToList();
        var view = sells.Select((id, n) => Accepted(id, OrderSide.Sell, n % 2 == 0 ? 12_000 : 12_100, 2)).Aggregate(OrderBookView.Empty(Fund), OrderBookProjection.Apply);
        var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(view).Length;

        var buy = Guid.NewGuid();
        view = OrderBookProjection.Apply(view, Accepted(buy, OrderSide.Buy, 12_000, 301));
        view = sells.Where((_, n) => n % 2 == 0).Take(151).Select((sell, n) => (OrderBookEvent)new TradeExecuted(Fund, Guid.NewGuid(), 12_000, n < 150 ? 2 : 1, buy, Guid.NewGuid(), 0, n == 150, sell, Guid.NewGuid(), 0, n < 150, T0))
            .Aggregate(view, OrderBookProjection.Apply);

        Assert.Empty(view.Bids);
        Assert.Equal([new BookLevel(12_000, 699, 350), new BookLevel(12_100, 1_000, 500)], view.Asks);
        Assert.InRange(bytes, 1, 512);
    }

    private static OrderAccepted Accepted(Guid order, OrderSide side, long price, long quantity) =>
        new(Fund, order, Guid.NewGuid(), side, price, quantity, 0m, T0);
}
