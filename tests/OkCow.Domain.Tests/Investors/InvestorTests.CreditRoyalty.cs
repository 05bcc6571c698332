using OkCow.Domain.Common;
using static OkCow.Domain.Investors.InvestorCommand;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Domain.Tests.Investors;

public partial class InvestorTests
{
    [Fact]
    public void GivenRegistered_WhenCreditRoyalty_ThenRoyaltyCredited() =>
        Spec()
            .Given([Registered, .. Holds(50)])
            .When(new CreditRoyalty(InvestorId, RoyaltyId, FundId, 5_000, Now))
            .Then(new RoyaltyCredited(InvestorId, RoyaltyId, FundId, 5_000, Now));

    [Fact]
    public void GivenRegistered_WhenCreditRoyalty_ThenAvailableCashGrows()
    {
        var state = Spec().Given(Registered, Deposited(50_000)).When(new CreditRoyalty(InvestorId, RoyaltyId, FundId, 5_000, Now)).ThenState();

        Assert.Equal(55_000, state.Available);
    }

    [Fact]
    public void GivenRoyaltyCredited_WhenCreditAnotherRoyalty_ThenRoyaltyCredited()
    {
        var other = Guid.NewGuid();
        Spec()
            .Given(Registered, new RoyaltyCredited(InvestorId, RoyaltyId, FundId, 5_000, Now))
            .When(new CreditRoyalty(InvestorId, other, FundId, 3_000, Now))
            .Then(new RoyaltyCredited(InvestorId, other, FundId, 3_000, Now));
    }

    [Fact]
    public void GivenRegistered_WhenCreditZeroRoyalty_ThenNothing() =>
        Spec().Given(Registered).When(new CreditRoyalty(InvestorId, RoyaltyId, FundId, 0, Now)).ThenNothing();

    [Fact]
    public void GivenRegistered_WhenCreditNegativeRoyalty_ThenValidationFailed() =>
        Spec().Given(Registered).When(new CreditRoyalty(InvestorId, RoyaltyId, FundId, -1, Now)).ThenFails(ErrorCodes.ValidationFailed);
}
