using System.Diagnostics;
using System.Text.Json;
using OkCow.Application.EventStore;

namespace OkCow.StoreContracts;

/// <summary>An event store and the change feed over it (the same object in the embedded store, two in Cosmos).</summary>
public sealed record EventStoreWithFeed(IEventStore Store, IChangeFeed Feed);

/// <summary>
/// The contract every <see cref="IChangeFeed"/> keeps: every event at least once, each stream in version order,
/// resumable from a continuation. Derive a sealed class in a test project and implement <see cref="CreateStoreAsync"/>.
/// </summary>
/// <remarks>
/// The tests look only at events of the streams they wrote, so other events in the feed (a shared database) are fine,
/// and they poll until the expected events arrive (up to <see cref="FeedTimeout"/>), so a feed may lag behind writes.
/// No global order across streams is assumed. A store that delivers exactly once overrides
/// <see cref="DeliversExactlyOnce"/> to have duplicates reported as failures.
/// </remarks>
public abstract class ChangeFeedContract : IAsyncLifetime
{
    private const int MaxAttemptsPerAppend = 1_000;

    private EventStoreWithFeed? _subject;

    protected IEventStore Store => Subject.Store;

    protected IChangeFeed Feed => Subject.Feed;

    /// <summary>How long a test waits for events it appended to show up in the feed.</summary>
    protected virtual TimeSpan FeedTimeout => TimeSpan.FromSeconds(30);

    /// <summary>True when the feed never repeats an event to a consumer that resumes from its latest continuation.</summary>
    protected virtual bool DeliversExactlyOnce => false;

    private EventStoreWithFeed Subject => _subject ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    public async Task InitializeAsync() => _subject = await CreateStoreAsync();

    public Task DisposeAsync() => DisposeStoreAsync();

    /// <summary>Creates the store and feed under test; called once before each test.</summary>
    protected abstract Task<EventStoreWithFeed> CreateStoreAsync();

    /// <summary>Releases what <see cref="CreateStoreAsync"/> made; called once after each test.</summary>
    protected virtual Task DisposeStoreAsync() => Task.CompletedTask;

    [Fact]
    public async Task Given_appends_to_several_streams_Then_the_feed_delivers_every_event_with_each_stream_in_version_order()
    {
        string[] streams = [ContractEvents.NewStreamId("feed"), ContractEvents.NewStreamId("feed"), ContractEvents.NewStreamId("feed")];
        var appended = new List<NewEvent>();
        var versions = streams.ToDictionary(s => s, _ => 0L);
        for (var round = 0; round < 4; round++)
        {
            foreach (var streamId in streams)
            {
                var events = ContractEvents.Many(1 + (round % 2), firstNumber: round * 10);
                var result = await Store.AppendAsync(streamId, ExpectedVersion.Exactly(versions[streamId]), events);
                versions[streamId] = result.LastVersion;
                appended.AddRange(events);
            }
        }

        var read = await ReadUntilAllAsync(null, streams, appended.Select(e => e.EventId), maxItems: 4);

        var firstDeliveries = FirstDeliveries(read.Events);
        Assert.Equal(appended.Count, firstDeliveries.Count);
        var appendedById = appended.ToDictionary(e => e.EventId);
        Assert.All(firstDeliveries, stored =>
        {
            var expected = appendedById[stored.EventId];
            Assert.Equal(expected.Type, stored.Type);
            Assert.True(JsonElement.DeepEquals(expected.Data, stored.Data));
            Assert.Equal(expected.Timestamp, stored.Timestamp);
            Assert.Equal(expected.Metadata, stored.Metadata);
        });
        AssertEachStreamInVersionOrder(firstDeliveries, streams);
        AssertNoDuplicatesIfExactlyOnce(read.Events);
    }

    [Fact]
    public async Task Given_a_consumer_that_read_everything_When_resuming_from_its_continuation_Then_only_later_events_arrive()
    {
        var streamId = ContractEvents.NewStreamId("feed");
        var earlier = ContractEvents.Many(5);
        await Store.AppendAsync(streamId, ExpectedVersion.NoStream, earlier);
        var first = await ReadUntilAllAsync(null, [streamId], earlier.Select(e => e.EventId), maxItems: 3);

        var later = ContractEvents.Many(4, firstNumber: 6);
        await Store.AppendAsync(streamId, ExpectedVersion.Exactly(5), later.Take(2).ToList());
        await Store.AppendAsync(streamId, ExpectedVersion.Exactly(7), later.Skip(2).ToList());
        var resumed = await ReadUntilAllAsync(first.Continuation, [streamId], later.Select(e => e.EventId), maxItems: 3);

        Assert.DoesNotContain(resumed.Events, e => earlier.Any(old => old.EventId == e.EventId));
        Assert.Equal([6L, 7L, 8L, 9L], FirstDeliveries(resumed.Events).Select(e => e.Version));
        AssertNoDuplicatesIfExactlyOnce(resumed.Events);
    }

    [Fact]
    public async Task Given_a_consumer_restarting_from_an_older_continuation_Then_the_events_after_it_are_delivered_again_in_order()
    {
        var streamId = ContractEvents.NewStreamId("feed");
        for (var version = 0; version < 8; version++)
        {
            await Store.AppendAsync(streamId, ExpectedVersion.Exactly(version), ContractEvents.Many(1, firstNumber: version + 1));
        }

        var all = await Store.ReadStreamAsync(streamId, StreamReadOptions.All);
        var firstRun = await ReadUntilAllAsync(null, [streamId], all.Select(e => e.EventId), maxItems: 2);

        // The consumer crashed after handling the page holding version 5 but before storing the continuation after it:
        // it restarts from the continuation it stored before that page.
        var (_, olderContinuation) = firstRun.Deliveries.First(d => d.Event.Version == 5);
        var expectedAgain = all.Where(e => e.Version >= 5).Select(e => e.EventId).ToList();
        var secondRun = await ReadUntilAllAsync(olderContinuation, [streamId], expectedAgain, maxItems: 2);

        var redelivered = FirstDeliveries(secondRun.Events);
        Assert.Equal([5L, 6L, 7L, 8L], redelivered.Where(e => e.Version >= 5).Select(e => e.Version));
        AssertEachStreamInVersionOrder(redelivered, [streamId], fromVersionOne: false);
    }

    [Fact]
    public async Task Given_a_caught_up_consumer_When_nothing_new_is_appended_Then_it_reads_none_of_its_events_and_can_still_resume()
    {
        var streamId = ContractEvents.NewStreamId("feed");
        var earlier = ContractEvents.Many(2);
        await Store.AppendAsync(streamId, ExpectedVersion.NoStream, earlier);
        var caughtUp = await ReadUntilAllAsync(null, [streamId], earlier.Select(e => e.EventId), maxItems: 10);

        var idle = await Feed.ReadAsync(caughtUp.Continuation, 10);

        Assert.DoesNotContain(idle.Events, e => e.StreamId == streamId);
        Assert.False(string.IsNullOrEmpty(idle.Continuation));
        var later = ContractEvents.Many(1, firstNumber: 3);
        await Store.AppendAsync(streamId, ExpectedVersion.Exactly(2), later);
        var resumed = await ReadUntilAllAsync(idle.Continuation, [streamId], later.Select(e => e.EventId), maxItems: 10);
        Assert.Equal([3L], FirstDeliveries(resumed.Events).Select(e => e.Version));
    }

    [Fact]
    public async Task Given_concurrent_appenders_while_a_consumer_reads_Then_no_event_is_skipped_and_each_stream_stays_in_order()
    {
        const int streamCount = 4;
        const int writersPerStream = 3;
        const int appendsPerWriter = 15;
        var streams = Enumerable.Range(0, streamCount).Select(_ => ContractEvents.NewStreamId("busy")).ToList();
        var appended = new List<Guid>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var writing = new CancellationTokenSource();

        var writers = streams
            .SelectMany(streamId => Enumerable.Range(0, writersPerStream).Select(writer => (streamId, writer)))
            .Select(w => Task.Run(async () =>
            {
                await start.Task;
                var ids = new List<Guid>();
                for (var i = 0; i < appendsPerWriter; i++)
                {
                    var events = ContractEvents.Many(1 + ((i + w.writer) % 3), writer: $"writer-{w.writer}");
                    await AppendRetryingAsync(w.streamId, events);
                    ids.AddRange(events.Select(e => e.EventId));
                }

                return ids;
            }))
            .ToList();

        // The consumer pages through the feed while the writers run, the situation in which a feed whose positions
        // could commit out of order would step past an event that becomes visible later.
        var consumer = Task.Run(async () =>
        {
            await start.Task;
            var events = new List<StoredEvent>();
            string? continuation = null;
            while (!writing.IsCancellationRequested)
            {
                var page = await Feed.ReadAsync(continuation, 5);
                events.AddRange(page.Events);
                continuation = page.Continuation;
                if (page.Events.Count == 0)
                {
                    await Task.Delay(1);
                }
            }

            return (Events: events, Continuation: continuation);
        });

        start.SetResult();
        foreach (var ids in await Task.WhenAll(writers))
        {
            appended.AddRange(ids);
        }

        await writing.CancelAsync();
        var during = await consumer;
        var seen = during.Events.Where(e => streams.Contains(e.StreamId)).Select(e => e.EventId).ToHashSet();
        var rest = await ReadUntilAllAsync(during.Continuation, streams, appended.Where(id => !seen.Contains(id)), maxItems: 50);

        var delivered = during.Events.Concat(rest.Events).Where(e => streams.Contains(e.StreamId)).ToList();
        var firstDeliveries = FirstDeliveries(delivered);
        Assert.Equal(appended.Order(), firstDeliveries.Select(e => e.EventId).Order());
        AssertEachStreamInVersionOrder(firstDeliveries, streams);
        AssertNoDuplicatesIfExactlyOnce(delivered);
    }

    /// <summary>
    /// Reads pages from <paramref name="continuation"/> until every id in <paramref name="expected"/> has been delivered,
    /// keeping only events of <paramref name="streams"/>. Each delivery records the continuation the page was read from.
    /// </summary>
    protected async Task<FeedRead> ReadUntilAllAsync(
        string? continuation,
        IReadOnlyCollection<string> streams,
        IEnumerable<Guid> expected,
        int maxItems)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var missing = expected.ToHashSet();
        var deliveries = new List<(StoredEvent Event, string? ReadFrom)>();
        var clock = Stopwatch.StartNew();
        while (missing.Count > 0)
        {
            var page = await Feed.ReadAsync(continuation, maxItems);
            foreach (var stored in page.Events.Where(e => streams.Contains(e.StreamId)))
            {
                deliveries.Add((stored, continuation));
                missing.Remove(stored.EventId);
            }

            continuation = page.Continuation;
            if (missing.Count > 0)
            {
                // Checked on every page, not only empty ones: a feed that keeps repeating itself must fail, not spin.
                Assert.True(clock.Elapsed < FeedTimeout, $"{missing.Count} appended events did not reach the feed within {FeedTimeout}.");
                if (page.Events.Count == 0)
                {
                    await Task.Delay(20);
                }
            }
        }

        return new FeedRead(deliveries, continuation);
    }

    private async Task AppendRetryingAsync(string streamId, IReadOnlyList<NewEvent> events)
    {
        for (var attempt = 1; ; attempt++)
        {
            var head = await Store.ReadHeadAsync(streamId);
            try
            {
                await Store.AppendAsync(streamId, ExpectedVersion.Exactly(head?.Version ?? 0), events);
                return;
            }
            catch (WrongExpectedVersionException) when (attempt < MaxAttemptsPerAppend)
            {
                // Another writer won this version: reload and try again.
            }
        }
    }

    /// <summary>Deliveries with repeats (allowed: at least once) removed, in the order they first arrived.</summary>
    private static List<StoredEvent> FirstDeliveries(IEnumerable<StoredEvent> delivered)
    {
        var seen = new HashSet<Guid>();
        return [.. delivered.Where(e => seen.Add(e.EventId))];
    }

    /// <summary>Each stream's first deliveries are its versions in order, with no gap (from 1 unless told otherwise).</summary>
    private static void AssertEachStreamInVersionOrder(
        IReadOnlyList<StoredEvent> firstDeliveries,
        IEnumerable<string> streams,
        bool fromVersionOne = true)
    {
        foreach (var streamId in streams)
        {
            var versions = firstDeliveries.Where(e => e.StreamId == streamId).Select(e => e.Version).ToList();
            var first = fromVersionOne || versions.Count == 0 ? 1 : versions[0];
            Assert.Equal(Enumerable.Range(0, versions.Count).Select(i => first + i), versions);
        }
    }

    private void AssertNoDuplicatesIfExactlyOnce(IEnumerable<StoredEvent> delivered)
    {
        if (DeliversExactlyOnce)
        {
            var ids = delivered.Select(e => e.EventId).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
        }
    }

    /// <summary>What <see cref="ReadUntilAllAsync"/> collected and where to resume after it.</summary>
    protected sealed record FeedRead(IReadOnlyList<(StoredEvent Event, string? ReadFrom)> Deliveries, string? Continuation)
    {
        public IReadOnlyList<StoredEvent> Events => [.. Deliveries.Select(d => d.Event)];
    }
}
