using System.Collections.Immutable;
using OkCow.Application.Projections;

namespace OkCow.Application.ReadModels.NavHistory;

/// <summary>
/// funds / {fundId} / "nav-history". Rather than points computed at arrival time, the view keeps the two series NAV
/// depends on: the fund's figures after each event that changed them (from the fund stream) and the MCPI publications
/// (from the mcpi stream, keyed by their version). The points are derived from both by <see cref="NavHistoryProjection.Points"/>,
/// so the history is the same whichever stream's events arrive first.
/// </summary>
public sealed record NavHistoryView(
    Guid FundId,
    bool Created,
    DateTimeOffset? CreatedAt,
    long BasePrice,
    long Cash,
    long UnitsOutstanding,
    ImmutableList<PropertyView> Properties,
    ImmutableList<FundFiguresAt> Figures,
    ImmutableSortedDictionary<long, McpiObservation> Mcpi) : ProjectedView
{
    public const string DocumentId = "nav-history";

    public static NavHistoryView Empty(Guid fundId) =>
        new(fundId, false, null, 0, 0, 0, [], [], ImmutableSortedDictionary<long, McpiObservation>.Empty);
}

/// <summary>The fund after one of its events: cash, units outstanding and how many of the properties it held by then.</summary>
public sealed record FundFiguresAt(DateTimeOffset At, long Cash, long UnitsOutstanding, int PropertyCount);

/// <summary>An MCPI value in hundredths, in force from <see cref="At"/>.</summary>
public sealed record McpiObservation(DateTimeOffset At, long Value);

/// <summary>One point of the history; <see cref="Mcpi"/> in hundredths.</summary>
public sealed record NavPoint(DateTimeOffset At, decimal Nav, long NetAssets, long UnitsOutstanding, long Cash, long Mcpi);
