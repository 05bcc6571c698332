namespace OkCow.Domain.Investors;

/// <summary>Commands of an investor's stream. Each carries the investor id and the time; the domain reads no clock.</summary>
public abstract record InvestorCommand(Guid InvestorId, DateTimeOffset Now)
{
    /// <summary>
    /// <paramref name="Name"/> and <paramref name="LoginId"/> arrive sealed; their clear text was checked with
    /// <see cref="InvestorDecider.ValidateDetails"/> before sealing.
    /// </summary>
    public sealed record Register(Guid InvestorId, string Name, string LoginId, string PasswordHash, DateTimeOffset Now) : InvestorCommand(InvestorId, Now);

    /// <summary>Closes an empty account and erases its personal data (SPEC §9).</summary>
    public sealed record Erase(Guid InvestorId, DateTimeOffset Now) : InvestorCommand(InvestorId, Now);

    /// <summary>Replaces the stored hash of the same password with one made at the current cost.</summary>
    public sealed record RehashPassword(Guid InvestorId, string PasswordHash, DateTimeOffset Now) : InvestorCommand(InvestorId, Now);

    public sealed record Deposit(Guid InvestorId, long Amount, DateTimeOffset Now) : InvestorCommand(InvestorId, Now);

    public sealed record Withdraw(Guid InvestorId, long Amount, DateTimeOffset Now) : InvestorCommand(InvestorId, Now);

    public sealed record RequestSubscription(Guid InvestorId, Guid SubscriptionId, Guid FundId, long Amount, DateTimeOffset Now) : InvestorCommand(InvestorId, Now);

    public sealed record SettleSubscription(Guid InvestorId, Guid SubscriptionId, long Units, long Cost, DateTimeOffset Now) : InvestorCommand(InvestorId, Now);

    public sealed record ReleaseSubscription(Guid InvestorId, Guid SubscriptionId, string Code, DateTimeOffset Now) : InvestorCommand(InvestorId, Now);

    public sealed record RequestRedemption(Guid InvestorId, Guid RedemptionId, Guid FundId, long Units, DateTimeOffset Now) : InvestorCommand(InvestorId, Now);

    public sealed record SettleRedemption(Guid InvestorId, Guid RedemptionId, long Proceeds, DateTimeOffset Now) : InvestorCommand(InvestorId, Now);

    public sealed record ReleaseRedemption(Guid InvestorId, Guid RedemptionId, string Code, DateTimeOffset Now) : InvestorCommand(InvestorId, Now);

    /// <summary><paramref name="Market"/> is read before deciding (order book, fund NAV, MCPI) and recorded on the event.</summary>
    public sealed record PlaceOrder(Guid InvestorId, Guid OrderId, Guid FundId, OrderSide Side, long Price, long Quantity, decimal FeeRate, MarketConditions Market, DateTimeOffset Now) : InvestorCommand(InvestorId, Now);

    /// <summary>A trade of the book on this investor's order; <paramref name="OrderFilled"/> releases what is left.</summary>
    public sealed record SettleTrade(Guid InvestorId, Guid OrderId, Guid TradeId, long Price, long Quantity, long Fee, bool OrderFilled, DateTimeOffset Now) : InvestorCommand(InvestorId, Now);

    /// <summary>The book cancelled or rejected the order: release what is left of it.</summary>
    public sealed record ReleaseOrder(Guid InvestorId, Guid OrderId, string Reason, DateTimeOffset Now) : InvestorCommand(InvestorId, Now);

    public sealed record CreditRoyalty(Guid InvestorId, Guid RoyaltyId, Guid FundId, long Amount, DateTimeOffset Now) : InvestorCommand(InvestorId, Now);
}

/// <summary>
/// What the market looked like when an order was placed: the R16 band reference and whether R21 halted trading.
/// </summary>
public sealed record MarketConditions(long ReferencePrice, bool Halted);
