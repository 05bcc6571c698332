using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using OkCow.Application.EventStore;

namespace OkCow.Infrastructure.Embedded;

/// <summary>One append as the event store validated it: <paramref name="Bytes"/> is its event and page data.</summary>
internal sealed record AppendRequest(
    string StreamId,
    ExpectedVersion Expected,
    IReadOnlyList<NewEvent> Events,
    Snapshot? Snapshot,
    IReadOnlyList<PageWrite> Pages,
    long Bytes);

/// <summary>
/// Group commit of the event store's appends. Every append is queued; the thread that finds no group being written
/// becomes the writer and commits what is queued, up to <see cref="MaxGroupAppends"/> appends, in one
/// <c>BEGIN IMMEDIATE</c> transaction on one connection that keeps its statements prepared. Each append runs inside its
/// own <c>SAVEPOINT</c>: a wrong expected version or a repeated event id rolls back that append alone and fails only its
/// caller, while the others in the group commit. Appends queued while a group commits form the next group, so under
/// concurrency one commit serves many appends, and an append on an idle store is written at once on its caller's thread.
/// Positions are assigned inside the single write transaction, so they are committed in position order as before.
/// </summary>
internal sealed class SqliteAppendWriter(SqliteDatabase database) : IDisposable
{
    /// <summary>The most appends one group commits; the rest wait for the next group.</summary>
    public const int MaxGroupAppends = 64;

    /// <summary>A group stops taking appends once it holds this much event and page data (one append may exceed it alone).</summary>
    private const long MaxGroupBytes = 4 * 1024 * 1024;

    private const int SqliteConstraint = 19;

    private readonly ConcurrentQueue<PendingAppend> _queue = new();
    private TaskCompletionSource _appended = NewSignal();
    private WriterConnection? _connection;

    // 1 while a thread writes the queue; only that thread touches _connection.
    private int _writing;
    private long _groups;

    /// <summary>Completes when the next group with at least one append is committed (by this process).</summary>
    public Task NextAppend => Volatile.Read(ref _appended).Task;

    /// <summary>True while a thread is writing groups (for tests that need appends to queue behind a group).</summary>
    internal bool Writing => Volatile.Read(ref _writing) == 1;

    /// <summary>How many group transactions have been committed (for tests).</summary>
    internal long GroupsCommitted => Interlocked.Read(ref _groups);

    public Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        var pending = new PendingAppend(request, cancellationToken);
        _queue.Enqueue(pending);
        if (TryStartWriting())
        {
            WriteQueue(pending);
        }

        return pending.Task;
    }

    /// <summary>Closes the writer's connection (the next append opens another), after the group being written, if any.</summary>
    public void Dispose()
    {
        var spin = default(SpinWait);
        while (!TryStartWriting())
        {
            spin.SpinOnce();
        }

        CloseConnection();
        StopWriting();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private bool TryStartWriting() => Interlocked.CompareExchange(ref _writing, 1, 0) == 0;

    /// <summary>Writes groups until the queue is empty, or until <paramref name="own"/> is written and a pool thread can take over.</summary>
    private void WriteQueue(PendingAppend? own)
    {
        while (!_queue.IsEmpty)
        {
            if (own is { Task.IsCompleted: true })
            {
                // The caller's own append is written: it goes on at once, and a pool thread writes the groups queued since.
                ThreadPool.UnsafeQueueUserWorkItem(static writer => writer.WriteQueue(null), this, preferLocal: false);
                return;
            }

            CommitGroup();
        }

        StopWriting();
    }

    private void StopWriting()
    {
        Volatile.Write(ref _writing, 0);

        // An append queued after the writer's last look at the queue, but before it let go, saw the writer still busy
        // and left itself to it: write it now.
        if (!_queue.IsEmpty && TryStartWriting())
        {
            WriteQueue(null);
        }
    }

    private void CommitGroup()
    {
        var group = TakeGroup();
        if (group.Count == 0)
        {
            return;
        }

        var outcomes = new (AppendResult? Result, Exception? Error)[group.Count];
        try
        {
            var connection = _connection ??= WriterConnection.Open(database);
            connection.Begin();
            for (var i = 0; i < group.Count; i++)
            {
                try
                {
                    outcomes[i] = (connection.Write(group[i].Request), null);
                }
                catch (Exception error) when (error is WrongExpectedVersionException or DuplicateEventException or SqliteException)
                {
                    // Rolled back to the append's savepoint: the group goes on without it.
                    outcomes[i] = (null, error);
                }
            }

            connection.Commit();
            Interlocked.Increment(ref _groups);
        }
        catch (Exception error)
        {
            // The group's transaction itself failed (the write lock not had within the busy timeout, a full disk): none
            // of its appends was written, so each fails with the cause; the next group opens a fresh connection.
            CloseConnection();
            foreach (var pending in group)
            {
                pending.TrySetException(error);
            }

            return;
        }

        var written = false;
        for (var i = 0; i < group.Count; i++)
        {
            if (outcomes[i].Result is { } result)
            {
                written = true;
                group[i].TrySetResult(result);
            }
            else
            {
                group[i].TrySetException(outcomes[i].Error!);
            }
        }

        if (written)
        {
            Interlocked.Exchange(ref _appended, NewSignal()).TrySetResult();
        }
    }

    private List<PendingAppend> TakeGroup()
    {
        var group = new List<PendingAppend>();
        var bytes = 0L;
        while (group.Count < MaxGroupAppends && bytes < MaxGroupBytes && _queue.TryDequeue(out var pending))
        {
            if (pending.CancellationToken.IsCancellationRequested)
            {
                pending.TrySetCanceled(pending.CancellationToken);
                continue;
            }

            group.Add(pending);
            bytes += pending.Request.Bytes;
        }

        return group;
    }

    private void CloseConnection()
    {
        _connection?.Dispose();
        _connection = null;
    }

    private sealed class PendingAppend(AppendRequest request, CancellationToken cancellationToken)
        : TaskCompletionSource<AppendResult>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public AppendRequest Request { get; } = request;

        public CancellationToken CancellationToken { get; } = cancellationToken;
    }

    /// <summary>The writer's own connection (not pooled, so closing it ends any transaction) and its prepared statements.</summary>
    private sealed class WriterConnection : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _begin;
        private readonly SqliteCommand _commit;
        private readonly SqliteCommand _savepoint;
        private readonly SqliteCommand _release;
        private readonly SqliteCommand _rollbackTo;
        private readonly SqliteCommand _version;
        private readonly SqliteCommand _insert;
        private readonly SqliteCommand _head;
        private readonly SqliteCommand _upsertPage;
        private readonly SqliteCommand _deletePage;

        private WriterConnection(SqliteConnection connection)
        {
            _connection = connection;
            _begin = Prepare("BEGIN IMMEDIATE;");
            _commit = Prepare("COMMIT;");
            _savepoint = Prepare("SAVEPOINT append;");
            _release = Prepare("RELEASE append;");
            _rollbackTo = Prepare("ROLLBACK TO append;");
            _version = Prepare("SELECT version FROM heads WHERE stream_id = $stream;", "$stream");
            _insert = Prepare(
                """
                INSERT INTO events (stream_id, version, event_id, type, data, timestamp, correlation_id, causation_id, actor, trace_parent)
                VALUES ($stream, $version, $eventId, $type, $data, $timestamp, $correlationId, $causationId, $actor, $traceParent);
                """,
                "$stream", "$version", "$eventId", "$type", "$data", "$timestamp", "$correlationId", "$causationId", "$actor", "$traceParent");

            // Without a new snapshot the head keeps the previous one: loading folds the events after it.
            _head = Prepare(
                """
                INSERT INTO heads (stream_id, version, snapshot_schema, snapshot_version, snapshot_data)
                VALUES ($stream, $version, $schema, $snapshotVersion, $snapshotData)
                ON CONFLICT (stream_id) DO UPDATE SET
                    version = excluded.version,
                    snapshot_schema = coalesce(excluded.snapshot_schema, heads.snapshot_schema),
                    snapshot_version = coalesce(excluded.snapshot_version, heads.snapshot_version),
                    snapshot_data = coalesce(excluded.snapshot_data, heads.snapshot_data);
                """,
                "$stream", "$version", "$schema", "$snapshotVersion", "$snapshotData");
            _upsertPage = Prepare(
                """
                INSERT INTO pages (stream_id, page_id, data) VALUES ($stream, $page, $data)
                ON CONFLICT (stream_id, page_id) DO UPDATE SET data = excluded.data;
                """,
                "$stream", "$page", "$data");
            _deletePage = Prepare("DELETE FROM pages WHERE stream_id = $stream AND page_id = $page;", "$stream", "$page");
        }

        public static WriterConnection Open(SqliteDatabase database)
        {
            var connection = database.OpenUnpooled();
            try
            {
                return new WriterConnection(connection);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public void Begin() => _begin.ExecuteNonQuery();

        public void Commit() => _commit.ExecuteNonQuery();

        /// <summary>Writes one append inside its own savepoint; on any failure the savepoint is rolled back and the error rethrown.</summary>
        public AppendResult Write(AppendRequest request)
        {
            _savepoint.ExecuteNonQuery();
            try
            {
                var result = WriteAppend(request);
                _release.ExecuteNonQuery();
                return result;
            }
            catch (Exception error)
            {
                try
                {
                    _rollbackTo.ExecuteNonQuery();
                    _release.ExecuteNonQuery();
                }
                catch (SqliteException rollback)
                {
                    throw new InvalidOperationException("An append failed and its savepoint could not be rolled back; the group is abandoned.", new AggregateException(error, rollback));
                }

                throw;
            }
        }

        public void Dispose()
        {
            foreach (var command in new[] { _begin, _commit, _savepoint, _release, _rollbackTo, _version, _insert, _head, _upsertPage, _deletePage })
            {
                command.Dispose();
            }

            _connection.Dispose();
        }

        private AppendResult WriteAppend(AppendRequest request)
        {
            var streamId = request.StreamId;
            _version.Parameters[0].Value = streamId;
            var actual = _version.ExecuteScalar() is long version ? version : ExpectedVersion.NoStream.Value;
            if (actual != request.Expected.Value)
            {
                throw new WrongExpectedVersionException(streamId, request.Expected, actual);
            }

            var firstVersion = request.Expected.Value + 1;
            var lastVersion = request.Expected.Value + request.Events.Count;
            InsertEvents(streamId, firstVersion, request.Events);
            WriteHead(streamId, lastVersion, request.Snapshot);
            foreach (var page in request.Pages)
            {
                var command = page.Data is null ? _deletePage : _upsertPage;
                command.Parameters[0].Value = streamId;
                command.Parameters[1].Value = page.PageId;
                if (page.Data is { } data)
                {
                    command.Parameters[2].Value = data.GetRawText();
                }

                command.ExecuteNonQuery();
            }

            return new AppendResult(streamId, firstVersion, lastVersion);
        }

        private void InsertEvents(string streamId, long firstVersion, IReadOnlyList<NewEvent> events)
        {
            var parameters = _insert.Parameters;
            parameters[0].Value = streamId;
            for (var i = 0; i < events.Count; i++)
            {
                var newEvent = events[i];
                parameters[1].Value = firstVersion + i;
                parameters[2].Value = SqliteText.EventId(newEvent.EventId);
                parameters[3].Value = newEvent.Type;
                parameters[4].Value = newEvent.Data.GetRawText();
                parameters[5].Value = SqliteText.Timestamp(newEvent.Timestamp);
                parameters[6].Value = newEvent.Metadata.CorrelationId;
                parameters[7].Value = (object?)newEvent.Metadata.CausationId ?? DBNull.Value;
                parameters[8].Value = newEvent.Metadata.Actor;
                parameters[9].Value = (object?)newEvent.Metadata.TraceParent ?? DBNull.Value;
                try
                {
                    _insert.ExecuteNonQuery();
                }
                catch (SqliteException exception) when (exception.SqliteErrorCode == SqliteConstraint)
                {
                    // The head check holds the write lock, so (stream, version) is free: the clash is the event id. The
                    // savepoint is rolled back, so the events inserted before this one go with it.
                    throw new DuplicateEventException(streamId, newEvent.EventId, exception);
                }
            }
        }

        private void WriteHead(string streamId, long version, Snapshot? snapshot)
        {
            var parameters = _head.Parameters;
            parameters[0].Value = streamId;
            parameters[1].Value = version;
            parameters[2].Value = (object?)snapshot?.Schema ?? DBNull.Value;
            parameters[3].Value = (object?)snapshot?.Version ?? DBNull.Value;
            parameters[4].Value = (object?)snapshot?.Data.GetRawText() ?? DBNull.Value;
            _head.ExecuteNonQuery();
        }

        private SqliteCommand Prepare(string sql, params string[] parameters)
        {
            var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
            }

            command.Prepare();
            return command;
        }
    }
}
