using System.Collections.Immutable;
using OkCow.Application.Projections;
using OkCow.Domain.Investors;

namespace OkCow.Application.ReadModels.InvestorList;

/// <summary>directory / "investors" / {investorId}: one row of the operators' investor list.</summary>
public sealed record InvestorListItemView(
    Guid InvestorId,
    bool Registered,
    string Name,
    string LoginId,
    long AvailableCash,
    long PendingCash,
    ImmutableDictionary<Guid, long> Units) : ProjectedView
{
    public const string Partition = "investors";

    public static InvestorListItemView Empty(Guid investorId) =>
        new(investorId, false, "", "", 0, 0, ImmutableDictionary<Guid, long>.Empty);
}

public static class InvestorListProjection
{
    public static InvestorListItemView Apply(InvestorListItemView view, InvestorEvent @event)
    {
        var registered = @event is InvestorEvent.InvestorRegistered e
            ? view with { Registered = true, Name = e.Name, LoginId = e.LoginId }
            : view;

        var (available, pending) = InvestorBalances.Cash(@event);
        var withCash = available == 0 && pending == 0
            ? registered
            : registered with { AvailableCash = registered.AvailableCash + available, PendingCash = registered.PendingCash + pending };

        return InvestorBalances.Units(@event) is (var fundId, var units, _) && units != 0
            ? withCash with { Units = AddUnits(withCash.Units, fundId, units) }
            : withCash;
    }

    private static ImmutableDictionary<Guid, long> AddUnits(ImmutableDictionary<Guid, long> held, Guid fundId, long units)
    {
        var after = held.GetValueOrDefault(fundId) + units;
        return after == 0 ? held.Remove(fundId) : held.SetItem(fundId, after);
    }
}
