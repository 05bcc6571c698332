using System.Collections.Immutable;
using OkCow.Domain.Investors;

namespace OkCow.Domain.Markets;

/// <summary>An order waiting in the book with what is left of its quantity.</summary>
public sealed record RestingOrder(Guid OrderId, Guid InvestorId, OrderSide Side, long Price, long Remaining, decimal FeeRate);

/// <summary>One price of the order book view: the quantity waiting there and how many orders make it up.</summary>
public sealed record PriceLevel(long Price, long Quantity, int OrderCount);

/// <summary>
/// The orders of one side waiting at one price, oldest first: a chain of segments from <see cref="Front"/> to
/// <see cref="Back"/>, <see cref="Count"/> orders and <see cref="Quantity"/> units in all.
/// </summary>
public sealed record LevelQueue(long? Front, long? Back, int Count, long Quantity)
{
    public static LevelQueue Empty { get; } = new(null, null, 0, 0);
}

/// <summary>One price of the book (a page of the book's stream): its queue of bids and its queue of asks.</summary>
public sealed record LevelQueues(long Price, LevelQueue Buys, LevelQueue Sells)
{
    public LevelQueue Of(OrderSide side) => side == OrderSide.Buy ? Buys : Sells;

    public LevelQueues With(OrderSide side, LevelQueue queue) => side == OrderSide.Buy ? this with { Buys = queue } : this with { Sells = queue };
}

/// <summary>
/// Up to <see cref="OrderBookDecider.SegmentCapacity"/> resting orders of one side at one price, in time priority (a
/// page of the book's stream). <see cref="Prev"/> is only kept true while the segment is not the front of its queue.
/// </summary>
public sealed record BookSegment(long Id, long Price, OrderSide Side, long? Prev, long? Next, ImmutableList<RestingOrder> Orders);

/// <summary>Where a resting order waits (a page of the book's stream), so a cancel reads only its segment.</summary>
public sealed record OrderLocation(Guid OrderId, long Price, long Segment);

/// <summary>A page of the book's stream that a decision needs to have read.</summary>
public abstract record BookPage
{
    private BookPage()
    {
    }

    public sealed record Level(long Price) : BookPage;

    public sealed record Segment(long Id) : BookPage;

    public sealed record Location(Guid OrderId) : BookPage;
}

/// <summary>
/// A fund's order book. The head (the snapshot, bounded) holds the last trade, the last trade of an earlier KST day
/// (the R16 reference once the day has turned), the next segment id and the orders that rested before the book was
/// paged (<see cref="Legacy"/>, at most the 64 the old book held; none are added). Resting orders live in pages of
/// the stream: a <see cref="LevelQueues"/> per price, <see cref="BookSegment"/>s of orders and an
/// <see cref="OrderLocation"/> per resting order. <see cref="Levels"/>, <see cref="Segments"/> and
/// <see cref="Locations"/> hold the pages a decision read (or, folded from the events alone, every page); a page
/// that is absent is taken not to exist, so the handler reads every page <see cref="OrderBookDecider.PagesWanted"/>
/// names before deciding. A repeated acceptance is refused by the store (its event id is derived from the order id),
/// so the book keeps no ids of orders that are gone.
/// </summary>
public sealed record OrderBookState(
    Guid FundId,
    long? LastTradePrice,
    DateTimeOffset? LastTradeAt,
    long? PreviousDayClose,
    DateOnly? PreviousDayCloseDay,
    long NextSegment,
    ImmutableList<RestingOrder> Legacy,
    ImmutableDictionary<long, LevelQueues> Levels,
    ImmutableDictionary<long, BookSegment> Segments,
    ImmutableDictionary<Guid, OrderLocation> Locations)
{
    public static OrderBookState Initial { get; } = new(Guid.Empty, null, null, null, null, 1, [], ImmutableDictionary<long, LevelQueues>.Empty, ImmutableDictionary<long, BookSegment>.Empty, ImmutableDictionary<Guid, OrderLocation>.Empty);

    /// <summary>The head alone: what the snapshot holds.</summary>
    public OrderBookState HeadOnly() => this with
    {
        Levels = ImmutableDictionary<long, LevelQueues>.Empty,
        Segments = ImmutableDictionary<long, BookSegment>.Empty,
        Locations = ImmutableDictionary<Guid, OrderLocation>.Empty,
    };
}
