using System.Collections.Immutable;
using OkCow.Domain.Common;
using OkCow.Domain.Investors;
using static OkCow.Domain.Markets.OrderBookCommand;
using static OkCow.Domain.Markets.OrderBookEvent;

namespace OkCow.Domain.Markets;

/// <summary>
/// A fund's order book: R18 matching and R20 cancels. Orders reach it already funded by the investor's stream, so an
/// acceptance never throws for a business reason; a refusal is an <see cref="OrderRejected"/> the saga releases on.
/// Any number of orders may rest. Matching at a price pairs the oldest bid with the oldest ask there; one step records
/// at most <see cref="MaxTradesPerStep"/> trades and, when bids and asks still wait at that price, a
/// <see cref="MatchingContinues"/> after which <see cref="ContinueMatching"/> takes the next step. Orders that arrive
/// meanwhile queue behind, so time priority holds across steps.
/// </summary>
public sealed class OrderBookDecider : IDecider<OrderBookCommand, OrderBookEvent, OrderBookState>
{
    /// <summary>The most trades one step records: with the other events and pages, a step stays far below 100 batch operations and 64 KB.</summary>
    public const int MaxTradesPerStep = 32;

    /// <summary>The most orders one segment page holds (about 150 bytes each).</summary>
    public const int SegmentCapacity = 16;

    /// <summary>The most segments of one side a matching step reads; a step that runs out of read orders continues in the next.</summary>
    public const int MaxSegmentsPerStep = 4;

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

    /// <summary>Resting orders of one side per price among the pages held: bids best (highest) first, asks best (lowest) first.</summary>
    public static IReadOnlyList<PriceLevel> Levels(OrderBookState state, OrderSide side)
    {
        var levels = state.Legacy
            .Where(order => order.Side == side)
            .Select(order => (order.Price, Quantity: order.Remaining, Count: 1))
            .Concat(state.Levels.Values.Select(level => (level.Price, level.Of(side).Quantity, level.Of(side).Count)))
            .GroupBy(level => level.Price)
            .Select(level => new PriceLevel(level.Key, level.Sum(l => l.Quantity), level.Sum(l => l.Count)))
            .Where(level => level.OrderCount > 0);
        return side == OrderSide.Buy
            ? [.. levels.OrderByDescending(level => level.Price)]
            : [.. levels.OrderBy(level => level.Price)];
    }

    /// <summary>Every resting order among the pages held, oldest first per price and side.</summary>
    public static IReadOnlyList<RestingOrder> RestingOrders(OrderBookState state) =>
        [.. state.Legacy, .. state.Levels.Values.OrderBy(level => level.Price).SelectMany(level => PagedQueue(state, level.Price, OrderSide.Buy).Concat(PagedQueue(state, level.Price, OrderSide.Sell)))];

    /// <summary>
    /// The pages <paramref name="command"/> needs beyond those <paramref name="state"/> holds: asked again after each
    /// read until it names only pages found not to exist. Bounded: a level, at most <see cref="MaxSegmentsPerStep"/>
    /// segments per side and a back segment, or for a cancel a location, its segment and two neighbours.
    /// </summary>
    public static IReadOnlyList<BookPage> PagesWanted(OrderBookCommand command, OrderBookState state) => command switch
    {
        AcceptOrder accept => AcceptPages(accept, state),
        ContinueMatching next => MatchPages(state, next.Price, OrderSide.Buy).Concat(MatchPages(state, next.Price, OrderSide.Sell)).ToList(),
        CancelOrder cancel => CancelPages(cancel, state),
        _ => [],
    };

    public static IReadOnlyList<OrderBookEvent> Decide(OrderBookCommand command, OrderBookState state) => command switch
    {
        AcceptOrder accept => Accept(accept, state),
        ContinueMatching next => Continue(next, state),
        CancelOrder cancel => Cancel(cancel, state),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown order book command."),
    };

    public static OrderBookState Evolve(OrderBookState state, OrderBookEvent @event) => @event switch
    {
        OrderAccepted e => Rest(state with { FundId = e.FundId }, new RestingOrder(e.OrderId, e.InvestorId, e.Side, e.Price, e.Quantity, e.FeeRate)),
        OrderRejected e => state with { FundId = e.FundId },
        TradeExecuted e => Traded(Reduce(Reduce(state, e.Price, OrderSide.Buy, e.BuyOrderId, e.Quantity), e.Price, OrderSide.Sell, e.SellOrderId, e.Quantity), e),
        OrderCancelled e => Remove(state, e.OrderId),
        MatchingContinues => state,
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown order book event."),
    };

    /// <summary>
    /// A book folded from its events alone (every page in memory), turned into a head that keeps its resting orders in
    /// <see cref="OrderBookState.Legacy"/>: how a book written before paging is taken over without writing its pages.
    /// </summary>
    public static OrderBookState ToLegacy(OrderBookState folded) =>
        folded.HeadOnly() with { Legacy = [.. RestingOrders(folded)] };

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

        var accepted = new OrderAccepted(command.FundId, command.OrderId, command.InvestorId, command.Side, command.Price, command.Quantity, command.FeeRate, command.Now);

        // Orders of the same side already wait here: this one queues behind them. (If the other side waits too, a
        // fill is under way in steps and reaches this order in its turn.)
        if (Count(state, command.Price, command.Side) > 0)
        {
            return [accepted];
        }

        var incoming = new RestingOrder(command.OrderId, command.InvestorId, command.Side, command.Price, command.Quantity, command.FeeRate);
        var waiting = Queue(state, command.Price, Opposite(command.Side));
        var (buys, sells, buyCount, sellCount) = command.Side == OrderSide.Buy
            ? ((IEnumerable<RestingOrder>)[incoming], waiting, 1, Count(state, command.Price, OrderSide.Sell))
            : (waiting, [incoming], Count(state, command.Price, OrderSide.Buy), 1);
        return [accepted, .. Match(command.FundId, command.Price, buys, sells, buyCount, sellCount, command.NewTradeId, command.Now)];
    }

    private static OrderBookEvent[] Continue(ContinueMatching command, OrderBookState state)
    {
        var (buyCount, sellCount) = (Count(state, command.Price, OrderSide.Buy), Count(state, command.Price, OrderSide.Sell));
        return buyCount == 0 || sellCount == 0
            ? []
            : [.. Match(command.FundId, command.Price, Queue(state, command.Price, OrderSide.Buy), Queue(state, command.Price, OrderSide.Sell), buyCount, sellCount, command.NewTradeId, command.Now)];
    }

    /// <summary>
    /// R18 at one price: the oldest bid against the oldest ask, partially where need be, at most
    /// <see cref="MaxTradesPerStep"/> trades, then <see cref="MatchingContinues"/> if both sides still have orders.
    /// </summary>
    private static List<OrderBookEvent> Match(
        Guid fundId,
        long price,
        IEnumerable<RestingOrder> buys,
        IEnumerable<RestingOrder> sells,
        int buyCount,
        int sellCount,
        Func<int, Guid> newTradeId,
        DateTimeOffset now)
    {
        var events = new List<OrderBookEvent>();
        using var bids = buys.GetEnumerator();
        using var asks = sells.GetEnumerator();
        var (hasBid, hasAsk) = (bids.MoveNext(), asks.MoveNext());
        var (bidLeft, askLeft) = (hasBid ? bids.Current.Remaining : 0, hasAsk ? asks.Current.Remaining : 0);
        while (hasBid && hasAsk && events.Count < MaxTradesPerStep)
        {
            var (bid, ask) = (bids.Current, asks.Current);
            var quantity = Math.Min(bidLeft, askLeft);
            (bidLeft, askLeft) = (bidLeft - quantity, askLeft - quantity);
            var amount = checked(price * quantity);
            events.Add(new TradeExecuted(
                fundId,
                newTradeId(events.Count),
                price,
                quantity,
                bid.OrderId,
                bid.InvestorId,
                Money.Fee(amount, bid.FeeRate),
                bidLeft == 0,
                ask.OrderId,
                ask.InvestorId,
                Money.Fee(amount, ask.FeeRate),
                askLeft == 0,
                now));
            if (bidLeft == 0)
            {
                buyCount--;
                hasBid = bids.MoveNext();
                bidLeft = hasBid ? bids.Current.Remaining : 0;
            }

            if (askLeft == 0)
            {
                sellCount--;
                hasAsk = asks.MoveNext();
                askLeft = hasAsk ? asks.Current.Remaining : 0;
            }
        }

        if (buyCount > 0 && sellCount > 0)
        {
            events.Add(new MatchingContinues(fundId, price, now));
        }

        return events;
    }

    private static OrderBookEvent[] Cancel(CancelOrder command, OrderBookState state)
    {
        // The book keeps only resting orders; whether an order it does not hold ever existed is the caller's to tell.
        var order = Find(state, command.OrderId)
            ?? throw new DomainException(ErrorCodes.OrderNotOpen, $"Order {command.OrderId} is filled, cancelled or rejected.");

        return [new OrderCancelled(command.FundId, order.OrderId, order.InvestorId, order.Side, order.Remaining, command.Now)];
    }

    private static RestingOrder? Find(OrderBookState state, Guid orderId)
    {
        if (state.Legacy.Find(o => o.OrderId == orderId) is { } legacy)
        {
            return legacy;
        }

        // A location outlives its order (fills do not delete it); the segment tells whether the order still waits.
        return state.Locations.TryGetValue(orderId, out var location) && state.Segments.TryGetValue(location.Segment, out var segment)
            ? segment.Orders.Find(o => o.OrderId == orderId)
            : null;
    }

    private static OrderSide Opposite(OrderSide side) => side == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy;

    private static int Count(OrderBookState state, long price, OrderSide side) =>
        state.Legacy.Count(order => order.Price == price && order.Side == side)
        + (state.Levels.TryGetValue(price, out var level) ? level.Of(side).Count : 0);

    /// <summary>The orders of one side at one price, oldest first, as far as the pages held reach.</summary>
    private static IEnumerable<RestingOrder> Queue(OrderBookState state, long price, OrderSide side) =>
        state.Legacy.Where(order => order.Price == price && order.Side == side).Concat(PagedQueue(state, price, side));

    private static IEnumerable<RestingOrder> PagedQueue(OrderBookState state, long price, OrderSide side)
    {
        var next = state.Levels.TryGetValue(price, out var level) ? level.Of(side).Front : null;
        while (next is { } id && state.Segments.TryGetValue(id, out var segment))
        {
            foreach (var order in segment.Orders)
            {
                yield return order;
            }

            next = segment.Next;
        }
    }

    private static List<BookPage> AcceptPages(AcceptOrder accept, OrderBookState state)
    {
        if (!state.Levels.TryGetValue(accept.Price, out var level))
        {
            return [new BookPage.Level(accept.Price)];
        }

        var pages = new List<BookPage>();
        if (level.Of(accept.Side).Back is { } back && !state.Segments.ContainsKey(back))
        {
            pages.Add(new BookPage.Segment(back));
        }

        if (Count(state, accept.Price, accept.Side) == 0)
        {
            pages.AddRange(MatchPages(state, accept.Price, Opposite(accept.Side)));
        }

        return pages;
    }

    /// <summary>The next unread segment of one side's queue, while fewer than a step's worth of orders and segments are read.</summary>
    private static IEnumerable<BookPage> MatchPages(OrderBookState state, long price, OrderSide side)
    {
        if (!state.Levels.TryGetValue(price, out var level))
        {
            return [new BookPage.Level(price)];
        }

        var (read, orders, next) = (0, state.Legacy.Count(order => order.Price == price && order.Side == side), level.Of(side).Front);
        while (next is { } id && read < MaxSegmentsPerStep && orders <= MaxTradesPerStep)
        {
            if (!state.Segments.TryGetValue(id, out var segment))
            {
                return [new BookPage.Segment(id)];
            }

            (read, orders, next) = (read + 1, orders + segment.Orders.Count, segment.Next);
        }

        return [];
    }

    private static List<BookPage> CancelPages(CancelOrder cancel, OrderBookState state)
    {
        if (state.Legacy.Exists(order => order.OrderId == cancel.OrderId))
        {
            return [];
        }

        if (!state.Locations.TryGetValue(cancel.OrderId, out var location))
        {
            return [new BookPage.Location(cancel.OrderId)];
        }

        var pages = new List<BookPage>();
        if (!state.Levels.TryGetValue(location.Price, out var level))
        {
            pages.Add(new BookPage.Level(location.Price));
        }

        if (!state.Segments.TryGetValue(location.Segment, out var segment))
        {
            pages.Add(new BookPage.Segment(location.Segment));
            return pages;
        }

        // Emptying a segment unlinks it: its neighbours' links change.
        if (level is not null && segment.Orders.Count == 1 && segment.Orders[0].OrderId == cancel.OrderId)
        {
            var queue = level.Of(segment.Side);
            if (segment.Id != queue.Front && segment.Prev is { } prev && !state.Segments.ContainsKey(prev))
            {
                pages.Add(new BookPage.Segment(prev));
            }

            if (segment.Id != queue.Back && segment.Next is { } next && !state.Segments.ContainsKey(next))
            {
                pages.Add(new BookPage.Segment(next));
            }
        }

        return pages;
    }

    /// <summary>Puts an order at the back of its queue: into the back segment while it has room, else a new one.</summary>
    private static OrderBookState Rest(OrderBookState state, RestingOrder order)
    {
        var level = state.Levels.GetValueOrDefault(order.Price) ?? new LevelQueues(order.Price, LevelQueue.Empty, LevelQueue.Empty);
        var queue = level.Of(order.Side);
        var segments = state.Segments;
        long segmentId;
        if (queue.Back is { } back && segments[back].Orders.Count < SegmentCapacity)
        {
            segmentId = back;
            segments = segments.SetItem(back, segments[back] with { Orders = segments[back].Orders.Add(order) });
        }
        else
        {
            segmentId = state.NextSegment;
            if (queue.Back is { } previous)
            {
                segments = segments.SetItem(previous, segments[previous] with { Next = segmentId });
            }

            segments = segments.SetItem(segmentId, new BookSegment(segmentId, order.Price, order.Side, queue.Back, null, [order]));
            queue = queue with { Front = queue.Front ?? segmentId, Back = segmentId };
        }

        queue = queue with { Count = queue.Count + 1, Quantity = queue.Quantity + order.Remaining };
        return state with
        {
            NextSegment = segmentId == state.NextSegment ? state.NextSegment + 1 : state.NextSegment,
            Levels = state.Levels.SetItem(order.Price, level.With(order.Side, queue)),
            Segments = segments,
            Locations = state.Locations.SetItem(order.OrderId, new OrderLocation(order.OrderId, order.Price, segmentId)),
        };
    }

    /// <summary>A trade takes its quantity from the order: legacy, or the front of its queue (or where its location says).</summary>
    private static OrderBookState Reduce(OrderBookState state, long price, OrderSide side, Guid orderId, long quantity)
    {
        var legacyIndex = state.Legacy.FindIndex(order => order.OrderId == orderId);
        if (legacyIndex >= 0)
        {
            var legacy = state.Legacy[legacyIndex];
            return state with
            {
                Legacy = legacy.Remaining <= quantity
                    ? state.Legacy.RemoveAt(legacyIndex)
                    : state.Legacy.SetItem(legacyIndex, legacy with { Remaining = legacy.Remaining - quantity }),
            };
        }

        // A trade of an order the book does not hold (never in these pages) leaves the queues as they are, as before paging.
        var segmentId = state.Locations.TryGetValue(orderId, out var location) ? location.Segment : state.Levels.GetValueOrDefault(price)?.Of(side).Front;
        if (segmentId is not { } id
            || !state.Levels.TryGetValue(price, out var level)
            || !state.Segments.TryGetValue(id, out var segment)
            || segment.Orders.FindIndex(order => order.OrderId == orderId) is var index && index < 0)
        {
            return state;
        }

        var order = segment.Orders[index];
        var queue = level.Of(side) with { Quantity = level.Of(side).Quantity - quantity };
        if (order.Remaining > quantity)
        {
            return state with
            {
                Levels = state.Levels.SetItem(price, level.With(side, queue)),
                Segments = state.Segments.SetItem(id, segment with { Orders = segment.Orders.SetItem(index, order with { Remaining = order.Remaining - quantity }) }),
            };
        }

        return Unqueue(state with { Locations = state.Locations.Remove(orderId) }, level.With(side, queue with { Count = queue.Count - 1 }), segment with { Orders = segment.Orders.RemoveAt(index) });
    }

    private static OrderBookState Remove(OrderBookState state, Guid orderId)
    {
        var legacyIndex = state.Legacy.FindIndex(order => order.OrderId == orderId);
        if (legacyIndex >= 0)
        {
            return state with { Legacy = state.Legacy.RemoveAt(legacyIndex) };
        }

        var location = state.Locations[orderId];
        var segment = state.Segments[location.Segment];
        var order = segment.Orders.Find(o => o.OrderId == orderId) ?? throw new InvalidOperationException($"Order {orderId} is not in segment {segment.Id}.");
        var level = state.Levels[location.Price];
        var queue = level.Of(order.Side);
        return Unqueue(
            state with { Locations = state.Locations.Remove(orderId) },
            level.With(order.Side, queue with { Count = queue.Count - 1, Quantity = queue.Quantity - order.Remaining }),
            segment with { Orders = segment.Orders.Remove(order) });
    }

    /// <summary>Stores a segment that lost an order; an empty one is unlinked from its queue and dropped.</summary>
    private static OrderBookState Unqueue(OrderBookState state, LevelQueues level, BookSegment segment)
    {
        if (segment.Orders.Count > 0)
        {
            return state with { Levels = state.Levels.SetItem(level.Price, level), Segments = state.Segments.SetItem(segment.Id, segment) };
        }

        var queue = level.Of(segment.Side);
        var segments = state.Segments.Remove(segment.Id);
        var isFront = segment.Id == queue.Front;
        var prev = isFront ? null : segment.Prev;
        if (isFront)
        {
            // The next segment becomes the front; its Prev is not read while it is, so it need not be rewritten.
            queue = queue with { Front = segment.Next };
        }
        else if (prev is { } p)
        {
            segments = segments.SetItem(p, segments[p] with { Next = segment.Next });
        }

        if (segment.Id == queue.Back)
        {
            queue = queue with { Back = prev };
        }
        else if (!isFront && segment.Next is { } n)
        {
            segments = segments.SetItem(n, segments[n] with { Prev = prev });
        }

        return state with { Levels = state.Levels.SetItem(level.Price, level.With(segment.Side, queue)), Segments = segments };
    }

    private static OrderBookState Traded(OrderBookState state, TradeExecuted trade)
    {
        // Once the trading day turns, the previous last trade becomes the close of an earlier day: the R16 reference.
        var traded = state with { LastTradePrice = trade.Price, LastTradeAt = trade.At };
        return state.LastTradeAt is { } lastAt && Kst.Day(lastAt) < Kst.Day(trade.At)
            ? traded with { PreviousDayClose = state.LastTradePrice, PreviousDayCloseDay = Kst.Day(lastAt) }
            : traded;
    }
}
