using OkCow.Domain.Common;
using OkCow.Domain.Registry;
using static OkCow.Domain.Registry.ClaimEvent;

namespace OkCow.Domain.Tests.Registry;

public partial class ClaimTests
{
    [Fact]
    public void GivenUnclaimedKey_WhenClaimKey_ThenKeyClaimed() =>
        Spec().When(ClaimLoginId(Owner)).Then(new KeyClaimed("loginid", "ada", Owner, Now));

    [Fact]
    public void GivenUnclaimedKey_WhenClaimKey_ThenStateNamesTheOwner()
    {
        var state = Spec().When(ClaimLoginId(Owner)).ThenState();

        Assert.Equal(new ClaimState(true, "loginid", "ada", Owner, Now), state);
    }

    [Fact]
    public void GivenKeyClaimed_WhenSameOwnerClaimsAgain_ThenNothing() =>
        Spec().Given(LoginIdClaimed).When(ClaimLoginId(Owner) with { Now = Now.AddMinutes(1) }).ThenNothing();

    [Fact]
    public void GivenLoginIdClaimed_WhenAnotherOwnerClaimsIt_ThenLoginIdTaken() =>
        Spec().Given(LoginIdClaimed).When(ClaimLoginId(OtherOwner)).ThenFails(ErrorCodes.LoginIdTaken);

    [Fact]
    public void GivenFundNameClaimed_WhenAnotherOwnerClaimsIt_ThenValidationFailed() =>
        Spec()
            .Given(new KeyClaimed("fundname", "K-Pop Classics", Owner, Now))
            .When(ClaimFundName(OtherOwner))
            .ThenFails(ErrorCodes.ValidationFailed);

    [Fact]
    public void GivenFundNameClaimed_WhenSameOwnerClaimsAgain_ThenNothing() =>
        Spec().Given(new KeyClaimed("fundname", "K-Pop Classics", Owner, Now)).When(ClaimFundName(Owner)).ThenNothing();

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void GivenUnclaimedKey_WhenClaimBlankKey_ThenValidationFailed(string key) =>
        Spec().When(ClaimLoginId(Owner, key)).ThenFails(ErrorCodes.ValidationFailed);

    [Fact]
    public void GivenUnclaimedKey_WhenClaimWithoutOwner_ThenValidationFailed() =>
        Spec().When(ClaimLoginId(Guid.Empty)).ThenFails(ErrorCodes.ValidationFailed);
}
