namespace OkCow.Domain.Investors;

/// <summary>
/// Events of one investor's stream (<c>investor-{investorId}</c>). The stream owns the investor's cash (available and
/// pending) and units per fund (held and locked), so every cash and unit invariant of an investor is checked here.
/// </summary>
public abstract record InvestorEvent
{
    private InvestorEvent()
    {
    }

    /// <summary>
    /// <paramref name="Name"/> and <paramref name="LoginId"/> are sealed (encrypted under the investor's data key outside
    /// the log) before they reach the domain, which treats them as opaque; events written before sealing hold them in
    /// clear until the personal-data upgrade rewrites them. PasswordHash is a salted slow hash made at the edge.
    /// </summary>
    public sealed record InvestorRegistered(Guid InvestorId, string Name, string LoginId, string PasswordHash, DateTimeOffset At) : InvestorEvent;

    /// <summary>
    /// The account was closed and its personal data erased: the data key that sealed the name and login id is destroyed,
    /// so those fields can no longer be opened anywhere. Figures stay as they were (the account held nothing).
    /// </summary>
    public sealed record InvestorErased(Guid InvestorId, DateTimeOffset At) : InvestorEvent;

    /// <summary>The password was hashed again at a higher cost on a successful sign-in; the password itself is unchanged.</summary>
    public sealed record PasswordRehashed(Guid InvestorId, string PasswordHash, DateTimeOffset At) : InvestorEvent;

    public sealed record CashDeposited(Guid InvestorId, long Amount, DateTimeOffset At) : InvestorEvent;

    public sealed record CashWithdrawn(Guid InvestorId, long Amount, DateTimeOffset At) : InvestorEvent;

    /// <summary>Saga step 1 of a subscription: <paramref name="Amount"/> moves from available to pending cash.</summary>
    public sealed record SubscriptionRequested(Guid InvestorId, Guid SubscriptionId, Guid FundId, long Amount, DateTimeOffset At) : InvestorEvent;

    /// <summary>The fund issued <paramref name="Units"/> for <paramref name="Cost"/>; pending −= amount, available += amount − cost.</summary>
    public sealed record SubscriptionSettled(Guid InvestorId, Guid SubscriptionId, Guid FundId, long Amount, long Units, long Cost, DateTimeOffset At) : InvestorEvent;

    /// <summary>Compensation: the fund refused; the reserved amount goes back to available cash.</summary>
    public sealed record SubscriptionReleased(Guid InvestorId, Guid SubscriptionId, Guid FundId, long Amount, string Code, DateTimeOffset At) : InvestorEvent;

    /// <summary>Saga step 1 of a redemption: <paramref name="Units"/> become locked.</summary>
    public sealed record RedemptionRequested(Guid InvestorId, Guid RedemptionId, Guid FundId, long Units, DateTimeOffset At) : InvestorEvent;

    /// <summary>The fund paid <paramref name="Proceeds"/> for the units; they leave the holding.</summary>
    public sealed record RedemptionSettled(Guid InvestorId, Guid RedemptionId, Guid FundId, long Units, long Proceeds, DateTimeOffset At) : InvestorEvent;

    /// <summary>Compensation: the fund refused; the units are unlocked.</summary>
    public sealed record RedemptionReleased(Guid InvestorId, Guid RedemptionId, Guid FundId, long Units, string Code, DateTimeOffset At) : InvestorEvent;

    /// <summary>
    /// A limit order passed the investor's checks: a buy reserved <paramref name="ReservedCash"/> (price × quantity + fee)
    /// into pending cash, a sell locked <paramref name="Quantity"/> units. The band and halt state used are recorded.
    /// </summary>
    public sealed record OrderPlaced(
        Guid InvestorId,
        Guid OrderId,
        Guid FundId,
        OrderSide Side,
        long Price,
        long Quantity,
        long ReservedCash,
        decimal FeeRate,
        long ReferencePrice,
        long BandLow,
        long BandHigh,
        DateTimeOffset At) : InvestorEvent;

    /// <summary>A trade filled part of a buy order: pending −= price × quantity + fee, units += quantity.</summary>
    public sealed record BuyOrderFilled(Guid InvestorId, Guid OrderId, Guid TradeId, Guid FundId, long Price, long Quantity, long Fee, DateTimeOffset At) : InvestorEvent;

    /// <summary>A trade filled part of a sell order: locked and held units −= quantity, available += price × quantity − fee.</summary>
    public sealed record SellOrderFilled(Guid InvestorId, Guid OrderId, Guid TradeId, Guid FundId, long Price, long Quantity, long Fee, DateTimeOffset At) : InvestorEvent;

    /// <summary>
    /// What is left of an order's reservation or lock goes back: after a cancel, a rejection by the book, or once a buy
    /// order is filled with cash left over. <paramref name="Reason"/> is "cancelled", "filled" or an error code.
    /// </summary>
    public sealed record OrderReleased(Guid InvestorId, Guid OrderId, Guid FundId, long ReleasedCash, long ReleasedUnits, string Reason, DateTimeOffset At) : InvestorEvent;

    /// <summary>The investor's share of a fund's royalty income, paid into available cash.</summary>
    public sealed record RoyaltyCredited(Guid InvestorId, Guid RoyaltyId, Guid FundId, long Amount, DateTimeOffset At) : InvestorEvent;
}

public enum OrderSide
{
    Buy,
    Sell,
}
