namespace OkCow.Domain.Funds;

/// <summary>
/// Events of one fund's stream (<c>fund-{fundId}</c>). The stream owns fund cash, units outstanding, the register of
/// holders, and the copyright properties. Each event that depends on NAV records the figures it was decided with.
/// </summary>
public abstract record FundEvent
{
    private FundEvent()
    {
    }

    public sealed record FundCreated(Guid FundId, string Name, long BasePrice, DateTimeOffset At) : FundEvent;

    /// <summary><paramref name="McpiAtAcquisition"/> is in hundredths (110.00 = 11000).</summary>
    public sealed record PropertyAcquired(
        Guid FundId,
        Guid PropertyId,
        string CopyrightCode,
        string RegistrationNumber,
        string MusicId,
        long Price,
        long McpiAtAcquisition,
        DateTimeOffset At) : FundEvent;

    /// <summary>
    /// A subscription processed at NAV = <paramref name="NetAssets"/> / <paramref name="UnitsOutstandingBefore"/>
    /// (or the base price while none): units = floor(amount / NAV), cost = ceil(units × NAV).
    /// </summary>
    public sealed record UnitsIssued(
        Guid FundId,
        Guid SubscriptionId,
        Guid InvestorId,
        long Amount,
        long Units,
        long Cost,
        decimal Nav,
        long NetAssets,
        long UnitsOutstandingBefore,
        long Mcpi,
        DateTimeOffset At) : FundEvent;

    public sealed record SubscriptionRefused(Guid FundId, Guid SubscriptionId, Guid InvestorId, long Amount, string Code, decimal Nav, long Mcpi, DateTimeOffset At) : FundEvent;

    /// <summary>proceeds = floor(units × net assets / units outstanding).</summary>
    public sealed record UnitsRedeemed(
        Guid FundId,
        Guid RedemptionId,
        Guid InvestorId,
        long Units,
        long Proceeds,
        long NetAssets,
        long UnitsOutstandingBefore,
        long Mcpi,
        DateTimeOffset At) : FundEvent;

    public sealed record RedemptionRefused(Guid FundId, Guid RedemptionId, Guid InvestorId, long Units, string Code, DateTimeOffset At) : FundEvent;

    /// <summary>
    /// Royalty income paid at once to holders of record: each gets floor(R × units / outstanding);
    /// <paramref name="Retained"/> (the remainder, or all of R with no units outstanding) goes to fund cash.
    /// </summary>
    public sealed record RoyaltyDistributed(
        Guid FundId,
        Guid RoyaltyId,
        long Amount,
        long UnitsOutstanding,
        IReadOnlyList<RoyaltyShare> Shares,
        long Retained,
        DateTimeOffset At) : FundEvent;

    /// <summary>
    /// A market trade recorded in the register: units move from seller to buyer; both sides' fees are fee income of the fund.
    /// </summary>
    public sealed record UnitsTransferred(
        Guid FundId,
        Guid TradeId,
        Guid SellerId,
        Guid BuyerId,
        long Quantity,
        long Price,
        long FeeIncome,
        DateTimeOffset At) : FundEvent;
}

public sealed record RoyaltyShare(Guid InvestorId, long Units, long Amount);
