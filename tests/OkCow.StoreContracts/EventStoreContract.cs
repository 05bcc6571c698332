using System.Text.Json;
using OkCow.Application.EventStore;

namespace OkCow.StoreContracts;

/// <summary>
/// The contract every <see cref="IEventStore"/> keeps. To run it against a store, derive a sealed class in a test project
/// and implement <see cref="CreateStoreAsync"/>; override <see cref="DisposeStoreAsync"/> to clean up. xunit makes one
/// instance per test, so each test gets a fresh store; tests use their own stream ids, so a shared database also works.
/// </summary>
/// <remarks>
/// <see cref="WrongExpectedVersionException.Actual"/> is checked only when a store reports it (it may be null).
/// </remarks>
public abstract class EventStoreContract : IAsyncLifetime
{
    private const int MaxAttemptsPerAppend = 1_000;

    private IEventStore? _store;

    protected IEventStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public Task DisposeAsync() => DisposeStoreAsync();

    /// <summary>Creates the store under test; called once before each test.</summary>
    protected abstract Task<IEventStore> CreateStoreAsync();

    /// <summary>Releases what <see cref="CreateStoreAsync"/> made; called once after each test.</summary>
    protected virtual Task DisposeStoreAsync() => Task.CompletedTask;

    [Fact]
    public async Task Given_no_stream_When_appending_with_NoStream_Then_the_events_are_stored_from_version_one()
    {
        var streamId = ContractEvents.NewStreamId();
        var at = new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.FromHours(2)).AddTicks(5_897_932);
        NewEvent[] events = [ContractEvents.Create(1, at), ContractEvents.Create(2, at.AddTicks(1)) with { Metadata = new("c-2", null, "operator", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01") }];

        var result = await Store.AppendAsync(streamId, ExpectedVersion.NoStream, events);

        Assert.Equal(new AppendResult(streamId, 1, 2), result);
        var stored = await Store.ReadStreamAsync(streamId, StreamReadOptions.All);
        Assert.Equal(2, stored.Count);
        AssertStored(events[0], streamId, 1, stored[0]);
        AssertStored(events[1], streamId, 2, stored[1]);
        var head = await Store.ReadHeadAsync(streamId);
        Assert.NotNull(head);
        Assert.Equal(streamId, head.StreamId);
        Assert.Equal(2, head.Version);
        Assert.Null(head.Snapshot);
    }

    [Fact]
    public async Task Given_a_stream_When_appending_with_NoStream_again_Then_WrongExpectedVersion_and_nothing_is_written()
    {
        var streamId = ContractEvents.NewStreamId("claim");
        await Store.AppendAsync(streamId, ExpectedVersion.NoStream, ContractEvents.Many(1));

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(
            () => Store.AppendAsync(streamId, ExpectedVersion.NoStream, ContractEvents.Many(2, firstNumber: 10)));

        Assert.Equal(streamId, error.StreamId);
        Assert.Equal(ExpectedVersion.NoStream, error.Expected);
        AssertActualIfReported(1, error);
        Assert.Equal([1], (await Store.ReadStreamAsync(streamId, StreamReadOptions.All)).Select(ContractEvents.NumberOf));
        Assert.Equal(1, (await Store.ReadHeadAsync(streamId))?.Version);
    }

    [Fact]
    public async Task Given_a_saga_step_recorded_When_the_same_step_is_appended_again_Then_DuplicateEvent_and_nothing_is_written()
    {
        var streamId = ContractEvents.NewStreamId();
        await Store.AppendAsync(streamId, ExpectedVersion.NoStream, ContractEvents.Many(1));
        var step = ContractEvents.Create(2) with { IsStepKey = true };
        await Store.AppendAsync(streamId, ExpectedVersion.Exactly(1), [step]);

        var error = await Assert.ThrowsAsync<DuplicateEventException>(
            () => Store.AppendAsync(streamId, ExpectedVersion.Exactly(2), [ContractEvents.Create(3) with { EventId = step.EventId, IsStepKey = true }]));

        Assert.Equal((streamId, step.EventId), (error.StreamId, error.EventId));
        Assert.Equal([1, 2], (await Store.ReadStreamAsync(streamId, StreamReadOptions.All)).Select(ContractEvents.NumberOf));
        Assert.Equal(2, (await Store.ReadHeadAsync(streamId))?.Version);
    }

    [Fact]
    public async Task Given_a_stream_When_appending_at_its_version_Then_the_events_follow_on()
    {
        var streamId = ContractEvents.NewStreamId();
        await Store.AppendAsync(streamId, ExpectedVersion.NoStream, ContractEvents.Many(2));

        var result = await Store.AppendAsync(streamId, ExpectedVersion.Exactly(2), ContractEvents.Many(3, firstNumber: 3));

        Assert.Equal(new AppendResult(streamId, 3, 5), result);
        var stored = await Store.ReadStreamAsync(streamId, StreamReadOptions.All);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], stored.Select(e => e.Version));
        Assert.Equal([1, 2, 3, 4, 5], stored.Select(ContractEvents.NumberOf));
        Assert.Equal(5, (await Store.ReadHeadAsync(streamId))?.Version);
    }

    [Fact]
    public async Task Given_a_stream_that_moved_on_When_appending_at_a_stale_version_Then_WrongExpectedVersion_and_nothing_is_written()
    {
        var streamId = ContractEvents.NewStreamId();
        await Store.AppendAsync(streamId, ExpectedVersion.NoStream, ContractEvents.Many(2));
        await Store.AppendAsync(streamId, ExpectedVersion.Exactly(2), ContractEvents.Many(1, firstNumber: 3));

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(
            () => Store.AppendAsync(streamId, ExpectedVersion.Exactly(2), ContractEvents.Many(4, firstNumber: 10)));

        Assert.Equal(ExpectedVersion.Exactly(2), error.Expected);
        AssertActualIfReported(3, error);
        Assert.Equal([1, 2, 3], (await Store.ReadStreamAsync(streamId, StreamReadOptions.All)).Select(ContractEvents.NumberOf));
        Assert.Equal(3, (await Store.ReadHeadAsync(streamId))?.Version);
    }

    [Fact]
    public async Task Given_a_stream_When_appending_ahead_of_its_version_Then_WrongExpectedVersion()
    {
        var streamId = ContractEvents.NewStreamId();
        await Store.AppendAsync(streamId, ExpectedVersion.NoStream, ContractEvents.Many(2));

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(
            () => Store.AppendAsync(streamId, ExpectedVersion.Exactly(5), ContractEvents.Many(1)));

        AssertActualIfReported(2, error);
        Assert.Equal(2, (await Store.ReadHeadAsync(streamId))?.Version);
    }

    [Fact]
    public async Task Given_no_stream_When_appending_at_a_version_Then_WrongExpectedVersion_and_the_stream_stays_absent()
    {
        var streamId = ContractEvents.NewStreamId();

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(
            () => Store.AppendAsync(streamId, ExpectedVersion.Exactly(1), ContractEvents.Many(1)));

        AssertActualIfReported(0, error);
        Assert.Null(await Store.ReadHeadAsync(streamId));
        Assert.Empty(await Store.ReadStreamAsync(streamId, StreamReadOptions.All));
    }

    [Fact]
    public async Task Given_no_stream_Then_the_head_is_null_and_the_stream_empty()
    {
        var streamId = ContractEvents.NewStreamId();

        Assert.Null(await Store.ReadHeadAsync(streamId));
        Assert.Empty(await Store.ReadStreamAsync(streamId, StreamReadOptions.All));
    }

    [Fact]
    public async Task Given_two_streams_When_appending_to_one_Then_the_other_is_untouched()
    {
        var first = ContractEvents.NewStreamId();
        var second = ContractEvents.NewStreamId();
        await Store.AppendAsync(first, ExpectedVersion.NoStream, ContractEvents.Many(3));

        await Store.AppendAsync(second, ExpectedVersion.NoStream, ContractEvents.Many(1, firstNumber: 100));

        Assert.Equal([1, 2, 3], (await Store.ReadStreamAsync(first, StreamReadOptions.All)).Select(ContractEvents.NumberOf));
        Assert.Equal([100], (await Store.ReadStreamAsync(second, StreamReadOptions.All)).Select(ContractEvents.NumberOf));
        Assert.Equal(3, (await Store.ReadHeadAsync(first))?.Version);
        Assert.Equal(1, (await Store.ReadHeadAsync(second))?.Version);
    }

    [Fact]
    public async Task Given_an_empty_append_Then_it_is_refused()
    {
        var streamId = ContractEvents.NewStreamId();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.AppendAsync(streamId, ExpectedVersion.NoStream, []));

        Assert.Null(await Store.ReadHeadAsync(streamId));
    }

    [Fact]
    public async Task Given_twenty_parallel_appenders_on_one_stream_retrying_on_conflict_Then_every_event_is_stored_once_with_contiguous_versions()
    {
        const int writers = 20;
        const int appendsPerWriter = 5;
        var streamId = ContractEvents.NewStreamId("hot");
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var appenders = Enumerable.Range(0, writers)
            .Select(writer => Task.Run(async () =>
            {
                await start.Task;
                var won = new List<(long Version, Guid EventId)>();
                for (var number = 0; number < appendsPerWriter; number++)
                {
                    var newEvent = ContractEvents.Create(number, writer: $"writer-{writer}");
                    var result = await AppendRetryingAsync(streamId, [newEvent]);
                    won.Add((result.FirstVersion, newEvent.EventId));
                }

                return (Writer: $"writer-{writer}", Won: won);
            }))
            .ToList();
        start.SetResult();
        var results = await Task.WhenAll(appenders);

        var stored = await Store.ReadStreamAsync(streamId, StreamReadOptions.All);
        const int total = writers * appendsPerWriter;
        Assert.Equal(Enumerable.Range(1, total).Select(v => (long)v), stored.Select(e => e.Version));
        Assert.Equal(total, stored.Select(e => e.EventId).Distinct().Count());
        Assert.Equal(total, (await Store.ReadHeadAsync(streamId))?.Version);

        // Exactly one winner per version, and the stored event at each version is the winner's.
        var winners = results.SelectMany(r => r.Won).ToList();
        Assert.Equal(Enumerable.Range(1, total).Select(v => (long)v), winners.Select(w => w.Version).Order());
        var byVersion = stored.ToDictionary(e => e.Version);
        Assert.All(winners, w => Assert.Equal(w.EventId, byVersion[w.Version].EventId));

        // Each writer's events keep the order it appended them in.
        Assert.All(results, r => Assert.Equal(
            Enumerable.Range(0, appendsPerWriter),
            stored.Where(e => e.Metadata.Actor == r.Writer).Select(ContractEvents.NumberOf)));
    }

    [Fact]
    public async Task Given_two_writers_at_the_same_version_When_both_append_several_events_Then_exactly_one_wins_all_or_nothing()
    {
        const int rounds = 20;
        const int eventsPerAppend = 3;
        var streamId = ContractEvents.NewStreamId("race");
        await Store.AppendAsync(streamId, ExpectedVersion.NoStream, ContractEvents.Many(1));

        for (var round = 0; round < rounds; round++)
        {
            var version = 1L + (round * eventsPerAppend);
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var racers = new[] { "left", "right" }
                .Select(writer => Task.Run(async () =>
                {
                    await start.Task;
                    try
                    {
                        await Store.AppendAsync(streamId, ExpectedVersion.Exactly(version), ContractEvents.Many(eventsPerAppend, writer: writer));
                        return (Writer: writer, Won: true);
                    }
                    catch (WrongExpectedVersionException error)
                    {
                        AssertActualIfReported(version + eventsPerAppend, error);
                        return (Writer: writer, Won: false);
                    }
                }))
                .ToList();
            start.SetResult();
            var outcomes = await Task.WhenAll(racers);

            var winner = Assert.Single(outcomes, o => o.Won).Writer;
            var appended = await Store.ReadStreamAsync(streamId, new StreamReadOptions(FromVersion: version + 1));
            Assert.Equal(eventsPerAppend, appended.Count);
            Assert.All(appended, e => Assert.Equal(winner, e.Metadata.Actor));
            Assert.Equal([1, 2, 3], appended.Select(ContractEvents.NumberOf));
        }

        Assert.Equal(1 + (rounds * eventsPerAppend), (await Store.ReadHeadAsync(streamId))?.Version);
    }

    [Fact]
    public async Task Given_an_append_with_a_snapshot_Then_one_head_read_returns_the_version_and_the_snapshot()
    {
        var streamId = ContractEvents.NewStreamId();
        var state = JsonSerializer.SerializeToElement(new { cash = 1_250L, holders = new[] { "a", "b" } });

        await Store.AppendAsync(streamId, ExpectedVersion.NoStream, ContractEvents.Many(3), new Snapshot(3, "fund-v1", state));

        var head = await Store.ReadHeadAsync(streamId);
        Assert.NotNull(head);
        Assert.Equal(3, head.Version);
        Assert.NotNull(head.Snapshot);
        Assert.Equal(3, head.Snapshot.Version);
        Assert.Equal("fund-v1", head.Snapshot.Schema);
        Assert.True(JsonElement.DeepEquals(state, head.Snapshot.Data), head.Snapshot.Data.GetRawText());
    }

    [Fact]
    public async Task Given_a_snapshot_When_appending_without_one_Then_the_head_moves_on_and_keeps_the_last_snapshot()
    {
        var streamId = ContractEvents.NewStreamId();
        var state = JsonSerializer.SerializeToElement(new { cash = 10 });
        await Store.AppendAsync(streamId, ExpectedVersion.NoStream, ContractEvents.Many(2), new Snapshot(2, "s1", state));

        await Store.AppendAsync(streamId, ExpectedVersion.Exactly(2), ContractEvents.Many(2, firstNumber: 3));

        var head = await Store.ReadHeadAsync(streamId);
        Assert.Equal(4, head?.Version);
        Assert.Equal(2, head?.Snapshot?.Version);
        Assert.Equal("s1", head?.Snapshot?.Schema);
    }

    [Fact]
    public async Task Given_a_snapshot_When_appending_a_newer_one_Then_it_replaces_the_old()
    {
        var streamId = ContractEvents.NewStreamId();
        await Store.AppendAsync(streamId, ExpectedVersion.NoStream, ContractEvents.Many(1), new Snapshot(1, "s1", JsonSerializer.SerializeToElement(new { cash = 1 })));

        await Store.AppendAsync(streamId, ExpectedVersion.Exactly(1), ContractEvents.Many(1), new Snapshot(2, "s2", JsonSerializer.SerializeToElement(new { cash = 2 })));

        var snapshot = (await Store.ReadHeadAsync(streamId))?.Snapshot;
        Assert.NotNull(snapshot);
        Assert.Equal(2, snapshot.Version);
        Assert.Equal("s2", snapshot.Schema);
        Assert.Equal(2, snapshot.Data.GetProperty("cash").GetInt32());
    }

    [Fact]
    public async Task Given_a_snapshot_at_another_version_than_the_append_leaves_Then_it_is_refused_and_nothing_is_written()
    {
        var streamId = ContractEvents.NewStreamId();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.AppendAsync(
            streamId,
            ExpectedVersion.NoStream,
            ContractEvents.Many(2),
            new Snapshot(1, "s1", JsonSerializer.SerializeToElement(new { cash = 1 }))));

        Assert.Null(await Store.ReadHeadAsync(streamId));
    }

    [Fact]
    public async Task Given_an_append_with_pages_Then_each_page_reads_back_by_id_and_a_missing_one_is_absent()
    {
        var streamId = ContractEvents.NewStreamId("paged");
        var snapshot = new Snapshot(1, "Paged.v1", JsonSerializer.SerializeToElement(new { pages = 2 }));
        PageWrite[] pages = [new("s-1", JsonSerializer.SerializeToElement(new { orders = new[] { 1, 2 } })), new("l-12000", JsonSerializer.SerializeToElement(new { front = 1 }))];

        await Store.AppendWithPagesAsync(streamId, ExpectedVersion.NoStream, ContractEvents.Many(1), snapshot, pages);

        var read = await Store.ReadPagesAsync(streamId, ["s-1", "l-12000", "s-2"]);
        Assert.Equal(["l-12000", "s-1"], read.Select(page => page.PageId).Order(StringComparer.Ordinal));
        Assert.Equal("[1,2]", read.Single(page => page.PageId == "s-1").Data.GetProperty("orders").GetRawText());
        Assert.Empty(await Store.ReadPagesAsync(ContractEvents.NewStreamId("other"), ["s-1"]));
        Assert.Equal(1, (await Store.ReadHeadAsync(streamId))!.Snapshot!.Version);
        Assert.Single(await Store.ReadStreamAsync(streamId, StreamReadOptions.All));
    }

    [Fact]
    public async Task Given_pages_When_an_append_replaces_one_and_deletes_another_Then_both_changes_land_with_the_events()
    {
        var streamId = ContractEvents.NewStreamId("paged");
        await Store.AppendWithPagesAsync(
            streamId,
            ExpectedVersion.NoStream,
            ContractEvents.Many(1),
            new Snapshot(1, "Paged.v1", JsonSerializer.SerializeToElement(1)),
            [new("a", JsonSerializer.SerializeToElement("first")), new("b", JsonSerializer.SerializeToElement("second"))]);

        await Store.AppendWithPagesAsync(
            streamId,
            ExpectedVersion.Exactly(1),
            ContractEvents.Many(1, firstNumber: 2),
            new Snapshot(2, "Paged.v1", JsonSerializer.SerializeToElement(2)),
            [new("a", JsonSerializer.SerializeToElement("replaced")), new("b", null)]);

        var read = await Store.ReadPagesAsync(streamId, ["a", "b"]);
        Assert.Equal("replaced", Assert.Single(read).Data.GetString());
        Assert.Equal(2, (await Store.ReadHeadAsync(streamId))!.Version);
    }

    [Fact]
    public async Task Given_a_stale_version_When_appending_with_pages_Then_WrongExpectedVersion_and_no_page_changes()
    {
        var streamId = ContractEvents.NewStreamId("paged");
        await Store.AppendWithPagesAsync(
            streamId,
            ExpectedVersion.NoStream,
            ContractEvents.Many(2),
            new Snapshot(2, "Paged.v1", JsonSerializer.SerializeToElement(2)),
            [new("a", JsonSerializer.SerializeToElement("kept"))]);

        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => Store.AppendWithPagesAsync(
            streamId,
            ExpectedVersion.Exactly(1),
            ContractEvents.Many(1, firstNumber: 3),
            new Snapshot(2, "Paged.v1", JsonSerializer.SerializeToElement(2)),
            [new("a", JsonSerializer.SerializeToElement("lost")), new("c", JsonSerializer.SerializeToElement("lost"))]));

        var read = await Store.ReadPagesAsync(streamId, ["a", "c"]);
        Assert.Equal("kept", Assert.Single(read).Data.GetString());
    }

    [Fact]
    public async Task Given_a_stream_When_reading_a_version_range_Then_only_those_versions_come_back_in_order()
    {
        var streamId = ContractEvents.NewStreamId();
        await Store.AppendAsync(streamId, ExpectedVersion.NoStream, ContractEvents.Many(6));
        await Store.AppendAsync(streamId, ExpectedVersion.Exactly(6), ContractEvents.Many(4, firstNumber: 7));

        Assert.Equal([3L, 4L, 5L, 6L, 7L], await VersionsAsync(streamId, new StreamReadOptions(FromVersion: 3, ToVersion: 7)));
        Assert.Equal([8L, 9L, 10L], await VersionsAsync(streamId, new StreamReadOptions(FromVersion: 8)));
        Assert.Equal([1L, 2L], await VersionsAsync(streamId, new StreamReadOptions(ToVersion: 2)));
        Assert.Equal([5L], await VersionsAsync(streamId, new StreamReadOptions(FromVersion: 5, ToVersion: 5)));
        Assert.Empty(await VersionsAsync(streamId, new StreamReadOptions(FromVersion: 11)));
    }

    [Fact]
    public async Task Given_events_over_time_When_reading_until_an_instant_Then_only_events_at_or_before_it_come_back()
    {
        var streamId = ContractEvents.NewStreamId();
        var t0 = new DateTimeOffset(2025, 6, 30, 23, 59, 58, TimeSpan.Zero).AddTicks(1234);

        // Offsets differ on purpose: the store compares instants, not local clock readings.
        NewEvent[] events =
        [
            ContractEvents.Create(1, t0.ToOffset(TimeSpan.FromHours(12))),
            ContractEvents.Create(2, t0.AddSeconds(1).ToOffset(TimeSpan.FromHours(-5))),
            ContractEvents.Create(3, t0.AddSeconds(2)),
            ContractEvents.Create(4, t0.AddSeconds(2).AddTicks(1)),
            ContractEvents.Create(5, t0.AddDays(1)),
        ];
        await Store.AppendAsync(streamId, ExpectedVersion.NoStream, events);

        Assert.Equal([1L, 2L, 3L], await VersionsAsync(streamId, new StreamReadOptions(Until: t0.AddSeconds(2).ToOffset(TimeSpan.FromHours(9)))));
        Assert.Equal([1L, 2L], await VersionsAsync(streamId, new StreamReadOptions(Until: t0.AddSeconds(2).AddTicks(-1))));
        Assert.Equal([2L, 3L, 4L], await VersionsAsync(streamId, new StreamReadOptions(FromVersion: 2, Until: t0.AddHours(1))));
        Assert.Empty(await VersionsAsync(streamId, new StreamReadOptions(Until: t0.AddTicks(-1))));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], await VersionsAsync(streamId, new StreamReadOptions(Until: t0.AddDays(1))));
    }

    /// <summary>Appends at the head's current version, reloading and retrying on conflict, as the command pipeline does.</summary>
    protected async Task<AppendResult> AppendRetryingAsync(string streamId, IReadOnlyList<NewEvent> events)
    {
        for (var attempt = 1; ; attempt++)
        {
            var head = await Store.ReadHeadAsync(streamId);
            try
            {
                return await Store.AppendAsync(streamId, ExpectedVersion.Exactly(head?.Version ?? 0), events);
            }
            catch (WrongExpectedVersionException) when (attempt < MaxAttemptsPerAppend)
            {
                // Another writer won this version: reload and try again.
            }
        }
    }

    private static void AssertActualIfReported(long expected, WrongExpectedVersionException error)
    {
        if (error.Actual is { } actual)
        {
            Assert.Equal(expected, actual);
        }
    }

    private static void AssertStored(NewEvent expected, string streamId, long version, StoredEvent stored)
    {
        Assert.Equal(streamId, stored.StreamId);
        Assert.Equal(version, stored.Version);
        Assert.Equal(expected.EventId, stored.EventId);
        Assert.Equal(expected.Type, stored.Type);
        Assert.True(JsonElement.DeepEquals(expected.Data, stored.Data), stored.Data.GetRawText());
        Assert.Equal(expected.Timestamp, stored.Timestamp);
        Assert.Equal(expected.Metadata, stored.Metadata);
    }

    private async Task<IEnumerable<long>> VersionsAsync(string streamId, StreamReadOptions options) =>
        (await Store.ReadStreamAsync(streamId, options)).Select(e => e.Version);
}
