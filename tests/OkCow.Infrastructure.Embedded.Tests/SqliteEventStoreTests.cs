using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OkCow.Application.EventStore;
using OkCow.StoreContracts;
using Xunit.Abstractions;

namespace OkCow.Infrastructure.Embedded.Tests;

public sealed class SqliteEventStoreTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDataFolder _folder = new();
    private EmbeddedStore? _opened;

    private EmbeddedStore Store => _opened ??= _folder.Open();

    public void Dispose()
    {
        _opened?.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Given_an_append_whose_last_event_repeats_a_stored_event_id_Then_it_fails_part_way_and_nothing_is_written()
    {
        var streamId = ContractEvents.NewStreamId();
        var stored = ContractEvents.Many(2);
        await Store.Events.AppendAsync(streamId, ExpectedVersion.NoStream, stored);
        var fresh = ContractEvents.Many(2, firstNumber: 3);

        // Versions 3 and 4 are inserted before the repeated id fails the transaction.
        await Assert.ThrowsAsync<DuplicateEventException>(
            () => Store.Events.AppendAsync(streamId, ExpectedVersion.Exactly(2), [.. fresh, stored[0] with { Data = JsonSerializer.SerializeToElement(new { number = 5 }) }]));

        Assert.Equal([1L, 2L], (await Store.Events.ReadStreamAsync(streamId, StreamReadOptions.All)).Select(e => e.Version));
        Assert.Equal(2, (await Store.Events.ReadHeadAsync(streamId))?.Version);
        Assert.Equal(2, (await Store.Events.ReadAsync(null, 100)).Events.Count);
        var result = await Store.Events.AppendAsync(streamId, ExpectedVersion.Exactly(2), fresh);
        Assert.Equal(new AppendResult(streamId, 3, 4), result);
    }

    [Fact]
    public async Task Given_a_new_stream_whose_append_repeats_an_event_id_Then_the_stream_is_not_created()
    {
        var streamId = ContractEvents.NewStreamId();
        var repeated = ContractEvents.Create(1);

        await Assert.ThrowsAsync<DuplicateEventException>(
            () => Store.Events.AppendAsync(streamId, ExpectedVersion.NoStream, [repeated, ContractEvents.Create(2), repeated]));

        Assert.Null(await Store.Events.ReadHeadAsync(streamId));
        Assert.Empty((await Store.Events.ReadAsync(null, 100)).Events);
    }

    [Fact]
    public async Task Given_a_conflict_Then_the_exception_reports_the_actual_version()
    {
        var streamId = ContractEvents.NewStreamId();

        var missing = await Assert.ThrowsAsync<WrongExpectedVersionException>(
            () => Store.Events.AppendAsync(streamId, ExpectedVersion.Exactly(3), ContractEvents.Many(1)));
        await Store.Events.AppendAsync(streamId, ExpectedVersion.NoStream, ContractEvents.Many(4));
        var stale = await Assert.ThrowsAsync<WrongExpectedVersionException>(
            () => Store.Events.AppendAsync(streamId, ExpectedVersion.Exactly(3), ContractEvents.Many(1)));

        Assert.Equal(0, missing.Actual);
        Assert.Equal(4, stale.Actual);
    }

    [Fact]
    public async Task Given_events_Then_timestamps_are_stored_as_fixed_width_UTC_text()
    {
        var streamId = ContractEvents.NewStreamId();
        var at = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(9));
        await Store.Events.AppendAsync(streamId, ExpectedVersion.NoStream, [ContractEvents.Create(1, at), ContractEvents.Create(2, at.AddTicks(1))]);

        using var connection = new SqliteConnection(Store.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT timestamp FROM events WHERE stream_id = $stream ORDER BY version;";
        command.Parameters.AddWithValue("$stream", streamId);
        using var reader = command.ExecuteReader();
        var texts = new List<string>();
        while (reader.Read())
        {
            texts.Add(reader.GetString(0));
        }

        Assert.Equal(["2025-01-01T18:04:05.0000000Z", "2025-01-01T18:04:05.0000001Z"], texts);
    }

    [Fact]
    public async Task Given_events_in_several_streams_When_paging_the_feed_Then_pages_hold_at_most_max_items_in_global_order()
    {
        var first = ContractEvents.NewStreamId("a");
        var second = ContractEvents.NewStreamId("b");
        await Store.Events.AppendAsync(first, ExpectedVersion.NoStream, ContractEvents.Many(4, firstNumber: 1));
        await Store.Events.AppendAsync(second, ExpectedVersion.NoStream, ContractEvents.Many(3, firstNumber: 5));
        await Store.Events.AppendAsync(first, ExpectedVersion.Exactly(4), ContractEvents.Many(3, firstNumber: 8));

        var pages = new List<ChangeFeedPage>();
        string? continuation = null;
        do
        {
            var page = await Store.Events.ReadAsync(continuation, 3);
            pages.Add(page);
            continuation = page.Continuation;
        }
        while (pages[^1].Events.Count > 0);

        Assert.Equal([3, 3, 3, 1, 0], pages.Select(p => p.Events.Count));
        Assert.Equal(["3", "6", "9", "10", "10"], pages.Select(p => p.Continuation));
        Assert.Equal(Enumerable.Range(1, 10), pages.SelectMany(p => p.Events).Select(ContractEvents.NumberOf));
    }

    [Fact]
    public async Task Given_an_empty_store_When_reading_the_feed_from_the_start_Then_the_page_is_empty_and_resumable()
    {
        var empty = await Store.Events.ReadAsync(null, 10);
        await Store.Events.AppendAsync(ContractEvents.NewStreamId(), ExpectedVersion.NoStream, ContractEvents.Many(1));

        Assert.Empty(empty.Events);
        Assert.Equal("0", empty.Continuation);
        Assert.Single((await Store.Events.ReadAsync(empty.Continuation, 10)).Events);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("")]
    [InlineData("1.5")]
    public async Task Given_a_continuation_the_feed_did_not_make_Then_it_is_refused(string continuation)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.Events.ReadAsync(continuation, 10));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Given_no_room_for_items_Then_the_feed_read_is_refused(int maxItems)
    {
        await Assert.ThrowsAnyAsync<ArgumentOutOfRangeException>(() => Store.Events.ReadAsync(null, maxItems));
    }

    [Fact]
    public async Task Given_more_events_than_a_Cosmos_batch_holds_Then_the_append_is_refused_as_too_large()
    {
        var streamId = ContractEvents.NewStreamId();

        var error = await Assert.ThrowsAsync<AppendTooLargeException>(
            () => Store.Events.AppendAsync(streamId, ExpectedVersion.NoStream, ContractEvents.Many(SqliteEventStore.MaxEventsPerAppend + 1)));
        var result = await Store.Events.AppendAsync(streamId, ExpectedVersion.NoStream, ContractEvents.Many(SqliteEventStore.MaxEventsPerAppend));

        Assert.Equal(streamId, error.StreamId);
        Assert.Equal(SqliteEventStore.MaxEventsPerAppend, result.LastVersion);
    }

    [Fact]
    public async Task Given_more_event_data_than_a_Cosmos_batch_holds_Then_the_append_is_refused_as_too_large()
    {
        var streamId = ContractEvents.NewStreamId();
        var big = ContractEvents.Create(1) with { Data = JsonSerializer.SerializeToElement(new { text = new string('x', 1_100_000) }) };

        await Assert.ThrowsAsync<AppendTooLargeException>(
            () => Store.Events.AppendAsync(streamId, ExpectedVersion.NoStream, [big, big with { EventId = Guid.NewGuid() }]));

        Assert.Null(await Store.Events.ReadHeadAsync(streamId));
    }

    [Fact]
    public async Task Measure_append_and_feed_throughput()
    {
        const int writers = 20;
        const int appendsPerWriter = 25;

        var single = Stopwatch.StartNew();
        var sequentialStream = ContractEvents.NewStreamId("sequential");
        for (var version = 0; version < 500; version++)
        {
            await Store.Events.AppendAsync(sequentialStream, ExpectedVersion.Exactly(version), ContractEvents.Many(1));
        }

        single.Stop();

        var ownStreams = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            var streamId = ContractEvents.NewStreamId("own");
            for (var version = 0; version < appendsPerWriter; version++)
            {
                await Store.Events.AppendAsync(streamId, ExpectedVersion.Exactly(version), ContractEvents.Many(1));
            }
        })));
        ownStreams.Stop();

        var conflicts = 0;
        var hotStream = ContractEvents.NewStreamId("hot");
        var hot = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < appendsPerWriter; i++)
            {
                while (true)
                {
                    var head = await Store.Events.ReadHeadAsync(hotStream);
                    try
                    {
                        await Store.Events.AppendAsync(hotStream, ExpectedVersion.Exactly(head?.Version ?? 0), ContractEvents.Many(1));
                        break;
                    }
                    catch (WrongExpectedVersionException)
                    {
                        Interlocked.Increment(ref conflicts);
                    }
                }
            }
        })));
        hot.Stop();

        var feed = Stopwatch.StartNew();
        var delivered = 0;
        string? continuation = null;
        const int appended = 500 + (2 * writers * appendsPerWriter);
        while (delivered <= appended)
        {
            var page = await Store.Events.ReadAsync(continuation, 100);
            if (page.Events.Count == 0)
            {
                break;
            }

            delivered += page.Events.Count;
            continuation = page.Continuation;
        }

        feed.Stop();

        const int total = writers * appendsPerWriter;
        Assert.Equal(total, (await Store.Events.ReadHeadAsync(hotStream))?.Version);
        Assert.Equal(appended, delivered);
        output.WriteLine($"sequential, one writer: {Rate(500, single)} appends/s");
        output.WriteLine($"{writers} writers, own streams: {Rate(total, ownStreams)} appends/s");
        output.WriteLine($"{writers} writers, one stream (read head, append, retry): {Rate(total, hot)} appends/s, {conflicts} conflicts retried");
        output.WriteLine($"change feed, pages of 100: {Rate(delivered, feed)} events/s");
    }

    private static string Rate(int count, Stopwatch clock) =>
        (count / clock.Elapsed.TotalSeconds).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
