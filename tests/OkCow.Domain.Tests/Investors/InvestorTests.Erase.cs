using OkCow.Domain.Common;
using OkCow.Domain.Investors;
using static OkCow.Domain.Investors.InvestorCommand;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Domain.Tests.Investors;

public partial class InvestorTests
{
    private static readonly InvestorErased Erased = new(InvestorId, Now);

    [Fact]
    public void GivenEmptyAccount_WhenErase_ThenInvestorErased() =>
        Spec().Given(Registered).When(new Erase(InvestorId, Now)).Then(Erased);

    [Fact]
    public void GivenCashDepositedAndWithdrawn_WhenErase_ThenInvestorErased() =>
        Spec()
            .Given(Registered, Deposited(5_000), new CashWithdrawn(InvestorId, 5_000, Now))
            .When(new Erase(InvestorId, Now))
            .Then(Erased);

    [Fact]
    public void GivenAvailableCash_WhenErase_ThenAccountNotEmpty() =>
        Spec().Given(Registered, Deposited(1)).When(new Erase(InvestorId, Now)).ThenFails(ErrorCodes.AccountNotEmpty);

    [Fact]
    public void GivenUnitsHeld_WhenErase_ThenAccountNotEmpty() =>
        Spec().Given([Registered, .. Holds(3)]).When(new Erase(InvestorId, Now)).ThenFails(ErrorCodes.AccountNotEmpty);

    [Fact]
    public void GivenPendingSubscription_WhenErase_ThenAccountNotEmpty() =>
        Spec()
            .Given(Registered, Deposited(10_000), new SubscriptionRequested(InvestorId, SubscriptionId, FundId, 10_000, Now))
            .When(new Erase(InvestorId, Now))
            .ThenFails(ErrorCodes.AccountNotEmpty);

    [Fact]
    public void GivenOpenSellOrder_WhenErase_ThenAccountNotEmpty() =>
        Spec().Given([Registered, .. Holds(3), SellPlaced(12_000, 3)]).When(new Erase(InvestorId, Now)).ThenFails(ErrorCodes.AccountNotEmpty);

    [Fact]
    public void GivenErased_WhenEraseAgain_ThenNothing() =>
        Spec().Given(Registered, Erased).When(new Erase(InvestorId, Now)).ThenNothing();

    [Fact]
    public void GivenErased_WhenDeposit_ThenNotFound() =>
        Spec().Given(Registered, Erased).When(new Deposit(InvestorId, 1_000, Now)).ThenFails(ErrorCodes.NotFound);

    [Fact]
    public void GivenErased_ThenStateKeepsNoPersonalFieldNorHash()
    {
        var state = Spec().Given(Registered, Erased).State;

        Assert.True(state.Erased);
        Assert.False(state.Registered);
        Assert.Equal("", state.Name);
        Assert.Equal("", state.LoginId);
        Assert.Equal("", state.PasswordHash);
    }
}
