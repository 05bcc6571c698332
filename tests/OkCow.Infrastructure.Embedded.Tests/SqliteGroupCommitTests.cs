using Microsoft.Data.Sqlite;
using OkCow.Application.EventStore;
using OkCow.StoreContracts;

namespace OkCow.Infrastructure.Embedded.Tests;

/// <summary>
/// Group commit: concurrent appends share one transaction, each in its own savepoint, and keep the semantics of one
/// append at a time (one winner per version, positions in commit order, a failing append failing alone).
/// </summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private readonly TempDataFolder _folder = new();
    private readonly EmbeddedStore _store;

    public SqliteGroupCommitTests() => _store = _folder.Open();

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Given_sixteen_appenders_at_the_same_version_of_one_stream_Then_exactly_one_wins_each_version()
    {
        const int appenders = 16;
        const int rounds = 10;
        var streamId = ContractEvents.NewStreamId("hot");
        var winners = new List<Guid>();
        for (var version = 0; version < rounds; version++)
        {
            var expected = ExpectedVersion.Exactly(version);
            var attempts = Enumerable.Range(0, appenders).Select(i => ContractEvents.Create((version * appenders) + i)).ToList();
            var outcomes = await Task.WhenAll(attempts.Select(attempt => Task.Run(async () =>
            {
                try
                {
                    return (attempt.EventId, Result: await _store.Events.AppendAsync(streamId, expected, [attempt]), Error: (WrongExpectedVersionException?)null);
                }
                catch (WrongExpectedVersionException error)
                {
                    return (attempt.EventId, Result: (AppendResult?)null, Error: error);
                }
            })));

            var won = Assert.Single(outcomes, o => o.Result is not null);
            Assert.Equal(new AppendResult(streamId, version + 1, version + 1), won.Result);
            Assert.All(outcomes.Where(o => o.Result is null), o => Assert.Equal(version + 1, o.Error!.Actual));
            winners.Add(won.EventId);
        }

        var stored = await _store.Events.ReadStreamAsync(streamId, StreamReadOptions.All);
        Assert.Equal(winners, stored.Select(e => e.EventId));
        Assert.Equal(Enumerable.Range(1, rounds).Select(v => (long)v), stored.Select(e => e.Version));
        Assert.Equal(rounds, (await _store.Events.ReadHeadAsync(streamId))?.Version);
    }

    [Fact]
    public async Task Given_many_writers_on_their_own_streams_Then_every_append_is_stored_and_positions_follow_commit_order()
    {
        const int writers = 24;
        const int perWriter = 20;
        var clock = 0L;
        var appends = new List<(Guid EventId, long Started, long Finished)>[writers];
        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            appends[writer] = [];
            var streamId = ContractEvents.NewStreamId($"writer{writer}");
            for (var version = 0; version < perWriter; version++)
            {
                var newEvent = ContractEvents.Create(version + 1, writer: $"w{writer}");
                var started = Interlocked.Increment(ref clock);
                await _store.Events.AppendAsync(streamId, ExpectedVersion.Exactly(version), [newEvent]);
                appends[writer].Add((newEvent.EventId, started, Interlocked.Increment(ref clock)));
            }
        })));

        var feed = await ReadWholeFeedAsync();
        Assert.Equal(writers * perWriter, feed.Count);
        var positionOf = feed.Select((e, index) => (e.EventId, index)).ToDictionary(p => p.EventId, p => p.index);
        var all = appends.SelectMany(a => a).ToList();
        Assert.All(all, a => Assert.True(positionOf.ContainsKey(a.EventId)));

        // An append that returned before another one started was committed first, so it has the lower position.
        foreach (var earlier in all)
        {
            foreach (var later in all.Where(l => l.Started > earlier.Finished))
            {
                Assert.True(positionOf[earlier.EventId] < positionOf[later.EventId], "positions follow commit order");
            }
        }

        Assert.All(feed.GroupBy(e => e.StreamId), stream => Assert.Equal(Enumerable.Range(1, perWriter).Select(v => (long)v), stream.Select(e => e.Version)));
        Assert.True(_store.Events.Writer.GroupsCommitted <= writers * perWriter);
    }

    [Fact]
    public async Task Given_a_group_with_a_stale_append_and_a_repeated_event_id_Then_only_those_fail_and_their_neighbours_commit()
    {
        var first = ContractEvents.NewStreamId("first");
        var fine = ContractEvents.NewStreamId("fine");
        var stale = ContractEvents.NewStreamId("stale");
        var repeats = ContractEvents.NewStreamId("repeats");
        var last = ContractEvents.NewStreamId("last");
        var fineEvent = ContractEvents.Create(2);

        // Another connection holds the write lock, so the first append waits in BEGIN IMMEDIATE while the others queue
        // behind it and are committed together once the lock is let go.
        using var blocker = new SqliteConnection($"Data Source={_store.DatabasePath};Pooling=False");
        blocker.Open();
        using var transaction = blocker.BeginTransaction(deferred: false);
        var groupsBefore = _store.Events.Writer.GroupsCommitted;
        var firstAppend = Task.Run(() => _store.Events.AppendAsync(first, ExpectedVersion.NoStream, [ContractEvents.Create(1)]));
        Assert.True(SpinWait.SpinUntil(() => _store.Events.Writer.Writing, TimeSpan.FromSeconds(30)), "the first append is being written");
        var fineAppend = _store.Events.AppendAsync(fine, ExpectedVersion.NoStream, [fineEvent]);
        var staleAppend = _store.Events.AppendAsync(stale, ExpectedVersion.Exactly(3), [ContractEvents.Create(3)]);
        var repeatAppend = _store.Events.AppendAsync(repeats, ExpectedVersion.NoStream, [ContractEvents.Create(4), fineEvent]);
        var lastAppend = _store.Events.AppendAsync(last, ExpectedVersion.NoStream, [ContractEvents.Create(5)]);
        Assert.False(fineAppend.IsCompleted);
        transaction.Commit();

        Assert.Equal(new AppendResult(first, 1, 1), await firstAppend);
        Assert.Equal(new AppendResult(fine, 1, 1), await fineAppend);
        var wrong = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => staleAppend);
        Assert.Equal(0, wrong.Actual);
        var duplicate = await Assert.ThrowsAsync<DuplicateEventException>(() => repeatAppend);
        Assert.Equal(fineEvent.EventId, duplicate.EventId);
        Assert.Equal(new AppendResult(last, 1, 1), await lastAppend);

        // Five appends in at most two transactions: the failing ones shared theirs with appends that committed.
        Assert.InRange(_store.Events.Writer.GroupsCommitted - groupsBefore, 1, 2);
        Assert.Null(await _store.Events.ReadHeadAsync(stale));
        Assert.Null(await _store.Events.ReadHeadAsync(repeats));
        Assert.Empty(await _store.Events.ReadStreamAsync(repeats, StreamReadOptions.All));
        var feed = await ReadWholeFeedAsync();
        Assert.Equal([first, fine, last], feed.Select(e => e.StreamId));
    }

    [Fact]
    public async Task Given_a_consumer_waiting_on_the_signal_When_an_append_commits_Then_the_signal_completes()
    {
        var signal = _store.Events.NextAppend;
        Assert.False(signal.IsCompleted);

        await _store.Events.AppendAsync(ContractEvents.NewStreamId(), ExpectedVersion.NoStream, [ContractEvents.Create(1)]);

        await signal.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(_store.Events.NextAppend.IsCompleted);
    }

    [Fact]
    public async Task Given_a_failed_append_only_Then_the_signal_stays_pending()
    {
        var streamId = ContractEvents.NewStreamId();
        await _store.Events.AppendAsync(streamId, ExpectedVersion.NoStream, [ContractEvents.Create(1)]);
        var signal = _store.Events.NextAppend;

        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => _store.Events.AppendAsync(streamId, ExpectedVersion.NoStream, [ContractEvents.Create(2)]));

        Assert.False(signal.IsCompleted);
    }

    [Fact]
    public async Task Given_a_disposed_store_When_used_again_Then_it_reopens_its_connections()
    {
        var streamId = ContractEvents.NewStreamId();
        await _store.Events.AppendAsync(streamId, ExpectedVersion.NoStream, [ContractEvents.Create(1)]);
        _store.Dispose();

        await _store.Events.AppendAsync(streamId, ExpectedVersion.Exactly(1), [ContractEvents.Create(2)]);

        Assert.Equal(2, (await _store.Events.ReadHeadAsync(streamId))?.Version);
    }

    private async Task<List<StoredEvent>> ReadWholeFeedAsync()
    {
        var events = new List<StoredEvent>();
        string? continuation = null;
        while (true)
        {
            var page = await _store.Events.ReadAsync(continuation, 100);
            if (page.Events.Count == 0)
            {
                return events;
            }

            events.AddRange(page.Events);
            continuation = page.Continuation;
        }
    }
}
