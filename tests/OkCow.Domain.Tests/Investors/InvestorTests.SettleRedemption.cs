using OkCow.Domain.Common;
using OkCow.Domain.Investors;
using static OkCow.Domain.Investors.InvestorCommand;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Domain.Tests.Investors;

public partial class InvestorTests
{
    private static readonly RedemptionRequested RedemptionOf15 = new(InvestorId, RedemptionId, FundId, 15, Now);

    [Fact]
    public void GivenRedemptionOpen_WhenSettleRedemption_ThenSettledWithReservedUnits() =>
        Spec()
            .Given([Registered, .. Holds(40), RedemptionOf15])
            .When(new SettleRedemption(InvestorId, RedemptionId, 150_000, Now))
            .Then(new RedemptionSettled(InvestorId, RedemptionId, FundId, 15, 150_000, Now));

    [Fact]
    public void GivenRedemptionOpen_WhenSettleRedemption_ThenUnitsLeaveAndProceedsArrive()
    {
        var state = Spec()
            .Given([Registered, .. Holds(40), SellPlaced(12_000, 10), RedemptionOf15])
            .When(new SettleRedemption(InvestorId, RedemptionId, 150_000, Now))
            .ThenState();

        Assert.Equal(new Holding(25, 10), state.HoldingOf(FundId));
        Assert.Equal(150_000, state.Available);
        Assert.Empty(state.Redemptions);
    }

    [Fact]
    public void GivenAllUnitsRedeemed_WhenSettleRedemption_ThenHoldingIsGone()
    {
        var state = Spec()
            .Given([Registered, .. Holds(15), RedemptionOf15])
            .When(new SettleRedemption(InvestorId, RedemptionId, 150_000, Now))
            .ThenState();

        Assert.False(state.Holdings.ContainsKey(FundId));
    }

    [Fact]
    public void GivenRedemptionSettled_WhenSettleAgain_ThenNothing() =>
        Spec()
            .Given([Registered, .. Holds(40), RedemptionOf15, new RedemptionSettled(InvestorId, RedemptionId, FundId, 15, 150_000, Now)])
            .When(new SettleRedemption(InvestorId, RedemptionId, 150_000, Now))
            .ThenNothing();

    [Fact]
    public void GivenNoRedemption_WhenSettleRedemption_ThenNothing() =>
        Spec()
            .Given([Registered, .. Holds(40)])
            .When(new SettleRedemption(InvestorId, RedemptionId, 150_000, Now))
            .ThenNothing();

    [Fact]
    public void GivenRedemptionOpen_WhenSettleWithNegativeProceeds_ThenValidationFailed() =>
        Spec()
            .Given([Registered, .. Holds(40), RedemptionOf15])
            .When(new SettleRedemption(InvestorId, RedemptionId, -1, Now))
            .ThenFails(ErrorCodes.ValidationFailed);
}
