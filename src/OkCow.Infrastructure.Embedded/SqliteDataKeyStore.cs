using System.Globalization;
using OkCow.Application.Documents;
using OkCow.Application.PersonalData;

namespace OkCow.Infrastructure.Embedded;

/// <summary>
/// The investors' wrapped data keys in their own table of the embedded file (<c>data_keys</c>), outside the event log:
/// deleting a row is the crypto-shredding of an erasure. Written with ETags like the documents.
/// </summary>
public sealed class SqliteDataKeyStore : IDataKeyStore
{
    /// <summary>The table: migration 4 of the embedded schema.</summary>
    internal const string Migration = """
        CREATE TABLE IF NOT EXISTS data_keys (
            investor_id TEXT NOT NULL PRIMARY KEY,
            kek_version TEXT NOT NULL,
            wrapped     TEXT NOT NULL,
            created_at  TEXT NOT NULL,
            etag        TEXT NOT NULL
        ) WITHOUT ROWID;
        """;

    private readonly SqliteDatabase _database;

    internal SqliteDataKeyStore(SqliteDatabase database) => _database = database;

    public async Task<Document<StoredDataKey>?> GetAsync(Guid investorId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT kek_version, wrapped, created_at, etag FROM data_keys WHERE investor_id = $id;";
        command.Parameters.AddWithValue("$id", Id(investorId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var key = new StoredDataKey(investorId, reader.GetString(0), reader.GetString(1), DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture));
        return new Document<StoredDataKey>(key, reader.GetString(3));
    }

    public async Task<bool> TryCreateAsync(StoredDataKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO data_keys (investor_id, kek_version, wrapped, created_at, etag) VALUES ($id, $kek, $wrapped, $at, $etag)
            ON CONFLICT (investor_id) DO NOTHING;
            """;
        Bind(command, key);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> TryReplaceAsync(StoredDataKey key, string etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE data_keys SET kek_version = $kek, wrapped = $wrapped, etag = $etag WHERE investor_id = $id AND etag = $ifMatch;";
        Bind(command, key);
        command.Parameters.AddWithValue("$ifMatch", etag);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task DeleteAsync(Guid investorId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM data_keys WHERE investor_id = $id;";
        command.Parameters.AddWithValue("$id", Id(investorId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Guid>> ListAsync(int skip, int take, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT investor_id FROM data_keys ORDER BY investor_id LIMIT $take OFFSET $skip;";
        command.Parameters.AddWithValue("$take", take);
        command.Parameters.AddWithValue("$skip", skip);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(Guid.Parse(reader.GetString(0), CultureInfo.InvariantCulture));
        }

        return ids;
    }

    private static void Bind(Microsoft.Data.Sqlite.SqliteCommand command, StoredDataKey key)
    {
        command.Parameters.AddWithValue("$id", Id(key.InvestorId));
        command.Parameters.AddWithValue("$kek", key.KekVersion);
        command.Parameters.AddWithValue("$wrapped", key.Wrapped);
        command.Parameters.AddWithValue("$at", key.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$etag", Guid.NewGuid().ToString("N"));
    }

    private static string Id(Guid investorId) => investorId.ToString("D");
}
