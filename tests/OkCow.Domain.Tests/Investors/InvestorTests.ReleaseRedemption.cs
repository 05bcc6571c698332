using OkCow.Domain.Common;
using OkCow.Domain.Investors;
using static OkCow.Domain.Investors.InvestorCommand;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Domain.Tests.Investors;

public partial class InvestorTests
{
    [Fact]
    public void GivenRedemptionOpen_WhenReleaseRedemption_ThenReleasedWithCode() =>
        Spec()
            .Given([Registered, .. Holds(40), RedemptionOf15])
            .When(new ReleaseRedemption(InvestorId, RedemptionId, ErrorCodes.FundIlliquid, Now))
            .Then(new RedemptionReleased(InvestorId, RedemptionId, FundId, 15, ErrorCodes.FundIlliquid, Now));

    [Fact]
    public void GivenRedemptionOpen_WhenReleaseRedemption_ThenUnitsAreFreeAgain()
    {
        var state = Spec()
            .Given([Registered, .. Holds(40), RedemptionOf15])
            .When(new ReleaseRedemption(InvestorId, RedemptionId, ErrorCodes.FundIlliquid, Now))
            .ThenState();

        Assert.Equal(new Holding(40, 0), state.HoldingOf(FundId));
        Assert.Equal(0, state.Available);
        Assert.Empty(state.Redemptions);
    }

    [Fact]
    public void GivenRedemptionReleased_WhenReleaseAgain_ThenNothing() =>
        Spec()
            .Given([Registered, .. Holds(40), RedemptionOf15, new RedemptionReleased(InvestorId, RedemptionId, FundId, 15, ErrorCodes.FundIlliquid, Now)])
            .When(new ReleaseRedemption(InvestorId, RedemptionId, ErrorCodes.FundIlliquid, Now))
            .ThenNothing();

    [Fact]
    public void GivenRedemptionSettled_WhenRelease_ThenNothing() =>
        Spec()
            .Given([Registered, .. Holds(40), RedemptionOf15, new RedemptionSettled(InvestorId, RedemptionId, FundId, 15, 150_000, Now)])
            .When(new ReleaseRedemption(InvestorId, RedemptionId, ErrorCodes.FundIlliquid, Now))
            .ThenNothing();
}
