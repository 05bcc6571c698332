namespace OkCow.Domain.Funds;

/// <summary>
/// Commands of a fund's stream. <c>Mcpi</c> (hundredths) is the index value in force at <c>Now</c>, read before deciding.
/// </summary>
public abstract record FundCommand(Guid FundId, DateTimeOffset Now)
{
    public sealed record CreateFund(Guid FundId, string Name, long BasePrice, DateTimeOffset Now) : FundCommand(FundId, Now);

    public sealed record AcquireProperty(Guid FundId, Guid PropertyId, string CopyrightCode, string RegistrationNumber, string MusicId, long Price, long Mcpi, DateTimeOffset Now) : FundCommand(FundId, Now);

    public sealed record IssueUnits(Guid FundId, Guid SubscriptionId, Guid InvestorId, long Amount, long Mcpi, DateTimeOffset Now) : FundCommand(FundId, Now);

    public sealed record RedeemUnits(Guid FundId, Guid RedemptionId, Guid InvestorId, long Units, long Mcpi, DateTimeOffset Now) : FundCommand(FundId, Now);

    public sealed record DistributeRoyalty(Guid FundId, Guid RoyaltyId, long Amount, DateTimeOffset Now) : FundCommand(FundId, Now);

    /// <summary>
    /// A page of the royalty's holders of record was credited (the saga read them from the register as of the record
    /// version); <paramref name="Last"/> completes the royalty and retains the remainder.
    /// </summary>
    public sealed record RecordRoyaltyPage(Guid FundId, Guid RoyaltyId, int Page, int Holders, long Paid, long HoldersOfRecord, bool Last, DateTimeOffset Now) : FundCommand(FundId, Now);

    public sealed record TransferUnits(Guid FundId, Guid TradeId, Guid SellerId, Guid BuyerId, long Quantity, long Price, long FeeIncome, DateTimeOffset Now) : FundCommand(FundId, Now);
}
