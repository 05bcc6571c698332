using Microsoft.Data.Sqlite;

namespace OkCow.Infrastructure.Embedded;

/// <summary>Opens connections to one SQLite file. Each operation takes its own pooled connection, so callers may run on any thread.</summary>
internal sealed class SqliteDatabase(string connectionString)
{
    // Pragmas that are not stored in the file and must be set on every connection. The busy timeout lets SQLite wait
    // for the single writer with its own fine-grained back-off instead of failing at once; synchronous=NORMAL is the
    // usual WAL setting: a power cut may lose the last commits, an application crash loses nothing. secure_delete zeroes
    // deleted and overwritten content, so an erased name does not linger in free space of the file (SPEC 9). No
    // connection checkpoints the write-ahead log on commit: SqliteWalCheckpointer does it off the request path.
    private const string ConnectionPragmas =
        "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON; PRAGMA wal_autocheckpoint = 0;";

    public string ConnectionString { get; } = connectionString;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = ConnectionPragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public SqliteConnection Open() => OpenWithPragmas(ConnectionString);

    /// <summary>A connection of its own, outside the pool (closing it closes the file handle and ends any open transaction).</summary>
    public SqliteConnection OpenUnpooled() =>
        OpenWithPragmas(new SqliteConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString());

    private static SqliteConnection OpenWithPragmas(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = ConnectionPragmas;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Closes the pooled connections, which also lets SQLite fold the WAL back into the file.</summary>
    public void ClearPool()
    {
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
    }
}
