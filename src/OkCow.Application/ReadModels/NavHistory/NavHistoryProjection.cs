using OkCow.Domain.Funds;
using OkCow.Domain.Index;
using static OkCow.Domain.Funds.FundEvent;

namespace OkCow.Application.ReadModels.NavHistory;

public static class NavHistoryProjection
{
    /// <summary>Every fund event that changes cash, units outstanding or properties adds the fund's figures after it.</summary>
    public static NavHistoryView Apply(NavHistoryView view, FundEvent @event) => @event switch
    {
        FundCreated e => Record(view with { Created = true, CreatedAt = e.At, BasePrice = e.BasePrice }, e.At),
        PropertyAcquired e => Record(view with { Cash = view.Cash - e.Price, Properties = view.Properties.Add(PropertyView.From(e)) }, e.At),
        UnitsIssued e => Record(view with { Cash = view.Cash + e.Cost, UnitsOutstanding = view.UnitsOutstanding + e.Units }, e.At),
        UnitsRedeemed e => Record(view with { Cash = view.Cash - e.Proceeds, UnitsOutstanding = view.UnitsOutstanding - e.Units }, e.At),
        RoyaltyDistributed { Retained: > 0 } e => Record(view with { Cash = view.Cash + e.Retained }, e.At),
        RoyaltyCompleted { Retained: > 0 } e => Record(view with { Cash = view.Cash + e.Retained }, e.At),
        UnitsTransferred { FeeIncome: > 0 } e => Record(view with { Cash = view.Cash + e.FeeIncome }, e.At),
        _ => view,
    };

    /// <summary>An MCPI publication, from the fan-out or read from the log; its stream version makes a repeat a no-op.</summary>
    public static NavHistoryView Observe(NavHistoryView view, long mcpiVersion, McpiEvent.McpiPublished published) =>
        view with { Mcpi = view.Mcpi.SetItem(mcpiVersion, new McpiObservation(published.At, published.Value)) };

    /// <summary>
    /// The history: one point at each instant the fund's figures or the MCPI changed, from the fund's creation on,
    /// valued with the domain's <see cref="FundDecider.NetAssets"/> and <see cref="FundDecider.Nav"/>.
    /// </summary>
    public static IReadOnlyList<NavPoint> Points(NavHistoryView view)
    {
        if (!view.Created || view.Figures.IsEmpty)
        {
            return [];
        }

        var created = view.Figures[0].At;

        // R7 keeps publications in time order, so version order is time order.
        var mcpi = view.Mcpi.Values.ToList();
        var instants = view.Figures.Select(f => f.At)
            .Concat(mcpi.Where(m => m.At >= created).Select(m => m.At))
            .Distinct()
            .Order()
            .ToList();

        var points = new List<NavPoint>(instants.Count);
        var figure = -1;
        var index = -1;
        foreach (var at in instants)
        {
            while (figure + 1 < view.Figures.Count && view.Figures[figure + 1].At <= at)
            {
                figure++;
            }

            while (index + 1 < mcpi.Count && mcpi[index + 1].At <= at)
            {
                index++;
            }

            var figures = view.Figures[figure];
            var value = index >= 0 ? mcpi[index].Value : McpiState.BaseValue;
            var state = FundFigures.ToState(view.BasePrice, figures.Cash, figures.UnitsOutstanding, view.Properties.Take(figures.PropertyCount));
            points.Add(new NavPoint(at, FundDecider.Nav(state, value), FundDecider.NetAssets(state, value), figures.UnitsOutstanding, figures.Cash, value));
        }

        return points;
    }

    /// <summary>Appends the current figures; a clock that stepped back is clamped so the series stays in time order.</summary>
    private static NavHistoryView Record(NavHistoryView view, DateTimeOffset at)
    {
        var last = view.Figures.IsEmpty ? at : view.Figures[^1].At;
        var figures = new FundFiguresAt(at < last ? last : at, view.Cash, view.UnitsOutstanding, view.Properties.Count);
        return view with { Figures = view.Figures.Add(figures) };
    }
}
