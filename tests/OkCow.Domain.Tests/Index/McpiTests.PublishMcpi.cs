using OkCow.Domain.Common;
using OkCow.Domain.Index;
using static OkCow.Domain.Index.McpiEvent;

namespace OkCow.Domain.Tests.Index;

public partial class McpiTests
{
    [Fact]
    public void GivenNothing_WhenPublishWithoutAt_ThenPublishedAtNowAndIsItsOwnReference() =>
        Spec()
            .When(new PublishMcpi(11_000, null, Day1Morning))
            .Then(new McpiPublished(11_000, Day1Morning, 11_000, Day1Morning));

    [Fact]
    public void GivenNothing_WhenPublishFarBelowBase_ThenNoHaltBecauseTheFirstValueIsTheReference() =>
        Spec()
            .When(new PublishMcpi(5_000, null, Day1Morning))
            .Then(new McpiPublished(5_000, Day1Morning, 5_000, Day1Morning));

    [Fact]
    public void GivenNothing_WhenPublishWithPastAt_ThenPublishedAtThatInstantAndRecordedNow() =>
        Spec()
            .When(new PublishMcpi(10_500, Day1Morning, Day1Morning.AddHours(2)))
            .Then(new McpiPublished(10_500, Day1Morning, 10_500, Day1Morning.AddHours(2)));

    [Fact]
    public void GivenNothing_WhenPublishWithAtEqualToNow_ThenPublished() =>
        Spec()
            .When(new PublishMcpi(10_500, Day1Morning, Day1Morning))
            .Then(new McpiPublished(10_500, Day1Morning, 10_500, Day1Morning));

    [Fact]
    public void GivenNothing_WhenPublishWithAtInTheFuture_ThenValidationFailed() =>
        Spec().When(new PublishMcpi(10_500, Day1Morning.AddTicks(1), Day1Morning)).ThenFails(ErrorCodes.ValidationFailed);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void GivenNothing_WhenPublishNonPositiveValue_ThenValidationFailed(long value) =>
        Spec().When(new PublishMcpi(value, null, Day1Morning)).ThenFails(ErrorCodes.ValidationFailed);

    [Fact]
    public void GivenPublished_WhenPublishBeforeTheLastAt_ThenValidationFailed() =>
        Spec()
            .Given(Published(10_000, Day1Morning, 10_000))
            .When(new PublishMcpi(10_100, Day1Morning.AddTicks(-1), Day1Morning.AddHours(1)))
            .ThenFails(ErrorCodes.ValidationFailed);

    [Fact]
    public void GivenPublished_WhenPublishAtTheSameInstant_ThenPublished() =>
        Spec()
            .Given(Published(10_000, Day1Morning, 10_000))
            .When(new PublishMcpi(10_100, Day1Morning, Day1Morning.AddHours(1)))
            .Then(new McpiPublished(10_100, Day1Morning, 10_000, Day1Morning.AddHours(1)));

    [Fact]
    public void GivenOnlyTodaysValues_WhenPublishAgainToday_ThenReferenceIsTodaysFirstValue() =>
        Spec()
            .Given(Published(10_000, Day1Morning, 10_000), Published(11_000, Day1Morning.AddHours(1), 10_000))
            .When(new PublishMcpi(10_500, null, Day1Morning.AddHours(2)))
            .Then(new McpiPublished(10_500, Day1Morning.AddHours(2), 10_000, Day1Morning.AddHours(2)));

    [Fact]
    public void GivenValuesOnAnEarlierDay_WhenPublishToday_ThenReferenceIsTheLastValueOfTheEarlierDay() =>
        Spec()
            .Given(Published(10_000, Day1Morning, 10_000), Published(11_000, Day1Morning.AddHours(5), 10_000))
            .When(new PublishMcpi(10_500, null, Day2Morning))
            .Then(new McpiPublished(10_500, Day2Morning, 11_000, Day2Morning));

    [Fact]
    public void GivenValuesOnEarlierDayAndToday_WhenPublishAgainToday_ThenReferenceStaysTheEarlierDaysLastValue() =>
        Spec()
            .Given(
                Published(10_000, Day1Morning, 10_000),
                Published(11_000, Day1Morning.AddHours(5), 10_000),
                Published(10_500, Day2Morning, 11_000))
            .When(new PublishMcpi(10_400, null, Day2Morning.AddHours(1)))
            .Then(new McpiPublished(10_400, Day2Morning.AddHours(1), 11_000, Day2Morning.AddHours(1)));

    [Fact]
    public void GivenValuesOnSeveralEarlierDays_WhenPublishToday_ThenReferenceIsTheMostRecentDaysLastValue() =>
        Spec()
            .Given(
                Published(10_000, Day1Morning, 10_000),
                Published(12_000, Day2Morning, 10_000),
                Published(12_500, Day2Morning.AddHours(3), 10_000))
            .When(new PublishMcpi(12_400, null, Day2Morning.AddDays(3)))
            .Then(new McpiPublished(12_400, Day2Morning.AddDays(3), 12_500, Day2Morning.AddDays(3)));

    [Fact]
    public void GivenFirstValueAtKstMidnight_WhenPublishAtOneSecondBeforeNextKstMidnight_ThenSameDayAndHalts()
    {
        var lastSecond = Day2Start.AddSeconds(-1);
        Spec()
            .Given(Published(10_000, Day1Start, 10_000), Published(9_500, Day1Start.AddHours(1), 10_000))
            .When(new PublishMcpi(9_000, null, lastSecond))
            .Then(new McpiPublished(9_000, lastSecond, 10_000, lastSecond), Halted(lastSecond, 9_000, 10_000));
    }

    [Fact]
    public void GivenValuesYesterdayInKst_WhenPublishAt1500Utc_ThenItIsANewKstDayWithYesterdaysCloseAsReference() =>
        Spec()
            .Given(Published(10_000, Day1Start, 10_000), Published(9_500, Day2Start.AddSeconds(-1), 10_000))
            .When(new PublishMcpi(9_000, null, Day2Start))
            .Then(new McpiPublished(9_000, Day2Start, 9_500, Day2Start));

    [Fact]
    public void GivenReference10000_WhenPublishExactly92Percent_ThenMarketsHaltFor20Minutes() =>
        Spec()
            .Given(Published(10_000, Day1Morning, 10_000))
            .When(new PublishMcpi(9_200, null, Day1Morning.AddHours(1)))
            .Then(
                new McpiPublished(9_200, Day1Morning.AddHours(1), 10_000, Day1Morning.AddHours(1)),
                new MarketsHalted(Day1Morning.AddHours(1), Day1Morning.AddHours(1).AddMinutes(20), 9_200, 10_000));

    [Theory]
    [InlineData(10_000, 9_201, false)]
    [InlineData(11_000, 10_120, true)]
    [InlineData(11_000, 10_121, false)]
    [InlineData(10_001, 9_200, true)]
    [InlineData(10_001, 9_201, false)]
    [InlineData(10_000, 1, true)]
    public void GivenReference_WhenPublishAroundThe92PercentBoundary_ThenHaltsOnlyAtOrBelowIt(long reference, long value, bool halts) =>
        Spec()
            .Given(Published(reference, Day1Morning, reference))
            .When(new PublishMcpi(value, null, Day1Morning.AddHours(1)))
            .ThenMatches(events =>
            {
                Assert.IsType<McpiPublished>(events[0]);
                Assert.Equal(halts ? 2 : 1, events.Count);
            });

    [Fact]
    public void GivenPublishedAtWithPastAt_WhenHalting_ThenTheHaltRunsFromThePublishedInstant()
    {
        var at = Day1Morning.AddMinutes(30);
        Spec()
            .Given(Published(10_000, Day1Morning, 10_000))
            .When(new PublishMcpi(9_000, at, Day1Morning.AddHours(1)))
            .ThenMatches(events => Assert.Equal(Halted(at, 9_000, 10_000), events[1]));
    }

    [Fact]
    public void GivenHaltedToday_WhenAnotherCrashToday_ThenNoSecondHalt() =>
        Spec()
            .Given(Published(10_000, Day1Morning, 10_000), Published(9_000, Day1Morning.AddHours(1), 10_000), Halted(Day1Morning.AddHours(1), 9_000, 10_000))
            .When(new PublishMcpi(8_000, null, Day1Morning.AddHours(3)))
            .Then(new McpiPublished(8_000, Day1Morning.AddHours(3), 10_000, Day1Morning.AddHours(3)));

    [Fact]
    public void GivenHaltedYesterday_WhenCrashToday_ThenMarketsHaltAgain() =>
        Spec()
            .Given(Published(10_000, Day1Morning, 10_000), Published(9_000, Day1Morning.AddHours(1), 10_000), Halted(Day1Morning.AddHours(1), 9_000, 10_000))
            .When(new PublishMcpi(8_000, null, Day2Morning))
            .Then(new McpiPublished(8_000, Day2Morning, 9_000, Day2Morning), Halted(Day2Morning, 8_000, 9_000));

    [Fact]
    public void GivenHaltLateYesterdayRunningPastMidnight_WhenCrashJustAfterMidnight_ThenANewDayMayHaltAgain()
    {
        var lateHalt = Day2Start.AddMinutes(-5);
        var afterMidnight = Day2Start.AddMinutes(5);
        Spec()
            .Given(Published(10_000, Day1Morning, 10_000), Published(9_000, lateHalt, 10_000), Halted(lateHalt, 9_000, 10_000))
            .When(new PublishMcpi(8_000, null, afterMidnight))
            .Then(new McpiPublished(8_000, afterMidnight, 9_000, afterMidnight), Halted(afterMidnight, 8_000, 9_000));
    }
}
