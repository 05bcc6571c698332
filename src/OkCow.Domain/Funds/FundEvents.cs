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
    /// Stored before royalties were paged (V1): income paid at once to the holders listed in the event, each
    /// floor(R × units / outstanding); <paramref name="Retained"/> went to fund cash. Only read from old streams now.
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
    /// Royalty income <paramref name="Amount"/> received (R14 amended): its holders of record are those of fund version
    /// <paramref name="RecordVersion"/>, each owed floor(R × units / <paramref name="UnitsOutstanding"/>). The money is
    /// owed to holders, not fund cash, until the payout completes.
    /// </summary>
    public sealed record RoyaltyRecorded(Guid FundId, Guid RoyaltyId, long Amount, long UnitsOutstanding, long RecordVersion, DateTimeOffset At) : FundEvent;

    /// <summary>
    /// One page of holders of record was credited: <paramref name="Holders"/> holders, <paramref name="Paid"/> in all, of
    /// <paramref name="HoldersOfRecord"/> (as the register counted them at the record version).
    /// </summary>
    public sealed record RoyaltyPagePaid(Guid FundId, Guid RoyaltyId, int Page, int Holders, long Paid, long HoldersOfRecord, DateTimeOffset At) : FundEvent;

    /// <summary>Every holder of record was paid; <paramref name="Retained"/> (R − paid, the rounding remainder) goes to fund cash.</summary>
    public sealed record RoyaltyCompleted(Guid FundId, Guid RoyaltyId, long Amount, long Paid, long HoldersPaid, long Retained, DateTimeOffset At) : FundEvent;

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
