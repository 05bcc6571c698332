using OkCow.Domain.Investors;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Domain.Tests.Investors;

public partial class InvestorTests
{
    [Fact]
    public void GivenStateWithEveryKindOfReservation_WhenRoundTrippedThroughJson_ThenNothingIsLost()
    {
        var sellOrderId = Guid.NewGuid();
        var state = Spec()
            .Given(
            [
                Registered,
                .. Holds(40),
                Deposited(500_000),
                new SubscriptionRequested(InvestorId, SubscriptionId, OtherFundId, 100_000, Now),
                new RedemptionRequested(InvestorId, RedemptionId, FundId, 5, Now),
                BuyPlaced(12_100, 7, 0.0015m),
                new BuyOrderFilled(InvestorId, OrderId, TradeId, FundId, 12_100, 3, 54, Now),
                SellPlaced(13_000, 10, orderId: sellOrderId),
                new RoyaltyCredited(InvestorId, RoyaltyId, FundId, 1_234, Now),
            ])
            .State;

        var restored = SnapshotJson.RoundTrip(state);

        Assert.Equal(state.Available, restored.Available);
        Assert.Equal(state.Pending, restored.Pending);
        Assert.Equal(new Holding(43, 15), restored.HoldingOf(FundId));
        Assert.Equal(new SubscriptionReservation(OtherFundId, 100_000), restored.Subscriptions[SubscriptionId]);
        Assert.Equal(new RedemptionReservation(FundId, 5), restored.Redemptions[RedemptionId]);
        AssertOpenOrder(state.Orders[OrderId], restored.Orders[OrderId]);
        AssertOpenOrder(new OpenOrder(FundId, OrderSide.Sell, 13_000, 10, 10, 0, 0m), restored.Orders[sellOrderId]);
        Assert.Equal(("Ada Lovelace", "ada", true), (restored.Name, restored.LoginId, restored.Registered));
    }

    [Fact]
    public void GivenNothing_WhenInitialStateRoundTripped_ThenItIsStillUnregistered()
    {
        var restored = SnapshotJson.RoundTrip(InvestorDecider.Initial);

        Assert.False(restored.Registered);
        Assert.Empty(restored.Orders);
    }
}
