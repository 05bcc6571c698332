using OkCow.Domain.Funds;
using static OkCow.Domain.Funds.FundCommand;
using static OkCow.Domain.Funds.FundEvent;

namespace OkCow.Domain.Tests.Funds;

public sealed partial class FundDeciderTests
{
    private static readonly Guid Subscription = Guid.Parse("5b000000-0000-0000-0000-000000000001");

    private static IssueUnits Issue(Guid investorId, long amount, long mcpi = Mcpi100) =>
        new(FundId, Subscription, investorId, amount, mcpi, Now);

    [Fact]
    public void GivenNoUnitsOutstanding_WhenIssueUnits_ThenUnitsAtBasePriceAndOnlyWholeUnitsPaid() =>
        Spec()
            .Given(Created())
            .When(Issue(A, 1_009_999))
            .Then(new UnitsIssued(FundId, Subscription, A, 1_009_999, 100, 1_000_000, 10_000m, 0, 0, Mcpi100, Now));

    [Fact]
    public void GivenNetAssetsOf1000001Over100Units_WhenIssueUnits_ThenUnitsRoundDownAndCostRoundsUp() =>
        // NAV = 10,000.01: 30,000 buys floor(2.99999…) = 2 units costing ceil(20,000.02) = 20,001.
        Spec()
            .Given(Created(), Issued(A, 100, 1_000_001))
            .When(Issue(B, 30_000))
            .Then(new UnitsIssued(FundId, Subscription, B, 30_000, 2, 20_001, 10_000.01m, 1_000_001, 100, Mcpi100, Now));

    [Fact]
    public void GivenNetAssetsOf1000001Over100Units_WhenIssueUnitsJustBelowTwoNavs_ThenOneUnitCostingTheNavRoundedUp() =>
        // 20,000 < 2 × 10,000.01 = 20,000.02: one unit at ceil(10,000.01) = 10,001; the other 9,999 is not spent.
        Spec()
            .Given(Created(), Issued(A, 100, 1_000_001))
            .When(Issue(B, 20_000))
            .Then(new UnitsIssued(FundId, Subscription, B, 20_000, 1, 10_001, 10_000.01m, 1_000_001, 100, Mcpi100, Now));

    [Fact]
    public void GivenNetAssetsOf1000001Over100Units_WhenIssueUnitsForThreeNavsAndChange_ThenThreeUnitsCostingTheNavsRoundedUp() =>
        // 3 × 10,000.01 = 30,000.03 ≤ 30,001: cost ceil(30,000.03) = 30,001.
        Spec()
            .Given(Created(), Issued(A, 100, 1_000_001))
            .When(Issue(B, 30_001))
            .Then(new UnitsIssued(FundId, Subscription, B, 30_001, 3, 30_001, 10_000.01m, 1_000_001, 100, Mcpi100, Now));

    [Fact]
    public void GivenNavAboveTheAmount_WhenIssueUnits_ThenSubscriptionRefusedAmountBelowNav() =>
        // 10,000 < NAV 10,000.01, so not even one unit.
        Spec()
            .Given(Created(), Issued(A, 100, 1_000_001))
            .When(Issue(B, 10_000))
            .Then(new SubscriptionRefused(FundId, Subscription, B, 10_000, "AMOUNT_BELOW_NAV", 10_000.01m, Mcpi100, Now));

    [Fact]
    public void GivenNoUnitsOutstanding_WhenIssueUnitsBelowBasePrice_ThenSubscriptionRefusedAmountBelowNav() =>
        Spec()
            .Given(Created())
            .When(Issue(A, 9_999))
            .Then(new SubscriptionRefused(FundId, Subscription, A, 9_999, "AMOUNT_BELOW_NAV", 10_000m, Mcpi100, Now));

    [Fact]
    public void GivenUnitsOutstandingOverNoNetAssets_WhenIssueUnits_ThenSubscriptionRefusedValidationFailed() =>
        // The property cost all the cash and at MCPI 0.01 is worth floor(5,000 / 10,000) = 0.
        Spec()
            .Given(Created(), Issued(A, 1, 5_000), Acquired(5_000))
            .When(Issue(B, 10_000, mcpi: 1))
            .Then(new SubscriptionRefused(FundId, Subscription, B, 10_000, "VALIDATION_FAILED", 0m, 1, Now));

    [Fact]
    public void GivenFund_WhenIssueUnitsOfNothing_ThenSubscriptionRefusedValidationFailed() =>
        Spec()
            .Given(Created())
            .When(Issue(A, 0))
            .ThenMatches(events => Assert.Equal("VALIDATION_FAILED", Assert.IsType<SubscriptionRefused>(Assert.Single(events)).Code));

    [Fact]
    public void GivenMcpiRoseSinceAcquisition_WhenIssueUnits_ThenNavUsesTheMcpiInForceAndRecordsIt() =>
        // §3 step 4: cash 0, property 1,000,000 bought at 100.00 now worth 1,100,000 over 100 units.
        Spec()
            .Given(Created(), Issued(A, 100, 1_000_000), Acquired(1_000_000))
            .When(Issue(B, 550_000, Mcpi110))
            .Then(new UnitsIssued(FundId, Subscription, B, 550_000, 50, 550_000, 11_000m, 1_100_000, 100, Mcpi110, Now));

    [Fact]
    public void GivenUnitsIssued_WhenIssueUnits_ThenCashOutstandingAndRegisterGrow()
    {
        var spec = Spec().Given(Created(), Issued(A, 100, 1_000_001)).When(Issue(A, 30_000));
        var state = spec.ThenState();

        Assert.Equal((1_020_002L, 102L, 3L), (state.Cash, state.UnitsOutstanding, state.Version));
        Assert.Equal(102, RegisterOf(spec.ThenStream())[A]);
    }
}
