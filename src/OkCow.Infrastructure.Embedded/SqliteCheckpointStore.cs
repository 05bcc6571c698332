using OkCow.Application.EventStore;

namespace OkCow.Infrastructure.Embedded;

/// <summary>Change-feed checkpoints in the embedded file: one row per consumer, overwritten after each handled page.</summary>
public sealed class SqliteCheckpointStore : ICheckpointStore
{
    private readonly SqliteDatabase _database;

    internal SqliteCheckpointStore(SqliteDatabase database) => _database = database;

    public async Task<string?> GetAsync(string consumer, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT continuation FROM checkpoints WHERE consumer = $consumer;";
        command.Parameters.AddWithValue("$consumer", consumer);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task SetAsync(string consumer, string continuation, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        ArgumentNullException.ThrowIfNull(continuation);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO checkpoints (consumer, continuation) VALUES ($consumer, $continuation)
            ON CONFLICT (consumer) DO UPDATE SET continuation = excluded.continuation;
            """;
        command.Parameters.AddWithValue("$consumer", consumer);
        command.Parameters.AddWithValue("$continuation", continuation);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
