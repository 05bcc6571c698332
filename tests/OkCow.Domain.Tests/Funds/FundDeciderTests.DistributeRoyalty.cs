using OkCow.Domain.Funds;
using static OkCow.Domain.Funds.FundCommand;
using static OkCow.Domain.Funds.FundEvent;

namespace OkCow.Domain.Tests.Funds;

public sealed partial class FundDeciderTests
{
    private static readonly Guid Royalty = Guid.Parse("50ea0000-0000-0000-0000-000000000001");

    private static DistributeRoyalty Distribute(long amount) => new(FundId, Royalty, amount, Now);

    // RoyaltyDistributed holds a list, which records compare by reference, so these tests compare its parts.
    private static void AssertDistributed(IReadOnlyList<FundEvent> events, long outstanding, long retained, params RoyaltyShare[] shares)
    {
        var distributed = Assert.IsType<RoyaltyDistributed>(Assert.Single(events));
        Assert.Equal((FundId, Royalty, outstanding, retained, Now), (distributed.FundId, distributed.RoyaltyId, distributed.UnitsOutstanding, distributed.Retained, distributed.At));
        Assert.Equal(shares, distributed.Shares);
        Assert.Equal(distributed.Amount, distributed.Retained + distributed.Shares.Sum(share => share.Amount));
    }

    [Fact]
    public void GivenWorkedExampleHolders_WhenRoyalty18000_ThenSharesProRataInInvestorOrder() =>
        Spec()
            .Given(Created(), Issued(C, 30, 330_000), Issued(A, 100, 1_000_000), Issued(B, 50, 550_000))
            .When(Distribute(18_000))
            .ThenMatches(events => AssertDistributed(
                events,
                180,
                0,
                new RoyaltyShare(A, 100, 10_000),
                new RoyaltyShare(B, 50, 5_000),
                new RoyaltyShare(C, 30, 3_000)));

    [Fact]
    public void GivenThreeEqualHolders_WhenRoyalty100_ThenEachGets33AndTheRemainderStaysInTheFund() =>
        Spec()
            .Given(Created(), Issued(A, 1, 10_000), Issued(B, 1, 10_000), Issued(C, 1, 10_000))
            .When(Distribute(100))
            .ThenMatches(events => AssertDistributed(
                events,
                3,
                1,
                new RoyaltyShare(A, 1, 33),
                new RoyaltyShare(B, 1, 33),
                new RoyaltyShare(C, 1, 33)));

    [Fact]
    public void GivenThreeEqualHolders_WhenRoyalty100_ThenFundCashKeepsTheRemainder()
    {
        var state = Spec().Given(Created(), Issued(A, 1, 10_000), Issued(B, 1, 10_000), Issued(C, 1, 10_000)).When(Distribute(100)).ThenState();

        Assert.Equal(30_001, state.Cash);
        Assert.Contains(Royalty, state.ProcessedIds);
    }

    [Fact]
    public void GivenAHolderTooSmallForAWholeShare_WhenRoyalty_ThenTheHolderIsListedWithNothing() =>
        Spec()
            .Given(Created(), Issued(A, 999, 9_990_000), Issued(B, 1, 10_000))
            .When(Distribute(999))
            .ThenMatches(events => AssertDistributed(events, 1_000, 1, new RoyaltyShare(A, 999, 998), new RoyaltyShare(B, 1, 0)));

    [Fact]
    public void GivenNoUnitsOutstanding_WhenRoyalty_ThenAllOfItGoesToFundCash()
    {
        var spec = Spec().Given(Created()).When(Distribute(5_000));

        spec.ThenMatches(events => AssertDistributed(events, 0, 5_000));
        Assert.Equal(5_000, spec.ThenState().Cash);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void GivenFund_WhenRoyaltyNotPositive_ThenValidationFailed(long amount) =>
        Spec().Given(Created()).When(Distribute(amount)).ThenFails("VALIDATION_FAILED");

    [Fact]
    public void GivenRoyaltyDistributed_WhenSameRoyaltyRepeated_ThenNothing() =>
        Spec()
            .Given(Created(), Issued(A, 1, 10_000), new RoyaltyDistributed(FundId, Royalty, 100, 1, [new RoyaltyShare(A, 1, 100)], 0, Now))
            .When(Distribute(100))
            .ThenNothing();
}
