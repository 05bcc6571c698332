using OkCow.Domain.Index;

namespace OkCow.Domain.Tests.Index;

public partial class McpiTests
{
    [Fact]
    public void GivenPublicationsAndHalt_WhenRoundTrippedThroughJson_ThenStateIsEqual()
    {
        var state = Spec()
            .Given(
                Published(10_000, Day1Morning, 10_000),
                Published(11_000, Day1Morning.AddHours(5), 10_000),
                Published(10_500, Day2Morning, 11_000),
                Published(10_000, Day2Morning.AddHours(1), 11_000),
                Halted(Day2Morning.AddHours(1), 10_000, 11_000))
            .State;

        var restored = SnapshotJson.RoundTrip(state);

        Assert.Equal(state, restored);
        Assert.Equal(new McpiState(10_000, Day2Morning.AddHours(1), 10_500, 11_000, Day2Morning.AddHours(1), Day2Morning.AddHours(1).AddMinutes(20)), restored);
    }

    [Fact]
    public void GivenNothing_WhenInitialStateRoundTripped_ThenItIsEmpty() =>
        Assert.Equal(McpiState.Empty, SnapshotJson.RoundTrip(McpiDecider.Initial));
}
