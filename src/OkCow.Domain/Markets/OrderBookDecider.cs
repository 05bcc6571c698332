using OkCow.Domain.Common;
using OkCow.Domain.Investors;
using static OkCow.Domain.Markets.OrderBookCommand;
using static OkCow.Domain.Markets.OrderBookEvent;

namespace OkCow.Domain.Markets;

/// <summary>
/// A fund's order book: R18 matching and R20 cancels. Orders reach it already funded by the investor's stream, so an
/// acceptance never throws for a business reason; a refusal is an <see cref="OrderRejected"/> the saga releases on.
/// </summary>
public sealed class OrderBookDecider : IDecider<OrderBookCommand, OrderBookEvent, OrderBookState>
{
    /// <summary>
    /// The most orders one book keeps resting. It bounds the book's head (about 150 bytes an order, under 16 KB) and
    /// the trades one acceptance can execute (one per resting order), so an acceptance always fits one batch.
    /// </summary>
    public const int MaxRestingOrders = 64;

    public static OrderBookState Initial => OrderBookState.Initial;

    /// <summary>The current price (현재가): the last trade price, or null while the fund has never traded.</summary>
    public static long? CurrentPrice(OrderBookState state) => state.LastTradePrice;

    /// <summary>
    /// R16: the last trade price on a KST day before <paramref name="today"/>, or null, in which case the caller uses
    /// <see cref="PriceBand.ReferenceFromNav"/>.
    /// </summary>
    public static long? ReferencePriceBefore(OrderBookState state, DateOnly today)
    {
        if (state.LastTradeAt is { } lastAt && Kst.Day(lastAt) < today)
        {
            return state.LastTradePrice;
        }

        return state.PreviousDayCloseDay is { } day && day < today ? state.PreviousDayClose : null;
    }

    /// <summary>Resting orders of one side per price: bids best (highest) first, asks best (lowest) first.</summary>
    public static IReadOnlyList<PriceLevel> Levels(OrderBookState state, OrderSide side)
    {
        var levels = state.Resting
            .Where(order => order.Side == side)
            .GroupBy(order => order.Price)
            .Select(level => new PriceLevel(level.Key, level.Sum(order => order.Remaining), level.Count()));
        return side == OrderSide.Buy
            ? [.. levels.OrderByDescending(level => level.Price)]
            : [.. levels.OrderBy(level => level.Price)];
    }

    public static IReadOnlyList<OrderBookEvent> Decide(OrderBookCommand command, OrderBookState state) => command switch
    {
        AcceptOrder accept => Accept(accept, state),
        CancelOrder cancel => Cancel(cancel, state),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown order book command."),
    };

    public static OrderBookState Evolve(OrderBookState state, OrderBookEvent @event) => @event switch
    {
        OrderAccepted e => state with
        {
            FundId = e.FundId,
            Resting = state.Resting.Add(new RestingOrder(e.OrderId, e.InvestorId, e.Side, e.Price, e.Quantity, e.FeeRate, state.NextSequence)),
            NextSequence = state.NextSequence + 1,
        },
        OrderRejected e => state with { FundId = e.FundId },
        TradeExecuted e => Traded(state, e),
        OrderCancelled e => state with { Resting = state.Resting.RemoveAll(order => order.OrderId == e.OrderId) },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown order book event."),
    };

    private static OrderBookEvent[] Accept(AcceptOrder command, OrderBookState state)
    {
        OrderRejected Reject(string code) => new(command.FundId, command.OrderId, command.InvestorId, code, command.Now);

        if (command.Halted)
        {
            return [Reject(ErrorCodes.MarketHalted)];
        }

        // The investor's stream checked all of this already; rejecting (rather than throwing) still lets the saga
        // release the reservation should a malformed order ever arrive.
        if (!PriceBand.IsOnTick(command.Price) || command.Quantity < 1 || command.FeeRate < 0 || command.FeeRate >= 1)
        {
            return [Reject(ErrorCodes.ValidationFailed)];
        }

        // R18: only the opposite side at exactly this price, earliest first (the list is in arrival order).
        var counterparties = state.Resting.Where(order => order.Side != command.Side && order.Price == command.Price).ToList();
        if (state.Resting.Count >= MaxRestingOrders && counterparties.Sum(order => order.Remaining) < command.Quantity)
        {
            return [Reject(ErrorCodes.OrderBookFull)];
        }

        var events = new List<OrderBookEvent>
        {
            new OrderAccepted(command.FundId, command.OrderId, command.InvestorId, command.Side, command.Price, command.Quantity, command.FeeRate, command.Now),
        };

        var remaining = command.Quantity;
        var tradeNumber = 0;
        foreach (var resting in counterparties)
        {
            if (remaining == 0)
            {
                break;
            }

            var quantity = Math.Min(remaining, resting.Remaining);
            remaining -= quantity;
            var incoming = (command.OrderId, command.InvestorId, command.FeeRate, Filled: remaining == 0);
            var waiting = (resting.OrderId, resting.InvestorId, resting.FeeRate, Filled: quantity == resting.Remaining);
            var (buy, sell) = command.Side == OrderSide.Buy ? (incoming, waiting) : (waiting, incoming);
            var amount = checked(command.Price * quantity);

            events.Add(new TradeExecuted(
                command.FundId,
                command.NewTradeId(tradeNumber++),
                command.Price,
                quantity,
                buy.OrderId,
                buy.InvestorId,
                Money.Fee(amount, buy.FeeRate),
                buy.Filled,
                sell.OrderId,
                sell.InvestorId,
                Money.Fee(amount, sell.FeeRate),
                sell.Filled,
                command.Now));
        }

        return [.. events];
    }

    private static OrderBookEvent[] Cancel(CancelOrder command, OrderBookState state)
    {
        // The book keeps only resting orders; whether an order it does not hold ever existed is the caller's to tell.
        var order = state.Resting.Find(o => o.OrderId == command.OrderId)
            ?? throw new DomainException(ErrorCodes.OrderNotOpen, $"Order {command.OrderId} is filled, cancelled or rejected.");

        return [new OrderCancelled(command.FundId, order.OrderId, order.InvestorId, order.Side, order.Remaining, command.Now)];
    }

    private static OrderBookState Traded(OrderBookState state, TradeExecuted trade)
    {
        var resting = state.Resting;
        foreach (var orderId in (ReadOnlySpan<Guid>)[trade.BuyOrderId, trade.SellOrderId])
        {
            var index = resting.FindIndex(order => order.OrderId == orderId);
            if (index < 0)
            {
                continue;
            }

            var order = resting[index];
            resting = order.Remaining <= trade.Quantity
                ? resting.RemoveAt(index)
                : resting.SetItem(index, order with { Remaining = order.Remaining - trade.Quantity });
        }

        // Once the trading day turns, the previous last trade becomes the close of an earlier day: the R16 reference.
        var traded = state with { Resting = resting, LastTradePrice = trade.Price, LastTradeAt = trade.At };
        return state.LastTradeAt is { } lastAt && Kst.Day(lastAt) < Kst.Day(trade.At)
            ? traded with { PreviousDayClose = state.LastTradePrice, PreviousDayCloseDay = Kst.Day(lastAt) }
            : traded;
    }
}
