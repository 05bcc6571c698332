using System.Collections.Immutable;
using OkCow.Application.Projections;
using OkCow.Domain.Investors;

namespace OkCow.Application.ReadModels.OrderBook;

/// <summary>
/// orderbooks / {fundId} / "book": resting orders and, kept in step with them, the aggregated levels a client shows:
/// bids best (highest) first, asks best (lowest) first.
/// </summary>
public sealed record OrderBookView(
    Guid FundId,
    ImmutableDictionary<Guid, BookOrder> Orders,
    ImmutableList<BookLevel> Bids,
    ImmutableList<BookLevel> Asks) : ProjectedView
{
    public const string DocumentId = "book";

    public static OrderBookView Empty(Guid fundId) => new(fundId, ImmutableDictionary<Guid, BookOrder>.Empty, [], []);
}

public sealed record BookOrder(Guid InvestorId, OrderSide Side, long Price, long Remaining);

public sealed record BookLevel(long Price, long Quantity, int OrderCount);
