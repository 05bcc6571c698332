using System.Collections.Immutable;
using OkCow.Application.Projections;
using OkCow.Domain.Positions;

namespace OkCow.Application.ReadModels.Portfolio;

/// <summary>
/// investors / {investorId} / "portfolio": cash, today's trading value and the investor's <see cref="Position"/> in
/// each fund (R22), all folded from the investor's own stream.
/// </summary>
public sealed record PortfolioView(
    Guid InvestorId,
    long AvailableCash,
    long PendingCash,
    DailyTotal? TradingValue,
    ImmutableDictionary<Guid, Position> Holdings) : ProjectedView
{
    public const string DocumentId = "portfolio";

    public static PortfolioView Empty(Guid investorId) =>
        new(investorId, 0, 0, null, ImmutableDictionary<Guid, Position>.Empty);
}
