using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using OkCow.Application.EventStore;
using OkCow.Infrastructure.Embedded;

namespace OkCow.Bench;

/// <summary>
/// <c>changeFeedRatio</c>: reading the whole change feed of one store in pages of <see cref="PageSize"/> (the local host's
/// page size) through <see cref="IChangeFeed"/>, against a raw prepared SELECT of the same rows and columns, each column
/// read as SQLite returns it (text as a string, nothing parsed), on one open connection.
/// </summary>
public class ChangeFeedBenchmarks
{
    public const int Events = 20_000;
    public const int PageSize = 100;
    private const int Streams = 200;

    private TempFolder _folder = null!;
    private EmbeddedStore _store = null!;
    private SqliteConnection _raw = null!;
    private SqliteCommand _select = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = new TempFolder();
        _store = EmbeddedStore.Open(_folder.Path);
        var ids = Enumerable.Range(0, Streams).Select(_ => Guid.NewGuid()).ToArray();
        const int perAppend = 10;
        for (var round = 0; round < Events / Streams / perAppend; round++)
        {
            foreach (var id in ids)
            {
                var events = Enumerable.Range(0, perAppend).Select(_ => Payload.Deposit(id, DateTimeOffset.UtcNow)).ToList();
                _store.Events.AppendAsync(Payload.Stream(id), ExpectedVersion.Exactly(round * perAppend), events).GetAwaiter().GetResult();
            }
        }

        _raw = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _store.DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        _raw.Open();
        _select = _raw.CreateCommand();
        _select.CommandText = """
            SELECT position, stream_id, version, event_id, type, data, timestamp, correlation_id, causation_id, actor, trace_parent
            FROM events WHERE position > $after ORDER BY position LIMIT $max;
            """;
        _select.Parameters.Add(new SqliteParameter("$after", 0L));
        _select.Parameters.Add(new SqliteParameter("$max", PageSize));
        _select.Prepare();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _select.Dispose();
        _raw.Dispose();
        _store.Dispose();
        _folder.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public long RawSelect()
    {
        long after = 0;
        var rows = 0;
        while (true)
        {
            _select.Parameters[0].Value = after;
            var page = 0;
            using (var reader = _select.ExecuteReader())
            {
                while (reader.Read())
                {
                    after = reader.GetInt64(0);
                    _ = reader.GetString(1);
                    _ = reader.GetInt64(2);
                    _ = reader.GetString(3);
                    _ = reader.GetString(4);
                    _ = reader.GetString(5);
                    _ = reader.GetString(6);
                    _ = reader.GetString(7);
                    _ = reader.IsDBNull(8) ? null : reader.GetString(8);
                    _ = reader.GetString(9);
                    _ = reader.IsDBNull(10) ? null : reader.GetString(10);
                    page++;
                }
            }

            rows += page;
            if (page == 0)
            {
                return Checked(rows);
            }
        }
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public async Task<long> StoreChangeFeed()
    {
        string? continuation = null;
        var rows = 0;
        while (true)
        {
            var page = await _store.Events.ReadAsync(continuation, PageSize);
            rows += page.Events.Count;
            continuation = page.Continuation;
            if (page.Events.Count == 0)
            {
                return Checked(rows);
            }
        }
    }

    private static long Checked(int rows) =>
        rows == Events ? rows : throw new InvalidOperationException($"Read {rows} events, expected {Events}.");
}
