using OkCow.Domain.Funds;
using static OkCow.Domain.Funds.FundCommand;
using static OkCow.Domain.Funds.FundEvent;

namespace OkCow.Domain.Tests.Funds;

public sealed partial class FundDeciderTests
{
    private static readonly Guid Redemption = Guid.Parse("5e000000-0000-0000-0000-000000000001");

    private static RedeemUnits Redeem(Guid investorId, long units, long mcpi = Mcpi100) =>
        new(FundId, Redemption, investorId, units, mcpi, Now);

    [Fact]
    public void GivenNetAssetsOf1000001Over100Units_WhenRedeemOneUnit_ThenProceedsRoundDown() =>
        Spec()
            .Given(Created(), Issued(A, 60, 600_001), Issued(B, 40, 400_000))
            .When(Redeem(B, 1))
            .Then(new UnitsRedeemed(FundId, Redemption, B, 1, 10_000, 1_000_001, 100, Mcpi100, Now));

    [Fact]
    public void GivenWorkedExampleStep7_WhenARedeems50Units_ThenProceeds500000()
    {
        // §3 steps 1–8: A 100, B 50, C 30 units; property bought at 100.00 for 1,000,000; MCPI now 92.00.
        var spec = Spec()
            .Given(Created(), Issued(A, 100, 1_000_000), Acquired(1_000_000), Issued(B, 50, 550_000), Issued(C, 30, 330_000))
            .When(Redeem(A, 50, 9_200));
        var state = spec.ThenState();

        Assert.Equal((380_000L, 130L, 50L), (state.Cash, state.UnitsOutstanding, RegisterOf(spec.ThenStream())[A]));
        Assert.Equal(10_000m, FundDecider.Nav(state, 9_200));
    }

    [Fact]
    public void GivenHolderOf10_WhenRedeem11Units_ThenRedemptionRefusedInsufficientUnits() =>
        Spec()
            .Given(Created(), Issued(A, 10, 100_000))
            .When(Redeem(A, 11))
            .Then(new RedemptionRefused(FundId, Redemption, A, 11, "INSUFFICIENT_UNITS", Now));

    [Fact]
    public void GivenOneHolder_WhenAnotherInvestorRedeems_ThenTheFundLeavesTheUnitCheckToTheInvestorStream() =>
        // The investor's stream locked the units before asking; the fund keeps totals, not who holds them.
        Spec()
            .Given(Created(), Issued(A, 10, 100_000))
            .When(Redeem(B, 1))
            .Then(new UnitsRedeemed(FundId, Redemption, B, 1, 10_000, 100_000, 10, Mcpi100, Now));

    [Fact]
    public void GivenFundCashTiedUpInAProperty_WhenProceedsExceedCash_ThenRedemptionRefusedFundIlliquid() =>
        // Net assets 1,000,000 of which 100,000 cash: 20 units are worth 200,000.
        Spec()
            .Given(Created(), Issued(A, 100, 1_000_000), Acquired(900_000))
            .When(Redeem(A, 20))
            .Then(new RedemptionRefused(FundId, Redemption, A, 20, "FUND_ILLIQUID", Now));

    [Fact]
    public void GivenFundCashTiedUpInAProperty_WhenProceedsEqualCash_ThenUnitsRedeemed() =>
        Spec()
            .Given(Created(), Issued(A, 100, 1_000_000), Acquired(900_000))
            .When(Redeem(A, 10))
            .Then(new UnitsRedeemed(FundId, Redemption, A, 10, 100_000, 1_000_000, 100, Mcpi100, Now));

    [Fact]
    public void GivenHolder_WhenRedeemAllUnits_ThenHolderLeavesTheRegister()
    {
        var spec = Spec().Given(Created(), Issued(A, 10, 100_000), Issued(B, 5, 50_000)).When(Redeem(A, 10));
        var state = spec.ThenState();

        Assert.False(RegisterOf(spec.ThenStream()).ContainsKey(A));
        Assert.Equal((50_000L, 5L), (state.Cash, state.UnitsOutstanding));
    }

    [Fact]
    public void GivenHolder_WhenRedeemZeroUnits_ThenRedemptionRefusedValidationFailed() =>
        Spec()
            .Given(Created(), Issued(A, 10, 100_000))
            .When(Redeem(A, 0))
            .Then(new RedemptionRefused(FundId, Redemption, A, 0, "VALIDATION_FAILED", Now));
}
