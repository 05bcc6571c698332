using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using OkCow.Application.EventStore;
using OkCow.Infrastructure.Embedded;

namespace OkCow.Bench;

/// <summary>
/// <c>appendRatio</c>: single-event appends through the embedded event store against raw single-row inserts of the same
/// payload into a plain table (no unique index, no head row) at the same durability (WAL, synchronous=NORMAL, one
/// autocommit transaction per row), both from <see cref="Writers"/> concurrent writers. Neither checkpoints on commit;
/// the store's timer checkpoints its log meanwhile, the raw table's is never checkpointed during the run.
/// </summary>
public class AppendBenchmarks
{
    public const int Writers = 8;
    public const int PerWriter = 250;
    private const int StreamsPerWriter = 16;

    private TempFolder _folder = null!;
    private EmbeddedStore _store = null!;
    private Guid[][] _streams = null!;
    private long[][] _versions = null!;
    private long[][] _storeVersions = null!;
    private SqliteConnection[] _raw = null!;
    private SqliteCommand[] _inserts = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = new TempFolder();
        _store = EmbeddedStore.Open(Path.Combine(_folder.Path, "store"));
        _streams = [.. Enumerable.Range(0, Writers).Select(_ => Enumerable.Range(0, StreamsPerWriter).Select(_ => Guid.NewGuid()).ToArray())];
        _versions = [.. Enumerable.Range(0, Writers).Select(_ => new long[StreamsPerWriter])];
        _storeVersions = [.. Enumerable.Range(0, Writers).Select(_ => new long[StreamsPerWriter])];

        var rawPath = Path.Combine(_folder.Path, "raw.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = rawPath, Pooling = false }.ToString();
        using (var create = new SqliteConnection(connectionString))
        {
            create.Open();
            Execute(create, "PRAGMA journal_mode = WAL;");
            Execute(create, """
                CREATE TABLE raw (
                    position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, version INTEGER NOT NULL,
                    event_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, timestamp TEXT NOT NULL,
                    correlation_id TEXT NOT NULL, causation_id TEXT NULL, actor TEXT NOT NULL, trace_parent TEXT NULL);
                """);
        }

        _raw = new SqliteConnection[Writers];
        _inserts = new SqliteCommand[Writers];
        for (var writer = 0; writer < Writers; writer++)
        {
            var connection = new SqliteConnection(connectionString);
            connection.Open();
            // No automatic checkpoints, as on the store's connections; the raw table gets no checkpointer either, so the
            // baseline does strictly less work than the store (its log is only folded in when the benchmark closes it).
            Execute(connection, "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0;");
            var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO raw (stream_id, version, event_id, type, data, timestamp, correlation_id, causation_id, actor, trace_parent)
                VALUES ($stream, $version, $eventId, $type, $data, $timestamp, $correlationId, $causationId, $actor, NULL);
                """;
            foreach (var name in new[] { "$stream", "$version", "$eventId", "$type", "$data", "$timestamp", "$correlationId", "$causationId", "$actor" })
            {
                insert.Parameters.Add(new SqliteParameter(name, null));
            }

            insert.Prepare();
            _raw[writer] = connection;
            _inserts[writer] = insert;
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var insert in _inserts)
        {
            insert.Dispose();
        }

        foreach (var connection in _raw)
        {
            connection.Dispose();
        }

        _store.Dispose();
        _folder.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Writers * PerWriter)]
    public void RawInserts() => Task.WaitAll([.. Enumerable.Range(0, Writers).Select(writer => Task.Run(() => RawWriter(writer)))]);

    [Benchmark(OperationsPerInvoke = Writers * PerWriter)]
    public Task StoreAppends() => Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(() => StoreWriterAsync(writer))));

    private void RawWriter(int writer)
    {
        var insert = _inserts[writer];
        var parameters = insert.Parameters;
        for (var i = 0; i < PerWriter; i++)
        {
            var slot = i % StreamsPerWriter;
            var id = _streams[writer][slot];
            var newEvent = Payload.Deposit(id, DateTimeOffset.UtcNow);
            parameters[0].Value = Payload.Stream(id);
            parameters[1].Value = ++_versions[writer][slot];
            parameters[2].Value = newEvent.EventId.ToString("D", CultureInfo.InvariantCulture);
            parameters[3].Value = newEvent.Type;
            parameters[4].Value = newEvent.Data.GetRawText();
            parameters[5].Value = newEvent.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
            parameters[6].Value = newEvent.Metadata.CorrelationId;
            parameters[7].Value = newEvent.Metadata.CausationId;
            parameters[8].Value = newEvent.Metadata.Actor;
            insert.ExecuteNonQuery();
        }
    }

    private async Task StoreWriterAsync(int writer)
    {
        var versions = _storeVersions[writer];
        for (var i = 0; i < PerWriter; i++)
        {
            var slot = i % StreamsPerWriter;
            var id = _streams[writer][slot];
            await _store.Events.AppendAsync(Payload.Stream(id), ExpectedVersion.Exactly(versions[slot]), [Payload.Deposit(id, DateTimeOffset.UtcNow)]);
            versions[slot]++;
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
