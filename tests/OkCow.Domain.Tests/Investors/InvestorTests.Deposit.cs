using OkCow.Domain.Common;
using static OkCow.Domain.Investors.InvestorCommand;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Domain.Tests.Investors;

public partial class InvestorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(1_000_000_000)]
    public void GivenRegistered_WhenDepositWithinBounds_ThenCashDeposited(long amount) =>
        Spec().Given(Registered).When(new Deposit(InvestorId, amount, Now)).Then(new CashDeposited(InvestorId, amount, Now));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1_000_000_001)]
    [InlineData(long.MaxValue)]
    public void GivenRegistered_WhenDepositOutOfBounds_ThenValidationFailed(long amount) =>
        Spec().Given(Registered).When(new Deposit(InvestorId, amount, Now)).ThenFails(ErrorCodes.ValidationFailed);

    [Fact]
    public void GivenCashDeposited_WhenDepositAgain_ThenAvailableCashAddsUp()
    {
        var state = Spec().Given(Registered, Deposited(1_000_000_000)).When(new Deposit(InvestorId, 250, Now)).ThenState();

        Assert.Equal(1_000_000_250, state.Available);
        Assert.Equal(0, state.Pending);
    }
}
