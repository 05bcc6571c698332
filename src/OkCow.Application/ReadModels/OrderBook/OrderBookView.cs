using System.Collections.Immutable;
using OkCow.Application.Projections;
using OkCow.Domain.Investors;

namespace OkCow.Application.ReadModels.OrderBook;

/// <summary>
/// orderbooks / {fundId} / "book": the aggregated levels a client shows, bids best (highest) first, asks best (lowest)
/// first; one entry per price with orders, however many orders rest there.
/// </summary>
public sealed record OrderBookView(
    Guid FundId,
    ImmutableList<BookLevel> Bids,
    ImmutableList<BookLevel> Asks) : ProjectedView
{
    public const string DocumentId = "book";

    public static OrderBookView Empty(Guid fundId) => new(fundId, [], []);
}

public sealed record BookLevel(long Price, long Quantity, int OrderCount);
