using OkCow.Domain.Common;
using static OkCow.Domain.Investors.InvestorCommand;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Domain.Tests.Investors;

public partial class InvestorTests
{
    [Fact]
    public void GivenSubscriptionOpen_WhenReleaseSubscription_ThenReleasedWithCode() =>
        Spec()
            .Given(Registered, Deposited(600_000), SubscriptionOf550)
            .When(new ReleaseSubscription(InvestorId, SubscriptionId, ErrorCodes.AmountBelowNav, Now))
            .Then(new SubscriptionReleased(InvestorId, SubscriptionId, FundId, 550_000, ErrorCodes.AmountBelowNav, Now));

    [Fact]
    public void GivenSubscriptionOpen_WhenReleaseSubscription_ThenPendingCashReturnsToAvailable()
    {
        var state = Spec()
            .Given(Registered, Deposited(600_000), SubscriptionOf550)
            .When(new ReleaseSubscription(InvestorId, SubscriptionId, ErrorCodes.AmountBelowNav, Now))
            .ThenState();

        Assert.Equal(600_000, state.Available);
        Assert.Equal(0, state.Pending);
        Assert.Empty(state.Subscriptions);
        Assert.Empty(state.Holdings);
    }

    [Fact]
    public void GivenSubscriptionReleased_WhenReleaseAgain_ThenNothing() =>
        Spec()
            .Given(
                Registered,
                Deposited(600_000),
                SubscriptionOf550,
                new SubscriptionReleased(InvestorId, SubscriptionId, FundId, 550_000, ErrorCodes.AmountBelowNav, Now))
            .When(new ReleaseSubscription(InvestorId, SubscriptionId, ErrorCodes.AmountBelowNav, Now))
            .ThenNothing();

    [Fact]
    public void GivenSubscriptionSettled_WhenRelease_ThenNothing() =>
        Spec()
            .Given(Registered, Deposited(600_000), SubscriptionOf550, new SubscriptionSettled(InvestorId, SubscriptionId, FundId, 550_000, 55, 550_000, Now))
            .When(new ReleaseSubscription(InvestorId, SubscriptionId, ErrorCodes.AmountBelowNav, Now))
            .ThenNothing();
}
