using OkCow.Domain.Common;
using static OkCow.Domain.Investors.InvestorCommand;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Domain.Tests.Investors;

public partial class InvestorTests
{
    [Fact]
    public void GivenAvailableCash_WhenWithdrawAllOfIt_ThenCashWithdrawnAndNothingLeft()
    {
        var spec = Spec().Given(Registered, Deposited(5_000)).When(new Withdraw(InvestorId, 5_000, Now));

        spec.Then(new CashWithdrawn(InvestorId, 5_000, Now));
        Assert.Equal(0, spec.ThenState().Available);
    }

    [Fact]
    public void GivenAvailableCash_WhenWithdrawOneMoreThanAvailable_ThenInsufficientCash() =>
        Spec().Given(Registered, Deposited(5_000)).When(new Withdraw(InvestorId, 5_001, Now)).ThenFails(ErrorCodes.InsufficientCash);

    [Fact]
    public void GivenCashPendingForSubscription_WhenWithdrawMoreThanAvailable_ThenInsufficientCash() =>
        Spec()
            .Given(Registered, Deposited(1_000), new SubscriptionRequested(InvestorId, SubscriptionId, FundId, 600, Now))
            .When(new Withdraw(InvestorId, 500, Now))
            .ThenFails(ErrorCodes.InsufficientCash);

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void GivenAvailableCash_WhenWithdrawNonPositive_ThenValidationFailed(long amount) =>
        Spec().Given(Registered, Deposited(5_000)).When(new Withdraw(InvestorId, amount, Now)).ThenFails(ErrorCodes.ValidationFailed);
}
