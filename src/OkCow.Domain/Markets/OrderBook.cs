using System.Collections.Immutable;
using OkCow.Domain.Investors;

namespace OkCow.Domain.Markets;

/// <summary>An order waiting in the book. <see cref="Sequence"/> is its arrival number, which decides time priority.</summary>
public sealed record RestingOrder(Guid OrderId, Guid InvestorId, OrderSide Side, long Price, long Remaining, decimal FeeRate, long Sequence);

/// <summary>One price of the order book view: the quantity waiting there and how many orders make it up.</summary>
public sealed record PriceLevel(long Price, long Quantity, int OrderCount);

/// <summary>
/// A fund's order book folded: resting orders in arrival order (at most <see cref="OrderBookDecider.MaxRestingOrders"/>),
/// the last trade, and the last trade of an earlier KST day than the last trade's, which is the R16 reference once the
/// day has turned. A repeated acceptance is refused by the store (its event id is derived from the order id), so the
/// book keeps no ids of orders that are gone.
/// </summary>
public sealed record OrderBookState(
    Guid FundId,
    ImmutableList<RestingOrder> Resting,
    long NextSequence,
    long? LastTradePrice,
    DateTimeOffset? LastTradeAt,
    long? PreviousDayClose,
    DateOnly? PreviousDayCloseDay)
{
    public static OrderBookState Initial { get; } = new(Guid.Empty, [], 0, null, null, null, null);
}
