using System.Collections.Immutable;
using OkCow.Application.Projections;
using OkCow.Domain.Funds;
using OkCow.Domain.Index;

namespace OkCow.Application.ReadModels.NavHistory;

/// <summary>
/// funds / {fundId} / "nav-history": the one-document history written before NAV history was paged (it grew with every
/// change and every MCPI publication). Nothing writes it any more; a fund whose pages do not exist yet (a data folder
/// from before paging, until the fund's next event makes the projector page it from the log) is answered from it.
/// </summary>
public sealed record LegacyNavHistoryView(
    Guid FundId,
    bool Created,
    DateTimeOffset? CreatedAt,
    long BasePrice,
    long Cash,
    long UnitsOutstanding,
    ImmutableList<PropertyView> Properties,
    ImmutableList<LegacyFundFiguresAt> Figures,
    ImmutableSortedDictionary<long, LegacyMcpiObservation> Mcpi) : ProjectedView
{
    public const string DocumentId = "nav-history";

    /// <summary>The history as it was derived from the one document: a point at each change of the figures or the MCPI.</summary>
    public IReadOnlyList<NavPoint> Points()
    {
        if (!Created || Figures.IsEmpty)
        {
            return [];
        }

        var figures = Figures.Select(f => new FundFiguresAt(0, f.At, f.Cash, f.UnitsOutstanding, f.PropertyCount)).ToList();
        var mcpi = Mcpi.Select(m => new McpiObservation(m.Key, m.Value.At, m.Value.Value)).ToList();
        var properties = Properties.Select(p => p.ToDomain()).ToImmutableList();
        return NavHistoryProjection.Points(BasePrice, properties, figures, mcpi);
    }
}

public sealed record LegacyFundFiguresAt(DateTimeOffset At, long Cash, long UnitsOutstanding, int PropertyCount);

public sealed record LegacyMcpiObservation(DateTimeOffset At, long Value);
