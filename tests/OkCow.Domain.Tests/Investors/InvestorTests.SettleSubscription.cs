using OkCow.Domain.Common;
using OkCow.Domain.Investors;
using static OkCow.Domain.Investors.InvestorCommand;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Domain.Tests.Investors;

public partial class InvestorTests
{
    private static readonly SubscriptionRequested SubscriptionOf550 = new(InvestorId, SubscriptionId, FundId, 550_000, Now);

    [Fact]
    public void GivenSubscriptionOpen_WhenSettleSubscription_ThenSettledWithReservedAmount() =>
        Spec()
            .Given(Registered, Deposited(600_000), SubscriptionOf550)
            .When(new SettleSubscription(InvestorId, SubscriptionId, 49, 539_000, Now))
            .Then(new SubscriptionSettled(InvestorId, SubscriptionId, FundId, 550_000, 49, 539_000, Now));

    [Fact]
    public void GivenSubscriptionOpen_WhenSettleForLessThanReserved_ThenChangeReturnsToAvailable()
    {
        var state = Spec()
            .Given(Registered, Deposited(600_000), SubscriptionOf550)
            .When(new SettleSubscription(InvestorId, SubscriptionId, 49, 539_000, Now))
            .ThenState();

        Assert.Equal(61_000, state.Available);
        Assert.Equal(0, state.Pending);
        Assert.Equal(new Holding(49, 0), state.HoldingOf(FundId));
        Assert.Empty(state.Subscriptions);
    }

    [Fact]
    public void GivenTwoSubscriptionsOpen_WhenSettleOne_ThenOnlyItsAmountLeavesPending()
    {
        var other = Guid.NewGuid();
        var state = Spec()
            .Given(Registered, Deposited(1_000_000), SubscriptionOf550, new SubscriptionRequested(InvestorId, other, OtherFundId, 300_000, Now))
            .When(new SettleSubscription(InvestorId, SubscriptionId, 55, 550_000, Now))
            .ThenState();

        Assert.Equal(150_000, state.Available);
        Assert.Equal(300_000, state.Pending);
        Assert.Equal(55, state.HoldingOf(FundId).Units);
        Assert.Equal(0, state.HoldingOf(OtherFundId).Units);
        Assert.True(state.Subscriptions.ContainsKey(other));
    }

    [Fact]
    public void GivenSubscriptionSettled_WhenSettleAgain_ThenNothing() =>
        Spec()
            .Given(Registered, Deposited(600_000), SubscriptionOf550, new SubscriptionSettled(InvestorId, SubscriptionId, FundId, 550_000, 55, 550_000, Now))
            .When(new SettleSubscription(InvestorId, SubscriptionId, 55, 550_000, Now))
            .ThenNothing();

    [Fact]
    public void GivenNoSubscription_WhenSettleSubscription_ThenNothing() =>
        Spec()
            .Given(Registered, Deposited(600_000))
            .When(new SettleSubscription(InvestorId, SubscriptionId, 55, 550_000, Now))
            .ThenNothing();

    [Theory]
    [InlineData(55, 550_001)]
    [InlineData(-1, 0)]
    [InlineData(1, -1)]
    public void GivenSubscriptionOpen_WhenSettleWithImpossibleFigures_ThenValidationFailed(long units, long cost) =>
        Spec()
            .Given(Registered, Deposited(600_000), SubscriptionOf550)
            .When(new SettleSubscription(InvestorId, SubscriptionId, units, cost, Now))
            .ThenFails(ErrorCodes.ValidationFailed);
}
