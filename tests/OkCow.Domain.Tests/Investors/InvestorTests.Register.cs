using OkCow.Domain.Common;
using OkCow.Domain.Investors;
using static OkCow.Domain.Investors.InvestorCommand;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Domain.Tests.Investors;

public partial class InvestorTests
{
    public static TheoryData<string> CommandsOtherThanRegister => new()
    {
        nameof(Deposit),
        nameof(Withdraw),
        nameof(RequestSubscription),
        nameof(SettleSubscription),
        nameof(ReleaseSubscription),
        nameof(RequestRedemption),
        nameof(SettleRedemption),
        nameof(ReleaseRedemption),
        nameof(PlaceOrder),
        nameof(SettleTrade),
        nameof(ReleaseOrder),
        nameof(CreditRoyalty),
        nameof(Erase),
    };

    private static void AssertInvalidDetails(string name, string loginId) =>
        Assert.Equal(ErrorCodes.ValidationFailed, Assert.Throws<DomainException>(() => InvestorDecider.ValidateDetails(name, loginId)).Code);

    [Fact]
    public void GivenNothing_WhenRegister_ThenInvestorRegistered() =>
        Spec()
            .When(new Register(InvestorId, "Ada Lovelace", "ada", "salted-hash", Now))
            .Then(new InvestorRegistered(InvestorId, "Ada Lovelace", "ada", "salted-hash", Now));

    [Fact]
    public void GivenPaddedName_WhenValidated_ThenItIsTrimmed() =>
        Assert.Equal("Ada", InvestorDecider.ValidateDetails("  Ada  ", "ada"));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void GivenBlankName_WhenValidated_ThenValidationFailed(string name) =>
        AssertInvalidDetails(name, "ada");

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void GivenNothing_WhenRegisterWithBlankSealedName_ThenValidationFailed(string name) =>
        Spec().When(new Register(InvestorId, name, "ada", "salted-hash", Now)).ThenFails(ErrorCodes.ValidationFailed);

    [Fact]
    public void GivenNameOf100CharsAfterTrim_WhenValidated_ThenItIsKept()
    {
        var name = new string('가', 100);
        Assert.Equal(name, InvestorDecider.ValidateDetails($" {name} ", "ada"));
    }

    [Fact]
    public void GivenNameOf101Chars_WhenValidated_ThenValidationFailed() =>
        AssertInvalidDetails(new string('a', 101), "ada");

    [Theory]
    [InlineData("abc")]
    [InlineData("a_b.c-1")]
    [InlineData("0123456789abcdefghijklmnopqrstuv")]
    public void GivenValidLoginId_WhenValidated_ThenAccepted(string loginId) =>
        Assert.Equal("Ada", InvestorDecider.ValidateDetails("Ada", loginId));

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("0123456789abcdefghijklmnopqrstuvw")]
    [InlineData("Ada")]
    [InlineData("ada lovelace")]
    [InlineData("ada@home")]
    [InlineData("아다")]
    public void GivenInvalidLoginId_WhenValidated_ThenValidationFailed(string loginId) =>
        AssertInvalidDetails("Ada", loginId);

    [Fact]
    public void GivenNothing_WhenRegisterWithoutPasswordHash_ThenValidationFailed() =>
        Spec().When(new Register(InvestorId, "Ada", "ada", "", Now)).ThenFails(ErrorCodes.ValidationFailed);

    [Fact]
    public void GivenRegistered_WhenRegisterIdentically_ThenNothing() =>
        Spec()
            .Given(Registered)
            .When(new Register(InvestorId, "Ada Lovelace", "ada", "salted-hash", Now.AddMinutes(1)))
            .ThenNothing();

    [Theory]
    [InlineData("Grace Hopper", "ada", "salted-hash")]
    [InlineData("Ada Lovelace", "grace", "salted-hash")]
    [InlineData("Ada Lovelace", "ada", "another-hash")]
    public void GivenRegistered_WhenRegisterWithOtherDetails_ThenValidationFailed(string name, string loginId, string passwordHash) =>
        Spec()
            .Given(Registered)
            .When(new Register(InvestorId, name, loginId, passwordHash, Now))
            .ThenFails(ErrorCodes.ValidationFailed);

    [Fact]
    public void GivenNothing_WhenRegister_ThenStateHoldsProfileAndNoCash()
    {
        var state = Spec().When(new Register(InvestorId, "Ada Lovelace", "ada", "salted-hash", Now)).ThenState();

        Assert.True(state.Registered);
        Assert.Equal("Ada Lovelace", state.Name);
        Assert.Equal("ada", state.LoginId);
        Assert.Equal(0, state.Available);
        Assert.Equal(0, state.Pending);
    }

    [Fact]
    public void GivenErased_WhenRegisterAgain_ThenNotFound() =>
        Spec()
            .Given(Registered, new InvestorErased(InvestorId, Now))
            .When(new Register(InvestorId, "Ada Lovelace", "ada", "salted-hash", Now))
            .ThenFails(ErrorCodes.NotFound);

    [Theory]
    [MemberData(nameof(CommandsOtherThanRegister))]
    public void GivenNoRegistration_WhenAnyOtherCommand_ThenNotFound(string commandName)
    {
        InvestorCommand command = commandName switch
        {
            nameof(Deposit) => new Deposit(InvestorId, 1_000, Now),
            nameof(Withdraw) => new Withdraw(InvestorId, 1_000, Now),
            nameof(RequestSubscription) => new RequestSubscription(InvestorId, SubscriptionId, FundId, 1_000, Now),
            nameof(SettleSubscription) => new SettleSubscription(InvestorId, SubscriptionId, 1, 1_000, Now),
            nameof(ReleaseSubscription) => new ReleaseSubscription(InvestorId, SubscriptionId, ErrorCodes.AmountBelowNav, Now),
            nameof(RequestRedemption) => new RequestRedemption(InvestorId, RedemptionId, FundId, 1, Now),
            nameof(SettleRedemption) => new SettleRedemption(InvestorId, RedemptionId, 1_000, Now),
            nameof(ReleaseRedemption) => new ReleaseRedemption(InvestorId, RedemptionId, ErrorCodes.FundIlliquid, Now),
            nameof(PlaceOrder) => new PlaceOrder(InvestorId, OrderId, FundId, OrderSide.Buy, 12_000, 1, 0m, OpenMarket, Now),
            nameof(SettleTrade) => new SettleTrade(InvestorId, OrderId, TradeId, 12_000, 1, 0, true, Now),
            nameof(ReleaseOrder) => new ReleaseOrder(InvestorId, OrderId, "cancelled", Now),
            nameof(CreditRoyalty) => new CreditRoyalty(InvestorId, RoyaltyId, FundId, 1_000, Now),
            nameof(Erase) => new Erase(InvestorId, Now),
            _ => throw new ArgumentOutOfRangeException(nameof(commandName), commandName, null),
        };

        Spec().When(command).ThenFails(ErrorCodes.NotFound);
    }
}
