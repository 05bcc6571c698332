using OkCow.Domain.Common;
using OkCow.Domain.Investors;
using static OkCow.Domain.Investors.InvestorCommand;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Domain.Tests.Investors;

public partial class InvestorTests
{
    [Fact]
    public void GivenAvailableCash_WhenRequestSubscription_ThenSubscriptionRequested() =>
        Spec()
            .Given(Registered, Deposited(1_000))
            .When(new RequestSubscription(InvestorId, SubscriptionId, FundId, 600, Now))
            .Then(new SubscriptionRequested(InvestorId, SubscriptionId, FundId, 600, Now));

    [Fact]
    public void GivenAvailableCash_WhenRequestSubscription_ThenAmountMovesToPending()
    {
        var state = Spec()
            .Given(Registered, Deposited(1_000))
            .When(new RequestSubscription(InvestorId, SubscriptionId, FundId, 600, Now))
            .ThenState();

        Assert.Equal(400, state.Available);
        Assert.Equal(600, state.Pending);
        Assert.Equal(new SubscriptionReservation(FundId, 600), state.Subscriptions[SubscriptionId]);
    }

    [Fact]
    public void GivenAvailableCash_WhenRequestSubscriptionOfAllOfIt_ThenSubscriptionRequested() =>
        Spec()
            .Given(Registered, Deposited(1_000))
            .When(new RequestSubscription(InvestorId, SubscriptionId, FundId, 1_000, Now))
            .Then(new SubscriptionRequested(InvestorId, SubscriptionId, FundId, 1_000, Now));

    [Fact]
    public void GivenAvailableCash_WhenRequestSubscriptionAboveAvailable_ThenInsufficientCash() =>
        Spec()
            .Given(Registered, Deposited(1_000))
            .When(new RequestSubscription(InvestorId, SubscriptionId, FundId, 1_001, Now))
            .ThenFails(ErrorCodes.InsufficientCash);

    [Fact]
    public void GivenCashAlreadyPending_WhenRequestAnotherSubscriptionAboveWhatIsLeft_ThenInsufficientCash() =>
        Spec()
            .Given(Registered, Deposited(1_000), new SubscriptionRequested(InvestorId, SubscriptionId, FundId, 600, Now))
            .When(new RequestSubscription(InvestorId, Guid.NewGuid(), FundId, 401, Now))
            .ThenFails(ErrorCodes.InsufficientCash);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void GivenAvailableCash_WhenRequestSubscriptionOfNonPositiveAmount_ThenValidationFailed(long amount) =>
        Spec()
            .Given(Registered, Deposited(1_000))
            .When(new RequestSubscription(InvestorId, SubscriptionId, FundId, amount, Now))
            .ThenFails(ErrorCodes.ValidationFailed);

    [Fact]
    public void GivenSubscriptionOpen_WhenRequestSameSubscriptionAgain_ThenNothing() =>
        Spec()
            .Given(Registered, Deposited(1_000), new SubscriptionRequested(InvestorId, SubscriptionId, FundId, 1_000, Now))
            .When(new RequestSubscription(InvestorId, SubscriptionId, FundId, 1_000, Now))
            .ThenNothing();
}
