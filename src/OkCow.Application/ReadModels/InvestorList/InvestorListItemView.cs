using System.Collections.Immutable;
using OkCow.Application.Projections;
using OkCow.Application.ReadModels.InvestorProfile;
using OkCow.Domain.Investors;

namespace OkCow.Application.ReadModels.InvestorList;

/// <summary>
/// directory / "investors" / {investorId}: one row of the operators' investor list. Name and login id are the opened
/// fields, null once the investor is erased (the row stays, with its figures, marked <see cref="Erased"/>).
/// </summary>
public sealed record InvestorListItemView(
    Guid InvestorId,
    bool Registered,
    string? Name,
    string? LoginId,
    long AvailableCash,
    long PendingCash,
    ImmutableDictionary<Guid, long> Units,
    bool Erased = false) : ProjectedView
{
    public const string Partition = "investors";

    public static InvestorListItemView Empty(Guid investorId) =>
        new(investorId, false, null, null, 0, 0, ImmutableDictionary<Guid, long>.Empty);
}

public static class InvestorListProjection
{
    /// <param name="details">The registration's fields opened with the investor's data key (nulls once it is destroyed).</param>
    public static InvestorListItemView Apply(InvestorListItemView view, InvestorEvent @event, OpenedDetails? details = null)
    {
        var registered = @event switch
        {
            InvestorEvent.InvestorRegistered when !view.Erased => view with { Registered = true, Name = details?.Name, LoginId = details?.LoginId },
            InvestorEvent.InvestorErased => view with { Registered = true, Name = null, LoginId = null, Erased = true },
            _ => view,
        };

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
