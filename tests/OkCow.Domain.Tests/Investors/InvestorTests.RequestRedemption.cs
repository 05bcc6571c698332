using OkCow.Domain.Common;
using OkCow.Domain.Investors;
using static OkCow.Domain.Investors.InvestorCommand;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Domain.Tests.Investors;

public partial class InvestorTests
{
    [Fact]
    public void GivenUnitsHeld_WhenRequestRedemption_ThenRedemptionRequested() =>
        Spec()
            .Given([Registered, .. Holds(40)])
            .When(new RequestRedemption(InvestorId, RedemptionId, FundId, 15, Now))
            .Then(new RedemptionRequested(InvestorId, RedemptionId, FundId, 15, Now));

    [Fact]
    public void GivenUnitsHeld_WhenRequestRedemption_ThenUnitsAreLocked()
    {
        var state = Spec()
            .Given([Registered, .. Holds(40)])
            .When(new RequestRedemption(InvestorId, RedemptionId, FundId, 15, Now))
            .ThenState();

        Assert.Equal(new Holding(40, 15), state.HoldingOf(FundId));
        Assert.Equal(25, state.HoldingOf(FundId).Free);
        Assert.Equal(new RedemptionReservation(FundId, 15), state.Redemptions[RedemptionId]);
    }

    [Fact]
    public void GivenUnitsPartlyLockedInSellOrder_WhenRedeemAllFreeUnits_ThenRedemptionRequested() =>
        Spec()
            .Given([Registered, .. Holds(40), SellPlaced(12_000, 10)])
            .When(new RequestRedemption(InvestorId, RedemptionId, FundId, 30, Now))
            .Then(new RedemptionRequested(InvestorId, RedemptionId, FundId, 30, Now));

    [Fact]
    public void GivenUnitsPartlyLockedInSellOrder_WhenRedeemOneMoreThanFree_ThenInsufficientUnits() =>
        Spec()
            .Given([Registered, .. Holds(40), SellPlaced(12_000, 10)])
            .When(new RequestRedemption(InvestorId, RedemptionId, FundId, 31, Now))
            .ThenFails(ErrorCodes.InsufficientUnits);

    [Fact]
    public void GivenUnitsOfAnotherFundOnly_WhenRequestRedemption_ThenInsufficientUnits() =>
        Spec()
            .Given([Registered, .. Holds(40, OtherFundId)])
            .When(new RequestRedemption(InvestorId, RedemptionId, FundId, 1, Now))
            .ThenFails(ErrorCodes.InsufficientUnits);

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void GivenUnitsHeld_WhenRequestRedemptionOfNonPositiveUnits_ThenValidationFailed(long units) =>
        Spec()
            .Given([Registered, .. Holds(40)])
            .When(new RequestRedemption(InvestorId, RedemptionId, FundId, units, Now))
            .ThenFails(ErrorCodes.ValidationFailed);

    [Fact]
    public void GivenRedemptionOpen_WhenRequestSameRedemptionAgain_ThenNothing() =>
        Spec()
            .Given([Registered, .. Holds(40), new RedemptionRequested(InvestorId, RedemptionId, FundId, 40, Now)])
            .When(new RequestRedemption(InvestorId, RedemptionId, FundId, 40, Now))
            .ThenNothing();
}
