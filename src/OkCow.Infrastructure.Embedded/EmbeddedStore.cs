using Microsoft.Data.Sqlite;

namespace OkCow.Infrastructure.Embedded;

/// <summary>
/// The embedded, file-backed store for local runs and tests: one SQLite file (<see cref="DatabaseFileName"/>) in a data
/// folder holding the event store with its change feed, the documents and the change-feed checkpoints. It has the
/// Cosmos store's semantics (optimistic appends at an expected version, atomic, per-stream ordered feed).
/// </summary>
/// <remarks>
/// Thread-safe: every operation opens its own pooled connection. Several <see cref="EmbeddedStore"/> instances, even in
/// several processes, may share one folder; SQLite serialises their writers. Dispose to release the file.
/// </remarks>
public sealed class EmbeddedStore : IDisposable
{
    /// <summary>The name of the database file created in the data folder.</summary>
    public const string DatabaseFileName = "okcow.db";

    // The file's schema is BaseSchema (version 1, idempotent, run on every open) plus every migration after it, in order.
    // PRAGMA user_version records how far a file has come; opening applies the missing migrations in the transaction
    // that reads it, so two processes opening one file at once apply each once. A change to the schema is a new
    // migration at the end; never edit BaseSchema or a migration that shipped.
    private static readonly string[] Migrations =
    [
        // 2: the W3C traceparent of the span that appended each event (null for events written before).
        "ALTER TABLE events ADD COLUMN trace_parent TEXT NULL;",

        // 3: pages of a stream's state kept beside its head, written and deleted in the append's transaction.
        """
        CREATE TABLE IF NOT EXISTS pages (
            stream_id TEXT NOT NULL,
            page_id   TEXT NOT NULL,
            data      TEXT NOT NULL,
            PRIMARY KEY (stream_id, page_id)
        ) WITHOUT ROWID;
        """,

        // 4: personal data (SPEC 9): the investors' wrapped data keys, outside the event log.
        SqliteDataKeyStore.Migration,

        // 5: documents in a rowid table (insertion order) with the unique key as an index: a document written again soon
        // after it was created (a status through its saga's steps) lands on the few pages of the rows created with it,
        // not on one random page of the whole table per write, so a batch's commit writes far fewer pages.
        """
        CREATE TABLE documents_by_row (
            row       INTEGER PRIMARY KEY,
            container TEXT NOT NULL,
            pk        TEXT NOT NULL,
            id        TEXT NOT NULL,
            json      TEXT NOT NULL,
            etag      TEXT NOT NULL,
            UNIQUE (container, pk, id)
        );
        INSERT INTO documents_by_row (container, pk, id, json, etag) SELECT container, pk, id, json, etag FROM documents;
        DROP TABLE documents;
        ALTER TABLE documents_by_row RENAME TO documents;
        """,
    ];

    private static readonly int SchemaVersion = 1 + Migrations.Length;

    // Constant DDL, idempotent so that opening an existing file (or two processes opening it at once) is harmless.
    private const string BaseSchema = """
        CREATE TABLE IF NOT EXISTS events (
            position       INTEGER PRIMARY KEY AUTOINCREMENT,
            stream_id      TEXT    NOT NULL,
            version        INTEGER NOT NULL,
            event_id       TEXT    NOT NULL UNIQUE,
            type           TEXT    NOT NULL,
            data           TEXT    NOT NULL,
            timestamp      TEXT    NOT NULL,
            correlation_id TEXT    NOT NULL,
            causation_id   TEXT    NULL,
            actor          TEXT    NOT NULL,
            UNIQUE (stream_id, version)
        );
        CREATE TABLE IF NOT EXISTS heads (
            stream_id        TEXT    NOT NULL PRIMARY KEY,
            version          INTEGER NOT NULL,
            snapshot_schema  TEXT    NULL,
            snapshot_version INTEGER NULL,
            snapshot_data    TEXT    NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS checkpoints (
            consumer     TEXT NOT NULL PRIMARY KEY,
            continuation TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS documents (
            container TEXT NOT NULL,
            pk        TEXT NOT NULL,
            id        TEXT NOT NULL,
            json      TEXT NOT NULL,
            etag      TEXT NOT NULL,
            PRIMARY KEY (container, pk, id)
        ) WITHOUT ROWID;
        """;

    private readonly SqliteDatabase _database;
    private readonly SqliteWalCheckpointer _checkpointer;

    private EmbeddedStore(string dataFolder, string databasePath, SqliteDatabase database, TimeSpan walCheckpointInterval)
    {
        DataFolder = dataFolder;
        DatabasePath = databasePath;
        _database = database;
        Events = new SqliteEventStore(database);
        Documents = new SqliteDocumentStore(database);
        Checkpoints = new SqliteCheckpointStore(database);
        DataKeys = new SqliteDataKeyStore(database);
        Scrubber = new SqliteScrubber(database);
        _checkpointer = new SqliteWalCheckpointer(database, walCheckpointInterval);
    }

    /// <summary>The full path of the data folder.</summary>
    public string DataFolder { get; }

    /// <summary>The full path of the SQLite file.</summary>
    public string DatabasePath { get; }

    /// <summary>The event store; also the change feed (<see cref="OkCow.Application.EventStore.IChangeFeed"/>).</summary>
    public SqliteEventStore Events { get; }

    /// <summary>The document store (read models, idempotency records, the parking lot).</summary>
    public SqliteDocumentStore Documents { get; }

    /// <summary>Durable change-feed checkpoints.</summary>
    public SqliteCheckpointStore Checkpoints { get; }

    /// <summary>The investors' wrapped data keys (personal data, SPEC 9), in their own table.</summary>
    public SqliteDataKeyStore DataKeys { get; }

    /// <summary>Empties the write-ahead log after an erasure, so the files no longer hold what was erased.</summary>
    public SqliteScrubber Scrubber { get; }

    internal string ConnectionString => _database.ConnectionString;

    internal SqliteWalCheckpointer WalCheckpointer => _checkpointer;

    /// <summary>
    /// Opens the store in <paramref name="dataFolder"/>, creating the folder, the file and the schema when missing.
    /// Throws <see cref="InvalidOperationException"/> with the path when the folder cannot be created or written.
    /// </summary>
    public static EmbeddedStore Open(string dataFolder) => Open(dataFolder, SqliteWalCheckpointer.DefaultInterval);

    /// <summary>As <see cref="Open(string)"/>, with the write-ahead log checkpointed every <paramref name="walCheckpointInterval"/> (infinite: only when asked).</summary>
    internal static EmbeddedStore Open(string dataFolder, TimeSpan walCheckpointInterval)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);
        var folder = Path.GetFullPath(dataFolder);
        var path = Path.Combine(folder, DatabaseFileName);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        var database = new SqliteDatabase(connectionString);
        try
        {
            Directory.CreateDirectory(folder);
            CreateSchema(database, path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or SqliteException)
        {
            database.ClearPool();

            // Rethrown as one exception type whose message names the folder: the causes differ by platform (a
            // missing permission, a path through a file, a read-only volume) but the fix is always another folder.
            throw new InvalidOperationException(
                $"The embedded store cannot use the data folder '{folder}': it must exist or be creatable, and be writable, "
                + $"so that '{DatabaseFileName}' can be created and written there. Choose another folder or fix its permissions. "
                + $"Cause: {exception.Message}",
                exception);
        }
        catch
        {
            database.ClearPool();
            throw;
        }

        return new EmbeddedStore(folder, path, database, walCheckpointInterval);
    }

    public void Dispose()
    {
        _checkpointer.Dispose();
        Events.Dispose();
        _database.ClearPool();
    }

    private static void CreateSchema(SqliteDatabase database, string path)
    {
        using var connection = database.Open();

        // WAL is a property of the file: readers never block the writer, and a reader sees a consistent snapshot.
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        // BEGIN IMMEDIATE takes the write lock at once, so a read-only file fails here rather than on the first append.
        using var transaction = connection.BeginTransaction(deferred: false);
        long existing;
        using (var version = connection.CreateCommand())
        {
            version.Transaction = transaction;
            version.CommandText = "PRAGMA user_version;";
            existing = Convert.ToInt64(version.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            if (existing > SchemaVersion)
            {
                throw new InvalidOperationException(
                    $"'{path}' has schema version {existing}, newer than this build understands ({SchemaVersion}). Use a newer build or another data folder.");
            }
        }

        foreach (var step in (string[])[BaseSchema, .. Migrations[(int)Math.Max(0, existing - 1)..]])
        {
            using var schema = connection.CreateCommand();
            schema.Transaction = transaction;
            schema.CommandText = step;
            schema.ExecuteNonQuery();
        }

        using (var record = connection.CreateCommand())
        {
            record.Transaction = transaction;
            record.CommandText = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PRAGMA user_version = {SchemaVersion};");
            record.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
