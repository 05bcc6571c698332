using System.Collections.Immutable;
using OkCow.Domain.Funds;
using OkCow.Domain.Index;
using static OkCow.Domain.Funds.FundEvent;

namespace OkCow.Application.ReadModels.NavHistory;

public static class NavHistoryProjection
{
    /// <summary>An empty page <paramref name="page"/>, seeded with the fund as the previous page left it (or before its creation).</summary>
    public static FundNavPage Start(Guid fundId, long page, FundNavPage? previous, DateTimeOffset firstTimestamp) =>
        new(fundId, page, previous?.Version ?? 0, firstTimestamp, previous?.LastAt, previous?.State ?? FundDecider.Initial, []);

    /// <summary>
    /// Folds the fund event at <paramref name="version"/> with the domain's Evolve; an event that changes cash, units
    /// outstanding or properties (and the creation) adds the figures after it, at <paramref name="at"/> clamped so the
    /// series stays in time order when a clock stepped back.
    /// </summary>
    public static FundNavPage Apply(FundNavPage page, long version, DateTimeOffset at, FundEvent @event)
    {
        var before = page.State;
        var after = FundDecider.Evolve(before, @event);
        var changed = @event is FundCreated
            || before.Cash != after.Cash
            || before.UnitsOutstanding != after.UnitsOutstanding
            || before.Properties.Count != after.Properties.Count;
        if (!changed)
        {
            return page with { Version = version, State = after };
        }

        var clamped = page.LastAt is { } last && at < last ? last : at;
        var figures = new FundFiguresAt(version, clamped, after.Cash, after.UnitsOutstanding, after.Properties.Count);
        return page with { Version = version, State = after, LastAt = clamped, Entries = page.Entries.Add(figures) };
    }

    /// <summary>The instant the event itself records (the stored instant for an event that records none).</summary>
    public static DateTimeOffset AtOf(FundEvent @event, DateTimeOffset stored) => @event switch
    {
        FundCreated e => e.At,
        PropertyAcquired e => e.At,
        UnitsIssued e => e.At,
        SubscriptionRefused e => e.At,
        UnitsRedeemed e => e.At,
        RedemptionRefused e => e.At,
        RoyaltyDistributed e => e.At,
        RoyaltyRecorded e => e.At,
        RoyaltyPagePaid e => e.At,
        RoyaltyCompleted e => e.At,
        UnitsTransferred e => e.At,
        _ => stored,
    };

    /// <summary>An empty MCPI page, seeded with the index as the previous page left it.</summary>
    public static McpiPage Start(long page, McpiPage? previous, DateTimeOffset firstTimestamp) =>
        new(page, previous?.Version ?? 0, firstTimestamp, previous?.State ?? McpiDecider.Initial, []);

    public static McpiPage Apply(McpiPage page, long version, McpiEvent @event) => page with
    {
        Version = version,
        State = McpiDecider.Evolve(page.State, @event),
        Publications = @event is McpiEvent.McpiPublished published
            ? page.Publications.Add(new McpiObservation(version, published.At, published.Value))
            : page.Publications,
    };

    /// <summary>
    /// The history: one point at each instant the fund's figures or the MCPI changed, from the fund's creation on,
    /// valued with the domain's <see cref="FundDecider.NetAssets"/> and <see cref="FundDecider.Nav"/>.
    /// <paramref name="properties"/> are the fund's properties in acquisition order (each figure holds a prefix of them);
    /// <paramref name="mcpi"/> the publications in version order, which R7 keeps in time order.
    /// </summary>
    public static IReadOnlyList<NavPoint> Points(
        long basePrice,
        ImmutableList<FundProperty> properties,
        IReadOnlyList<FundFiguresAt> figures,
        IReadOnlyList<McpiObservation> mcpi)
    {
        if (figures.Count == 0)
        {
            return [];
        }

        var created = figures[0].At;
        var instants = figures.Select(f => f.At)
            .Concat(mcpi.Where(m => m.At >= created).Select(m => m.At))
            .Distinct()
            .Order()
            .ToList();

        var points = new List<NavPoint>(instants.Count);
        var figure = -1;
        var index = -1;
        foreach (var at in instants)
        {
            while (figure + 1 < figures.Count && figures[figure + 1].At <= at)
            {
                figure++;
            }

            while (index + 1 < mcpi.Count && mcpi[index + 1].At <= at)
            {
                index++;
            }

            var current = figures[figure];
            var value = index >= 0 ? mcpi[index].Value : McpiState.BaseValue;
            var state = FundState.Initial with
            {
                Created = true,
                BasePrice = basePrice,
                Cash = current.Cash,
                UnitsOutstanding = current.UnitsOutstanding,
                Properties = properties.GetRange(0, Math.Min(current.PropertyCount, properties.Count)),
            };
            points.Add(new NavPoint(at, FundDecider.Nav(state, value), FundDecider.NetAssets(state, value), current.UnitsOutstanding, current.Cash, value));
        }

        return points;
    }
}
