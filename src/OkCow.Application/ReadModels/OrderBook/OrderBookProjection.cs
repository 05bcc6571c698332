using System.Collections.Immutable;
using OkCow.Domain.Investors;
using OkCow.Domain.Markets;
using static OkCow.Domain.Markets.OrderBookEvent;

namespace OkCow.Application.ReadModels.OrderBook;

public static class OrderBookProjection
{
    public static OrderBookView Apply(OrderBookView view, OrderBookEvent @event) => @event switch
    {
        OrderAccepted e => WithOrders(view, view.Orders.SetItem(e.OrderId, new BookOrder(e.InvestorId, e.Side, e.Price, e.Quantity))),
        TradeExecuted e => WithOrders(view, Fill(Fill(view.Orders, e.BuyOrderId, e.Quantity), e.SellOrderId, e.Quantity)),
        OrderCancelled e => WithOrders(view, view.Orders.Remove(e.OrderId)),
        _ => view,
    };

    public static ImmutableList<BookLevel> Levels(ImmutableDictionary<Guid, BookOrder> orders, OrderSide side)
    {
        var levels = orders.Values
            .Where(order => order.Side == side)
            .GroupBy(order => order.Price)
            .Select(level => new BookLevel(level.Key, level.Sum(order => order.Remaining), level.Count()));
        return side == OrderSide.Buy
            ? [.. levels.OrderByDescending(level => level.Price)]
            : [.. levels.OrderBy(level => level.Price)];
    }

    private static OrderBookView WithOrders(OrderBookView view, ImmutableDictionary<Guid, BookOrder> orders) =>
        view with { Orders = orders, Bids = Levels(orders, OrderSide.Buy), Asks = Levels(orders, OrderSide.Sell) };

    private static ImmutableDictionary<Guid, BookOrder> Fill(ImmutableDictionary<Guid, BookOrder> orders, Guid orderId, long quantity) =>
        orders.TryGetValue(orderId, out var order)
            ? order.Remaining <= quantity ? orders.Remove(orderId) : orders.SetItem(orderId, order with { Remaining = order.Remaining - quantity })
            : orders;
}
