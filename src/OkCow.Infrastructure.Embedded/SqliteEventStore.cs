using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using OkCow.Application.EventStore;

namespace OkCow.Infrastructure.Embedded;

/// <summary>
/// The event store and its change feed over the embedded SQLite file. An append is one <c>BEGIN IMMEDIATE</c>
/// transaction that checks the head's version, inserts the events and updates the head, so it is all or nothing and
/// two writers at the same expected version never both succeed. The change feed reads events in global position order.
/// </summary>
public sealed class SqliteEventStore : IEventStore, IChangeFeed, IChangeFeedBacklog
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

    private const int SqliteConstraint = 19;

    private readonly SqliteDatabase _database;

    internal SqliteEventStore(SqliteDatabase database) => _database = database;

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

    private async Task<AppendResult> AppendCoreAsync(
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

        var firstVersion = expected.Value + 1;
        var lastVersion = expected.Value + events.Count;
        if (snapshot is not null && snapshot.Version != lastVersion)
        {
            throw new ArgumentException(
                $"The snapshot is at version {snapshot.Version} but the append leaves stream '{streamId}' at {lastVersion}.",
                nameof(snapshot));
        }

        EnsureFitsOneBatch(streamId, events, pages);

        await using var connection = await _database.OpenAsync(cancellationToken);

        // SQLite has one writer at a time; taking the write lock before reading the head makes check-then-write atomic
        // and means positions are assigned and committed in the same order, which the change feed relies on.
        await using var transaction = connection.BeginTransaction(deferred: false);

        var actual = await ReadVersionAsync(connection, transaction, streamId, cancellationToken);
        if (actual != expected.Value)
        {
            throw new WrongExpectedVersionException(streamId, expected, actual);
        }

        await InsertEventsAsync(connection, transaction, streamId, firstVersion, events, cancellationToken);
        await UpsertHeadAsync(connection, transaction, streamId, lastVersion, snapshot, cancellationToken);
        await WritePagesAsync(connection, transaction, streamId, pages, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AppendResult(streamId, firstVersion, lastVersion);
    }

    public async Task<StreamHead?> ReadHeadAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT version, snapshot_version, snapshot_schema, snapshot_data FROM heads WHERE stream_id = $stream;";
        command.Parameters.AddWithValue("$stream", streamId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var snapshot = reader.IsDBNull(1)
            ? null
            : new Snapshot(reader.GetInt64(1), reader.GetString(2), SqliteText.ParseJson(reader.GetString(3)));
        return new StreamHead(streamId, reader.GetInt64(0), snapshot);
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
    public async Task<ChangeFeedPage> ReadAsync(string? continuation, int maxItems, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxItems);
        var after = ParseContinuation(continuation);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectEvent + "WHERE position > $after ORDER BY position LIMIT $max;";
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$max", maxItems);
        var (events, lastPosition) = await ReadEventsAsync(command, cancellationToken);
        return new ChangeFeedPage(events, SqliteText.Position(lastPosition ?? after));
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

    private static void EnsureFitsOneBatch(string streamId, IReadOnlyList<NewEvent> events, IReadOnlyList<PageWrite> pages)
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
    }

    private static async Task<long> ReadVersionAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string streamId,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version FROM heads WHERE stream_id = $stream;";
        command.Parameters.AddWithValue("$stream", streamId);
        var version = await command.ExecuteScalarAsync(cancellationToken);
        return version is long value ? value : ExpectedVersion.NoStream.Value;
    }

    private static async Task InsertEventsAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string streamId,
        long firstVersion,
        IReadOnlyList<NewEvent> events,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO events (stream_id, version, event_id, type, data, timestamp, correlation_id, causation_id, actor, trace_parent)
            VALUES ($stream, $version, $eventId, $type, $data, $timestamp, $correlationId, $causationId, $actor, $traceParent);
            """;
        command.Parameters.AddWithValue("$stream", streamId);
        var version = command.Parameters.Add("$version", SqliteType.Integer);
        var eventId = command.Parameters.Add("$eventId", SqliteType.Text);
        var type = command.Parameters.Add("$type", SqliteType.Text);
        var data = command.Parameters.Add("$data", SqliteType.Text);
        var timestamp = command.Parameters.Add("$timestamp", SqliteType.Text);
        var correlationId = command.Parameters.Add("$correlationId", SqliteType.Text);
        var causationId = command.Parameters.Add("$causationId", SqliteType.Text);
        var actor = command.Parameters.Add("$actor", SqliteType.Text);
        var traceParent = command.Parameters.Add("$traceParent", SqliteType.Text);

        for (var i = 0; i < events.Count; i++)
        {
            var newEvent = events[i];
            version.Value = firstVersion + i;
            eventId.Value = SqliteText.EventId(newEvent.EventId);
            type.Value = newEvent.Type;
            data.Value = newEvent.Data.GetRawText();
            timestamp.Value = SqliteText.Timestamp(newEvent.Timestamp);
            correlationId.Value = newEvent.Metadata.CorrelationId;
            causationId.Value = (object?)newEvent.Metadata.CausationId ?? DBNull.Value;
            actor.Value = newEvent.Metadata.Actor;
            traceParent.Value = (object?)newEvent.Metadata.TraceParent ?? DBNull.Value;
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (SqliteException exception) when (exception.SqliteErrorCode == SqliteConstraint)
            {
                // The head check holds the write lock, so (stream, version) is free: the clash is the event id. The
                // transaction is disposed uncommitted, so the events inserted before this one are rolled back.
                throw new DuplicateEventException(streamId, newEvent.EventId, exception);
            }
        }
    }

    private static async Task WritePagesAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string streamId,
        IReadOnlyList<PageWrite> pages,
        CancellationToken cancellationToken)
    {
        foreach (var page in pages)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = page.Data is null
                ? "DELETE FROM pages WHERE stream_id = $stream AND page_id = $page;"
                : """
                  INSERT INTO pages (stream_id, page_id, data) VALUES ($stream, $page, $data)
                  ON CONFLICT (stream_id, page_id) DO UPDATE SET data = excluded.data;
                  """;
            command.Parameters.AddWithValue("$stream", streamId);
            command.Parameters.AddWithValue("$page", page.PageId);
            if (page.Data is { } data)
            {
                command.Parameters.AddWithValue("$data", data.GetRawText());
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task UpsertHeadAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string streamId,
        long version,
        Snapshot? snapshot,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;

        // Without a new snapshot the head keeps the previous one: loading folds the events after it.
        command.CommandText = """
            INSERT INTO heads (stream_id, version, snapshot_schema, snapshot_version, snapshot_data)
            VALUES ($stream, $version, $schema, $snapshotVersion, $snapshotData)
            ON CONFLICT (stream_id) DO UPDATE SET
                version = excluded.version,
                snapshot_schema = coalesce(excluded.snapshot_schema, heads.snapshot_schema),
                snapshot_version = coalesce(excluded.snapshot_version, heads.snapshot_version),
                snapshot_data = coalesce(excluded.snapshot_data, heads.snapshot_data);
            """;
        command.Parameters.AddWithValue("$stream", streamId);
        command.Parameters.AddWithValue("$version", version);
        command.Parameters.AddWithValue("$schema", (object?)snapshot?.Schema ?? DBNull.Value);
        command.Parameters.AddWithValue("$snapshotVersion", (object?)snapshot?.Version ?? DBNull.Value);
        command.Parameters.AddWithValue("$snapshotData", (object?)snapshot?.Data.GetRawText() ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
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
            events.Add(new StoredEvent(
                reader.GetString(1),
                reader.GetInt64(2),
                Guid.ParseExact(reader.GetString(3), "D"),
                reader.GetString(4),
                SqliteText.ParseJson(reader.GetString(5)),
                SqliteText.ParseTimestamp(reader.GetString(6)),
                new EventMetadata(reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10))));
        }

        return (events, lastPosition);
    }
}
