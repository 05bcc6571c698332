using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using OkCow.Application.EventStore;

namespace OkCow.Infrastructure.Embedded;

/// <summary>
/// The event store and its change feed over the embedded SQLite file. An append checks the head's version, inserts the
/// events and updates the head inside its own savepoint of a <c>BEGIN IMMEDIATE</c> transaction, so it is all or
/// nothing and two writers at the same expected version never both succeed; concurrent appends share one transaction
/// (group commit, see <see cref="SqliteAppendWriter"/>). The change feed reads events in global position order, and
/// <see cref="NextAppend"/> tells consumers in this process when there is something new to read.
/// </summary>
public sealed class SqliteEventStore : IEventStore, IChangeFeed, IChangeFeedBacklog, IChangeFeedSignal, IDisposable
{
    /// <summary>
    /// The most events one append may carry: a Cosmos TransactionalBatch holds 100 operations, one of them the head,
    /// and the embedded store refuses what Cosmos would refuse so that local runs do not hide the limit.
    /// </summary>
    public const int MaxEventsPerAppend = 99;

    /// <summary>The largest total of event data one append may carry (a Cosmos batch request is limited to 2 MB).</summary>
    public const int MaxAppendDataBytes = 2 * 1024 * 1024;

    private const string SelectEvent =
        "SELECT position, stream_id, version, event_id, type, data, timestamp, correlation_id, causation_id, actor, trace_parent FROM events ";

    private readonly SqliteDatabase _database;
    private readonly SqliteAppendWriter _writer;
    private readonly ConcurrentBag<ReaderConnection> _readers = [];
    private volatile bool _closing;

    internal SqliteEventStore(SqliteDatabase database)
    {
        _database = database;
        _writer = new SqliteAppendWriter(database);
    }

    /// <inheritdoc />
    public Task NextAppend => _writer.NextAppend;

    internal SqliteAppendWriter Writer => _writer;

    public Task<AppendResult> AppendAsync(
        string streamId,
        ExpectedVersion expected,
        IReadOnlyList<NewEvent> events,
        Snapshot? snapshot = null,
        CancellationToken cancellationToken = default) =>
        AppendCoreAsync(streamId, expected, events, snapshot, [], cancellationToken);

    public Task<AppendResult> AppendWithPagesAsync(
        string streamId,
        ExpectedVersion expected,
        IReadOnlyList<NewEvent> events,
        Snapshot snapshot,
        IReadOnlyList<PageWrite> pages,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(pages);
        return AppendCoreAsync(streamId, expected, events, snapshot, pages, cancellationToken);
    }

    public async Task<IReadOnlyList<StreamPage>> ReadPagesAsync(
        string streamId,
        IReadOnlyCollection<string> pageIds,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentNullException.ThrowIfNull(pageIds);
        var pages = new List<StreamPage>(pageIds.Count);
        if (pageIds.Count == 0)
        {
            return pages;
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM pages WHERE stream_id = $stream AND page_id = $page;";
        command.Parameters.AddWithValue("$stream", streamId);
        var page = command.Parameters.Add("$page", SqliteType.Text);
        foreach (var pageId in pageIds)
        {
            page.Value = pageId;
            if (await command.ExecuteScalarAsync(cancellationToken) is string data)
            {
                pages.Add(new StreamPage(pageId, SqliteText.ParseJson(data)));
            }
        }

        return pages;
    }

    private Task<AppendResult> AppendCoreAsync(
        string streamId,
        ExpectedVersion expected,
        IReadOnlyList<NewEvent> events,
        Snapshot? snapshot,
        IReadOnlyList<PageWrite> pages,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfNegative(expected.Value, nameof(expected));
        if (events.Count == 0)
        {
            throw new ArgumentException("An append needs at least one event.", nameof(events));
        }

        var lastVersion = expected.Value + events.Count;
        if (snapshot is not null && snapshot.Version != lastVersion)
        {
            throw new ArgumentException(
                $"The snapshot is at version {snapshot.Version} but the append leaves stream '{streamId}' at {lastVersion}.",
                nameof(snapshot));
        }

        var bytes = EnsureFitsOneBatch(streamId, events, pages);
        cancellationToken.ThrowIfCancellationRequested();
        return _writer.AppendAsync(new AppendRequest(streamId, expected, events, snapshot, pages, bytes), cancellationToken);
    }

    /// <summary>Closes the connections the store keeps open (the writer's and the readers'); the store opens new ones if used again.</summary>
    public void Dispose()
    {
        _closing = true;
        _writer.Dispose();
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }

        _closing = false;
    }

    public Task<StreamHead?> ReadHeadAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(reader => reader.ReadHead(streamId)));
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(
        string streamId,
        StreamReadOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentNullException.ThrowIfNull(options);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectEvent + """
            WHERE stream_id = $stream
              AND version >= $from
              AND ($to IS NULL OR version <= $to)
              AND ($until IS NULL OR timestamp <= $until)
            ORDER BY version;
            """;
        command.Parameters.AddWithValue("$stream", streamId);
        command.Parameters.AddWithValue("$from", options.FromVersion);
        command.Parameters.AddWithValue("$to", (object?)options.ToVersion ?? DBNull.Value);
        command.Parameters.AddWithValue("$until", (object?)(options.Until is { } until ? SqliteText.Timestamp(until) : null) ?? DBNull.Value);
        var (events, _) = await ReadEventsAsync(command, cancellationToken);
        return events;
    }

    /// <summary>How many events follow <paramref name="continuation"/> and when the first of them was appended.</summary>
    public async Task<(long Events, DateTimeOffset? Oldest)> BacklogAsync(string? continuation, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COUNT(*), (SELECT timestamp FROM events WHERE position > $after ORDER BY position LIMIT 1)
            FROM events WHERE position > $after;
            """;
        command.Parameters.AddWithValue("$after", ParseContinuation(continuation));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : SqliteText.ParseTimestamp(reader.GetString(1)));
    }

    /// <summary>
    /// Events after <paramref name="continuation"/> in global position order (so each stream in version order). The
    /// continuation is the last returned event's position; an empty page returns the one it was given.
    /// </summary>
    public Task<ChangeFeedPage> ReadAsync(string? continuation, int maxItems, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxItems);
        var after = ParseContinuation(continuation);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(reader => reader.ReadFeed(after, maxItems)));
    }

    /// <summary>Runs <paramref name="read"/> on a reader connection of the store's own small pool (its statements stay prepared).</summary>
    private T Read<T>(Func<ReaderConnection, T> read)
    {
        if (!_readers.TryTake(out var reader))
        {
            reader = ReaderConnection.Open(_database);
        }

        try
        {
            var result = read(reader);
            if (_closing)
            {
                reader.Dispose();
            }
            else
            {
                _readers.Add(reader);
            }

            return result;
        }
        catch
        {
            // The connection may be what failed: the next read opens a fresh one.
            reader.Dispose();
            throw;
        }
    }

    private static long ParseContinuation(string? continuation)
    {
        if (continuation is null)
        {
            return 0;
        }

        return long.TryParse(continuation, NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            ? position
            : throw new ArgumentException($"'{continuation}' is not a continuation of the embedded change feed.", nameof(continuation));
    }

    private static long EnsureFitsOneBatch(string streamId, IReadOnlyList<NewEvent> events, IReadOnlyList<PageWrite> pages)
    {
        // As on Cosmos DB: the head, every event, every page and a saga step's marker are one operation each.
        var operations = events.Count + pages.Count + (events.Any(e => e?.IsStepKey == true) ? 1 : 0);
        if (operations > MaxEventsPerAppend)
        {
            throw new AppendTooLargeException(
                streamId,
                $"{events.Count} events and {pages.Count} pages, at most {MaxEventsPerAppend} operations beside the head fit in one transaction.");
        }

        var bytes = 0L;
        foreach (var newEvent in events)
        {
            ArgumentNullException.ThrowIfNull(newEvent);
            bytes += Encoding.UTF8.GetByteCount(newEvent.Data.GetRawText());
        }

        foreach (var page in pages)
        {
            bytes += page.Data is { } data ? Encoding.UTF8.GetByteCount(data.GetRawText()) : 0;
        }

        if (bytes > MaxAppendDataBytes)
        {
            throw new AppendTooLargeException(streamId, $"{bytes} bytes of event data, at most {MaxAppendDataBytes} fit in one transaction.");
        }

        return bytes;
    }

    private static async Task<(IReadOnlyList<StoredEvent> Events, long? LastPosition)> ReadEventsAsync(
        SqliteCommand command,
        CancellationToken cancellationToken)
    {
        var events = new List<StoredEvent>();
        long? lastPosition = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lastPosition = reader.GetInt64(0);
            events.Add(ToStoredEvent(reader));
        }

        return (events, lastPosition);
    }

    /// <summary>One row of <see cref="SelectEvent"/>; the data is read as its UTF-8 bytes and parsed from them.</summary>
    private static StoredEvent ToStoredEvent(SqliteDataReader reader) => new(
        reader.GetString(1),
        reader.GetInt64(2),
        Guid.ParseExact(reader.GetString(3), "D"),
        reader.GetString(4),
        SqliteText.ParseJson(reader.GetFieldValue<byte[]>(5)),
        SqliteText.ParseTimestamp(reader.GetString(6)),
        new EventMetadata(reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10)));

    /// <summary>A reader's own connection with the feed's and the head's statements prepared once.</summary>
    private sealed class ReaderConnection : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _feed;
        private readonly SqliteCommand _head;

        private ReaderConnection(SqliteConnection connection)
        {
            _connection = connection;
            _feed = connection.CreateCommand();
            _feed.CommandText = SelectEvent + "WHERE position > $after ORDER BY position LIMIT $max;";
            _feed.Parameters.Add(new SqliteParameter("$after", 0L));
            _feed.Parameters.Add(new SqliteParameter("$max", 1));
            _feed.Prepare();
            _head = connection.CreateCommand();
            _head.CommandText = "SELECT version, snapshot_version, snapshot_schema, snapshot_data FROM heads WHERE stream_id = $stream;";
            _head.Parameters.Add(new SqliteParameter("$stream", string.Empty));
            _head.Prepare();
        }

        public static ReaderConnection Open(SqliteDatabase database)
        {
            var connection = database.OpenUnpooled();
            try
            {
                return new ReaderConnection(connection);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public ChangeFeedPage ReadFeed(long after, int maxItems)
        {
            _feed.Parameters[0].Value = after;
            _feed.Parameters[1].Value = maxItems;
            var events = new List<StoredEvent>(Math.Min(maxItems, 1000));
            var last = after;
            using var reader = _feed.ExecuteReader();
            while (reader.Read())
            {
                last = reader.GetInt64(0);
                events.Add(ToStoredEvent(reader));
            }

            return new ChangeFeedPage(events, SqliteText.Position(last));
        }

        public StreamHead? ReadHead(string streamId)
        {
            _head.Parameters[0].Value = streamId;
            using var reader = _head.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            var snapshot = reader.IsDBNull(1)
                ? null
                : new Snapshot(reader.GetInt64(1), reader.GetString(2), SqliteText.ParseJson(reader.GetFieldValue<byte[]>(3)));
            return new StreamHead(streamId, reader.GetInt64(0), snapshot);
        }

        public void Dispose()
        {
            _feed.Dispose();
            _head.Dispose();
            _connection.Dispose();
        }
    }
}
