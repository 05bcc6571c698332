using OkCow.Domain.Common;
using OkCow.Domain.Index;

namespace OkCow.Domain.Tests.Index;

public partial class McpiTests
{
    [Fact]
    public void GivenNothing_WhenAskedForTheCurrentValue_ThenItIsTheBase100()
    {
        var state = Spec().State;

        Assert.Equal(10_000, state.Current);
        Assert.Null(state.ReferenceValue(Kst.Day(Day1Morning)));
        Assert.False(state.IsHalted(Day1Morning));
        Assert.Null(state.HaltedUntil);
    }

    [Fact]
    public void GivenPublications_WhenPublishAgain_ThenCurrentIsTheLastValue()
    {
        var state = Spec().Given(Published(10_000, Day1Morning, 10_000)).When(new PublishMcpi(10_700, null, Day1Morning.AddHours(1))).ThenState();

        Assert.Equal(10_700, state.Current);
        Assert.Equal(Day1Morning.AddHours(1), state.LastAt);
    }

    [Fact]
    public void GivenValuesOnTwoDays_WhenAskedForReferences_ThenEachDayHasItsOwn()
    {
        var state = Spec()
            .Given(
                Published(10_000, Day1Morning, 10_000),
                Published(11_000, Day1Morning.AddHours(5), 10_000),
                Published(10_500, Day2Morning, 11_000),
                Published(10_300, Day2Morning.AddHours(1), 11_000))
            .State;

        Assert.Equal(11_000, state.ReferenceValue(Kst.Day(Day2Morning)));
        Assert.Equal(10_300, state.ReferenceValue(Kst.Day(Day2Morning.AddDays(1))));
        Assert.Null(state.ReferenceValue(Kst.Day(Day1Morning)));
    }

    [Fact]
    public void GivenOnlyTodaysValues_WhenAskedForTodaysReference_ThenItIsTheFirstValue() =>
        Assert.Equal(
            10_000,
            Spec().Given(Published(10_000, Day1Morning, 10_000), Published(9_900, Day1Morning.AddHours(1), 10_000)).State.ReferenceValue(Kst.Day(Day1Morning)));

    [Fact]
    public void GivenHalt_WhenAskedWhetherHalted_ThenOnlyFromItsStartUntilBeforeItsEnd()
    {
        var from = Day1Morning.AddHours(1);
        var state = Spec().Given(Published(10_000, Day1Morning, 10_000), Published(9_000, from, 10_000)).When(new PublishMcpi(9_000, null, from)).ThenState();

        Assert.Equal(from.AddMinutes(20), state.HaltedUntil);
        Assert.False(state.IsHalted(from.AddTicks(-1)));
        Assert.True(state.IsHalted(from));
        Assert.True(state.IsHalted(from.AddMinutes(20).AddTicks(-1)));
        Assert.False(state.IsHalted(from.AddMinutes(20)));
    }

    [Fact]
    public void GivenManyPublications_WhenFolded_ThenStateStaysConstantInSize()
    {
        var events = Enumerable.Range(0, 500)
            .Select(i => (McpiEvent)Published(10_000 + i, Day1Morning.AddHours(i), 10_000))
            .ToArray();

        var state = Spec().Given(events).State;

        Assert.Equal(10_499, state.Current);
        Assert.Equal(new McpiState(10_499, Day1Morning.AddHours(499), state.FirstValueOfLastDay, state.LastValueBeforeLastDay, null, null), state);
        Assert.Equal(10_499, state.ReferenceValue(Kst.Day(Day1Morning.AddHours(499)).AddDays(1)));
    }
}
