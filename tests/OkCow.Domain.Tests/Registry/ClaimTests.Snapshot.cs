using OkCow.Domain.Registry;

namespace OkCow.Domain.Tests.Registry;

public partial class ClaimTests
{
    [Fact]
    public void GivenKeyClaimed_WhenRoundTrippedThroughJson_ThenStateIsEqual()
    {
        var state = Spec().Given(LoginIdClaimed).State;

        Assert.Equal(new ClaimState(true, "loginid", "ada", Owner, Now), SnapshotJson.RoundTrip(state));
    }

    [Fact]
    public void GivenNothing_WhenInitialStateRoundTripped_ThenItIsUnclaimed() =>
        Assert.Equal(ClaimState.Unclaimed, SnapshotJson.RoundTrip(ClaimDecider.Initial));
}
