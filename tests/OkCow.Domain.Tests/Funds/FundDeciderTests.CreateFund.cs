using OkCow.Domain.Funds;
using static OkCow.Domain.Funds.FundCommand;
using static OkCow.Domain.Funds.FundEvent;

namespace OkCow.Domain.Tests.Funds;

public sealed partial class FundDeciderTests
{
    [Fact]
    public void GivenNoFund_WhenCreateFund_ThenFundCreatedWithTrimmedName() =>
        Spec()
            .When(new CreateFund(FundId, "  Fund F ", 10_000, Now))
            .Then(new FundCreated(FundId, "Fund F", 10_000, Now));

    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    [InlineData(10_050)]
    public void GivenNoFund_WhenCreateFundWithBasePriceNotAPositiveHundred_ThenValidationFailed(long basePrice) =>
        Spec().When(new CreateFund(FundId, "Fund F", basePrice, Now)).ThenFails("VALIDATION_FAILED");

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void GivenNoFund_WhenCreateFundWithoutName_ThenValidationFailed(string? name) =>
        Spec().When(new CreateFund(FundId, name!, 10_000, Now)).ThenFails("VALIDATION_FAILED");

    [Fact]
    public void GivenNoFund_WhenCreateFundWithNameOf101Chars_ThenValidationFailed() =>
        Spec().When(new CreateFund(FundId, new string('x', 101), 10_000, Now)).ThenFails("VALIDATION_FAILED");

    [Fact]
    public void GivenNoFund_WhenCreateFundWithNameOf100Chars_ThenFundCreated() =>
        Spec()
            .When(new CreateFund(FundId, new string('x', 100), 100, Now))
            .Then(new FundCreated(FundId, new string('x', 100), 100, Now));

    [Fact]
    public void GivenFundCreated_WhenSameCreateFundRepeated_ThenNothing() =>
        Spec().Given(Created()).When(new CreateFund(FundId, " Fund F", 10_000, Now.AddMinutes(1))).ThenNothing();

    [Fact]
    public void GivenFundCreated_WhenCreateFundWithAnotherBasePrice_ThenValidationFailed() =>
        Spec().Given(Created()).When(new CreateFund(FundId, "Fund F", 20_000, Now)).ThenFails("VALIDATION_FAILED");
}
