using System.Collections.Immutable;
using OkCow.Domain.Investors;
using OkCow.Domain.Markets;
using static OkCow.Domain.Markets.OrderBookEvent;

namespace OkCow.Application.ReadModels.OrderBook;

/// <summary>
/// The book's levels from its events alone: an acceptance adds its quantity and one order to its side's level, a trade
/// takes its quantity from both sides' levels at its price and one order from each side it filled (the event says
/// which), a cancel takes what was left at its price. The view holds levels only, never orders, so it does not grow
/// with them. (A cancel recorded before the book was paged names no price; a view rebuilt from such a log keeps that
/// order's quantity until the level empties otherwise.)
/// </summary>
public static class OrderBookProjection
{
    public static OrderBookView Apply(OrderBookView view, OrderBookEvent @event) => @event switch
    {
        OrderAccepted e => Change(view, e.Side, e.Price, e.Quantity, 1),
        TradeExecuted e => Change(Change(view, OrderSide.Buy, e.Price, -e.Quantity, e.BuyOrderFilled ? -1 : 0), OrderSide.Sell, e.Price, -e.Quantity, e.SellOrderFilled ? -1 : 0),
        OrderCancelled { Price: > 0 } e => Change(view, e.Side, e.Price, -e.RemainingQuantity, -1),
        _ => view,
    };

    private static OrderBookView Change(OrderBookView view, OrderSide side, long price, long quantity, int orders)
    {
        var levels = side == OrderSide.Buy ? view.Bids : view.Asks;
        var index = levels.FindIndex(level => level.Price == price);
        var current = index >= 0 ? levels[index] : new BookLevel(price, 0, 0);
        var changed = current with { Quantity = current.Quantity + quantity, OrderCount = current.OrderCount + orders };
        levels = index >= 0 ? levels.RemoveAt(index) : levels;
        if (changed.OrderCount > 0 && changed.Quantity > 0)
        {
            levels = levels.Add(changed);
        }

        // Bids best (highest) first, asks best (lowest) first.
        return side == OrderSide.Buy
            ? view with { Bids = [.. levels.OrderByDescending(level => level.Price)] }
            : view with { Asks = [.. levels.OrderBy(level => level.Price)] };
    }
}
