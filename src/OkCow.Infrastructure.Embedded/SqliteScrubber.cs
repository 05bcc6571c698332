using OkCow.Application.PersonalData;

namespace OkCow.Infrastructure.Embedded;

/// <summary>
/// Makes erased personal data leave the embedded store's files: every connection runs with <c>secure_delete</c>, so
/// deleted and overwritten content is zeroed in the pages it leaves; this step copies the write-ahead log (which still
/// holds the old page images) into the database file and truncates it.
/// </summary>
public sealed class SqliteScrubber : IStorageScrubber
{
    private readonly SqliteDatabase _database;

    internal SqliteScrubber(SqliteDatabase database) => _database = database;

    public async Task ScrubAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();

        // TRUNCATE waits (busy timeout) for readers on older snapshots, then empties the log file.
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Rewrites the whole file (VACUUM), leaving no free page that could hold content deleted before
    /// <c>secure_delete</c> was on; then empties the log. For the one-off personal-data upgrade, not for every erasure.
    /// </summary>
    public async Task CompactAsync(CancellationToken cancellationToken)
    {
        await using (var connection = await _database.OpenAsync(cancellationToken))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "VACUUM;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await ScrubAsync(cancellationToken);
    }
}
