using System.Runtime.Versioning;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OkCow.Application.Documents;
using OkCow.Application.EventStore;
using OkCow.StoreContracts;

namespace OkCow.Infrastructure.Embedded.Tests;

public sealed class EmbeddedStoreTests : IDisposable
{
    private readonly TempDataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Given_a_new_folder_When_opening_Then_okcow_db_is_created_with_the_schema_in_WAL_mode()
    {
        var dataFolder = Path.Combine(_folder.Path, "nested", "data");

        using var store = EmbeddedStore.Open(dataFolder);

        Assert.Equal(Path.Combine(dataFolder, "okcow.db"), store.DatabasePath);
        Assert.True(File.Exists(store.DatabasePath));
        using var connection = new SqliteConnection(store.ConnectionString);
        connection.Open();
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal(5L, Scalar(connection, "PRAGMA user_version;"));
        Assert.Equal(
            ["checkpoints", "data_keys", "documents", "events", "heads", "pages"],
            Tables(connection));
    }

    [Fact]
    public async Task Given_an_existing_store_When_opening_it_again_Then_the_schema_is_kept_and_every_kind_of_data_survives()
    {
        var streamId = ContractEvents.NewStreamId();
        var events = ContractEvents.Many(3);
        string continuation;
        using (var first = _folder.Open())
        {
            await first.Events.AppendAsync(streamId, ExpectedVersion.NoStream, events, new Snapshot(3, "s1", JsonSerializer.SerializeToElement(new { cash = 7 })));
            await first.Documents.UpsertAsync(Containers.Funds, "fund-1", "fund-1", ContractDocument.Create("fund-1", count: 5));
            continuation = (await first.Events.ReadAsync(null, 2)).Continuation;
            await first.Checkpoints.SetAsync("projector", continuation);
        }

        using var second = _folder.Open();
        using var third = _folder.Open();

        var head = await third.Events.ReadHeadAsync(streamId);
        Assert.Equal(3, head?.Version);
        Assert.Equal(7, head?.Snapshot?.Data.GetProperty("cash").GetInt32());
        Assert.Equal(events.Select(e => e.EventId), (await third.Events.ReadStreamAsync(streamId, StreamReadOptions.All)).Select(e => e.EventId));
        Assert.Equal(5, (await third.Documents.GetAsync<ContractDocument>(Containers.Funds, "fund-1", "fund-1"))?.Value.Count);
        Assert.Equal(continuation, await third.Checkpoints.GetAsync("projector"));
        var resumed = await third.Events.ReadAsync(await third.Checkpoints.GetAsync("projector"), 10);
        Assert.Equal([3L], resumed.Events.Select(e => e.Version));
        await third.Events.AppendAsync(streamId, ExpectedVersion.Exactly(3), ContractEvents.Many(1, firstNumber: 4));
        Assert.Equal("4", (await third.Events.ReadAsync(resumed.Continuation, 10)).Continuation);
    }

    [Fact]
    public async Task Given_two_stores_on_one_folder_When_both_append_at_the_same_version_Then_exactly_one_wins_each_time()
    {
        using var left = _folder.Open();
        using var right = _folder.Open();

        for (var round = 0; round < 20; round++)
        {
            var streamId = ContractEvents.NewStreamId("claim");
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var racers = new[] { left, right }
                .Select(store => Task.Run(async () =>
                {
                    await start.Task;
                    try
                    {
                        await store.Events.AppendAsync(streamId, ExpectedVersion.NoStream, ContractEvents.Many(2));
                        return true;
                    }
                    catch (WrongExpectedVersionException error)
                    {
                        Assert.Equal(2, error.Actual);
                        return false;
                    }
                }))
                .ToList();
            start.SetResult();

            Assert.Single(await Task.WhenAll(racers), won => won);
            Assert.Equal(2, (await left.Events.ReadStreamAsync(streamId, StreamReadOptions.All)).Count);
        }
    }

    [Fact]
    public void Given_a_data_folder_path_that_runs_through_a_file_When_opening_Then_the_error_names_the_folder_and_the_fix()
    {
        var file = Path.Combine(_folder.Path, "not-a-folder");
        File.WriteAllText(file, "occupied");
        var dataFolder = Path.Combine(file, "data");

        var error = Assert.Throws<InvalidOperationException>(() => EmbeddedStore.Open(dataFolder));

        Assert.Contains(dataFolder, error.Message, StringComparison.Ordinal);
        Assert.Contains("writable", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public void Given_a_data_folder_whose_database_path_is_taken_by_a_folder_When_opening_Then_the_error_names_the_folder()
    {
        Directory.CreateDirectory(Path.Combine(_folder.Path, EmbeddedStore.DatabaseFileName));

        var error = Assert.Throws<InvalidOperationException>(() => _folder.Open());

        Assert.Contains(_folder.Path, error.Message, StringComparison.Ordinal);
        Assert.IsType<SqliteException>(error.InnerException);
    }

    [Fact]
    public void Given_a_read_only_data_folder_When_opening_Then_the_error_names_the_folder()
    {
        var dataFolder = Path.Combine(_folder.Path, "read-only");
        Directory.CreateDirectory(dataFolder);
        if (OperatingSystem.IsWindows() || !DenyWrites(dataFolder))
        {
            // Windows ACLs differ and a superuser ignores permissions; the other unwritable cases still run there.
            return;
        }

        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => EmbeddedStore.Open(dataFolder));
            Assert.Contains(dataFolder, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.SetUnixFileMode(dataFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public async Task Given_a_version_1_file_with_events_When_opening_Then_it_gains_trace_parent_and_pages_and_keeps_its_events()
    {
        var streamId = ContractEvents.NewStreamId();
        using (var first = _folder.Open())
        {
            await first.Events.AppendAsync(streamId, ExpectedVersion.NoStream, ContractEvents.Many(1));
        }

        // A file as version 1 left it: no trace_parent column, no pages table.
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_folder.Path, EmbeddedStore.DatabaseFileName)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "ALTER TABLE events DROP COLUMN trace_parent; DROP TABLE pages; PRAGMA user_version = 1;";
            command.ExecuteNonQuery();
        }

        using var migrated = _folder.Open();
        const string traceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        var next = ContractEvents.Create(2) with { Metadata = new("c-2", null, "operator", traceParent) };
        await migrated.Events.AppendAsync(streamId, ExpectedVersion.Exactly(1), [next]);

        var stored = await migrated.Events.ReadStreamAsync(streamId, StreamReadOptions.All);
        Assert.Equal([null, traceParent], stored.Select(e => e.Metadata.TraceParent));
        using var check = new SqliteConnection(migrated.ConnectionString);
        check.Open();
        Assert.Equal(5L, Scalar(check, "PRAGMA user_version;"));
        Assert.Equal(0L, Scalar(check, "SELECT count(*) FROM pages;"));
    }

    [Fact]
    public async Task Given_a_version_4_file_with_documents_When_opening_Then_they_move_to_a_rowid_table_with_their_etags()
    {
        string etag;
        using (var first = _folder.Open())
        {
            etag = await first.Documents.UpsertAsync("statuses", "s-1", "s-1", new Probe("requested", 1));
            await first.Documents.UpsertAsync("statuses", "s-2", "s-2", new Probe("requested", 2));
        }

        // The documents table as versions 1 to 4 left it: clustered on its key (WITHOUT ROWID).
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_folder.Path, EmbeddedStore.DatabaseFileName)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE old_documents (container TEXT NOT NULL, pk TEXT NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL,
                    etag TEXT NOT NULL, PRIMARY KEY (container, pk, id)) WITHOUT ROWID;
                INSERT INTO old_documents SELECT container, pk, id, json, etag FROM documents;
                DROP TABLE documents;
                ALTER TABLE old_documents RENAME TO documents;
                PRAGMA user_version = 4;
                """;
            command.ExecuteNonQuery();
        }

        using var migrated = _folder.Open();

        var kept = await migrated.Documents.GetAsync<Probe>("statuses", "s-1", "s-1");
        Assert.Equal((new Probe("requested", 1), etag), (kept!.Value, kept.ETag));
        Assert.NotNull(await migrated.Documents.TryWriteAsync("statuses", "s-1", "s-1", new Probe("completed", 1), etag));
        Assert.Null(await migrated.Documents.TryWriteAsync("statuses", "s-1", "s-1", new Probe("stale", 1), etag));
        Assert.Null(await migrated.Documents.TryWriteAsync("statuses", "s-2", "s-2", new Probe("duplicate", 2), null));
        Assert.Equal("completed", (await migrated.Documents.GetAsync<Probe>("statuses", "s-1", "s-1"))!.Value.Status);
        using var check = new SqliteConnection(migrated.ConnectionString);
        check.Open();
        Assert.Equal(5L, Scalar(check, "PRAGMA user_version;"));
        Assert.DoesNotContain("WITHOUT ROWID", (string)Scalar(check, "SELECT sql FROM sqlite_master WHERE name = 'documents';")!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2L, Scalar(check, "SELECT count(*) FROM documents;"));
    }

    [Fact]
    public void Given_a_file_with_a_newer_schema_When_opening_Then_it_is_refused_with_its_path()
    {
        using (_folder.Open())
        {
        }

        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_folder.Path, EmbeddedStore.DatabaseFileName)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<InvalidOperationException>(() => _folder.Open());

        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Given_no_data_folder_When_opening_Then_it_is_refused(string dataFolder)
    {
        Assert.ThrowsAny<ArgumentException>(() => EmbeddedStore.Open(dataFolder));
    }

    /// <summary>Makes the folder read-only and reports whether that actually stops this process writing there.</summary>
    [UnsupportedOSPlatform("windows")]
    private static bool DenyWrites(string folder)
    {
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var probe = Path.Combine(folder, "probe");
        try
        {
            File.WriteAllText(probe, "can a superuser still write?");
            File.Delete(probe);
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static List<string> Tables(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private sealed record Probe(string Status, int Number);
}
