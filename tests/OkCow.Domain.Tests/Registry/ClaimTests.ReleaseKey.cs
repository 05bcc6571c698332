using OkCow.Domain.Common;
using OkCow.Domain.Registry;
using static OkCow.Domain.Registry.ClaimEvent;

namespace OkCow.Domain.Tests.Registry;

public partial class ClaimTests
{
    [Fact]
    public void GivenKeyClaimed_WhenOwnerReleasesIt_ThenKeyReleased() =>
        Spec().Given(LoginIdClaimed).When(new ReleaseKey(Owner, Now)).Then(new KeyReleased(Owner, Now));

    [Fact]
    public void GivenKeyClaimed_WhenAnotherOwnerReleasesIt_ThenNothing() =>
        Spec().Given(LoginIdClaimed).When(new ReleaseKey(OtherOwner, Now)).ThenNothing();

    [Fact]
    public void GivenKeyReleased_WhenReleasedAgain_ThenNothing() =>
        Spec().Given(LoginIdClaimed, new KeyReleased(Owner, Now)).When(new ReleaseKey(Owner, Now)).ThenNothing();

    [Fact]
    public void GivenKeyReleased_WhenAnotherOwnerClaimsIt_ThenKeyClaimed() =>
        Spec()
            .Given(LoginIdClaimed, new KeyReleased(Owner, Now))
            .When(ClaimLoginId(OtherOwner))
            .Then(new KeyClaimed("loginid", "ada", OtherOwner, Now));

    [Fact]
    public void GivenKeyReclaimed_WhenTheFirstOwnerClaimsIt_ThenLoginIdTaken() =>
        Spec()
            .Given(LoginIdClaimed, new KeyReleased(Owner, Now), new KeyClaimed("loginid", "ada", OtherOwner, Now))
            .When(ClaimLoginId(Owner))
            .ThenFails(ErrorCodes.LoginIdTaken);
}
