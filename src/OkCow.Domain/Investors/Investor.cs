using System.Collections.Immutable;

namespace OkCow.Domain.Investors;

/// <summary>
/// An investor's stream folded: cash, units per fund and every open reservation a saga step may still settle or release.
/// Settled and released reservations are removed, so a repeated saga step finds nothing to do; steps that leave no
/// reservation behind (a royalty credit, a partial fill) are refused by the store as repeats (their event id is derived
/// from the step), so the state keeps no ids of past steps and stays as small as the investor's open business.
/// </summary>
/// <remarks>
/// <see cref="Name"/> and <see cref="LoginId"/> hold the sealed forms (or, for events written before sealing, clear
/// text until the upgrade); an erased investor keeps neither, nor the password hash, and is no longer
/// <see cref="Registered"/>.
/// </remarks>
public sealed record InvestorState(
    bool Registered,
    string Name,
    string LoginId,
    string PasswordHash,
    long Available,
    long Pending,
    ImmutableDictionary<Guid, Holding> Holdings,
    ImmutableDictionary<Guid, SubscriptionReservation> Subscriptions,
    ImmutableDictionary<Guid, RedemptionReservation> Redemptions,
    ImmutableDictionary<Guid, OpenOrder> Orders,
    bool Erased = false)
{
    public static InvestorState Unregistered { get; } = new(
        false,
        "",
        "",
        "",
        0,
        0,
        ImmutableDictionary<Guid, Holding>.Empty,
        ImmutableDictionary<Guid, SubscriptionReservation>.Empty,
        ImmutableDictionary<Guid, RedemptionReservation>.Empty,
        ImmutableDictionary<Guid, OpenOrder>.Empty);

    /// <summary>No cash, no units and no open reservation: what an erasure requires.</summary>
    public bool IsEmpty =>
        Available == 0 && Pending == 0 && Holdings.IsEmpty && Subscriptions.IsEmpty && Redemptions.IsEmpty && Orders.IsEmpty;

    public Holding HoldingOf(Guid fundId) => Holdings.GetValueOrDefault(fundId) ?? Holding.None;

    /// <summary>Returns the state with <paramref name="fundId"/>'s holding replaced; an empty holding is dropped.</summary>
    public InvestorState WithHolding(Guid fundId, Holding holding) => this with
    {
        Holdings = holding == Holding.None ? Holdings.Remove(fundId) : Holdings.SetItem(fundId, holding),
    };
}

/// <summary>Units held in one fund; <see cref="Locked"/> of them back open sell orders and redemptions.</summary>
public sealed record Holding(long Units, long Locked)
{
    public static Holding None { get; } = new(0, 0);

    public long Free => Units - Locked;
}

public sealed record SubscriptionReservation(Guid FundId, long Amount);

public sealed record RedemptionReservation(Guid FundId, long Units);

/// <summary>
/// An order the investor placed and the book has not finished: what is left of its quantity and of its reserved cash
/// (buys). A repeated settlement of a trade is refused by the store, not remembered here.
/// </summary>
public sealed record OpenOrder(
    Guid FundId,
    OrderSide Side,
    long Price,
    long Quantity,
    long RemainingQuantity,
    long RemainingReservedCash,
    decimal FeeRate)
{
    public bool IsDone => RemainingQuantity == 0 && RemainingReservedCash == 0;
}
