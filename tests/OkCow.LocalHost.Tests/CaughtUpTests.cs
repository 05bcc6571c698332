using OkCow.LocalHost.ChangeFeed;

namespace OkCow.LocalHost.Tests;

/// <summary>/local/status says caught up only when every consumer has handled the feed's last position.</summary>
public sealed class CaughtUpTests
{
    [Fact]
    public async Task Given_consumers_idle_after_an_empty_read_When_one_event_is_appended_Then_status_is_not_caught_up()
    {
        using var folder = new TempDataFolder();
        await using var host = await RunningHost.StartAsync(folder.Path, null, $"--{LocalHostSettings.FeedIdleDelayKey}=600000", $"--{LocalHostSettings.FeedWakesOnAppendKey}=false");
        var idle = await host.EventuallyAsync(LocalHostApp.StatusPath, s => s.GetProperty("consumers").EnumerateArray().All(c => c.Long("caughtUpAsOfRead") > 0));
        Assert.True(idle.GetProperty("caughtUp").GetBoolean());

        // Registration appends to the claim and investor streams while both consumers sleep after their empty read.
        await host.CommandAsync("/api/investors", new { name = "Late", loginId = "late-one", password = "correct horse" }, 201);

        var (_, status) = await host.GetAsync(LocalHostApp.StatusPath);
        Assert.False(status.GetProperty("caughtUp").GetBoolean());
        Assert.All(status.GetProperty("consumers").EnumerateArray(), c =>
        {
            Assert.False(c.GetProperty("caughtUp").GetBoolean());
            Assert.True(c.Long("lagEvents") > 0);
        });
    }

    [Theory]
    [InlineData(true, 0, 0L, true)]
    [InlineData(true, 0, null, true)]
    [InlineData(true, 0, 1L, false)]
    [InlineData(false, 0, 0L, false)]
    [InlineData(true, 1, 0L, false)]
    public void Given_a_consumer_When_judged_Then_caught_up_needs_an_empty_read_no_failure_and_nothing_behind(bool emptyRead, int failures, long? behind, bool expected)
    {
        var consumer = new FeedConsumerStatus("RunSagas", "sagas", "7", emptyRead, 3, 7, failures, null);

        Assert.Equal(expected, FeedStatus.IsCaughtUp(consumer, behind));
    }
}
