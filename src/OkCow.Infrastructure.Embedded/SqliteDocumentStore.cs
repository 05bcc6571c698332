using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using OkCow.Application.Documents;

namespace OkCow.Infrastructure.Embedded;

/// <summary>
/// JSON documents in the embedded file, keyed by (container, partition key, id). Every write gets a fresh ETag, and
/// conditional writes are single statements, so a stale writer can never overwrite a newer document.
/// </summary>
public sealed class SqliteDocumentStore : IDocumentStore
{
    private readonly SqliteDatabase _database;

    internal SqliteDocumentStore(SqliteDatabase database) => _database = database;

    /// <summary>The options documents are written with: web defaults (camelCase) and enums as strings, as in Cosmos.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateJsonOptions();

    public async Task<Document<T>?> GetAsync<T>(string container, string partitionKey, string id, CancellationToken cancellationToken = default)
    {
        EnsureKey(container, partitionKey, id);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT json, etag FROM documents WHERE container = $container AND pk = $pk AND id = $id;";
        AddKey(command, container, partitionKey, id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new Document<T>(Deserialize<T>(reader.GetString(0), container, id), reader.GetString(1));
    }

    public async Task<string?> TryWriteAsync<T>(
        string container,
        string partitionKey,
        string id,
        T value,
        string? ifMatch,
        CancellationToken cancellationToken = default)
    {
        EnsureKey(container, partitionKey, id);
        var etag = NewETag();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = ifMatch is null
            ? """
              INSERT INTO documents (container, pk, id, json, etag) VALUES ($container, $pk, $id, $json, $etag)
              ON CONFLICT (container, pk, id) DO NOTHING;
              """
            : "UPDATE documents SET json = $json, etag = $etag WHERE container = $container AND pk = $pk AND id = $id AND etag = $ifMatch;";
        AddKey(command, container, partitionKey, id);
        command.Parameters.AddWithValue("$json", JsonSerializer.Serialize(value, JsonOptions));
        command.Parameters.AddWithValue("$etag", etag);
        if (ifMatch is not null)
        {
            command.Parameters.AddWithValue("$ifMatch", ifMatch);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? etag : null;
    }

    public async Task<string> UpsertAsync<T>(string container, string partitionKey, string id, T value, CancellationToken cancellationToken = default)
    {
        EnsureKey(container, partitionKey, id);
        var etag = NewETag();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO documents (container, pk, id, json, etag) VALUES ($container, $pk, $id, $json, $etag)
            ON CONFLICT (container, pk, id) DO UPDATE SET json = excluded.json, etag = excluded.etag;
            """;
        AddKey(command, container, partitionKey, id);
        command.Parameters.AddWithValue("$json", JsonSerializer.Serialize(value, JsonOptions));
        command.Parameters.AddWithValue("$etag", etag);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return etag;
    }

    public async Task DeleteAsync(string container, string partitionKey, string id, CancellationToken cancellationToken = default)
    {
        EnsureKey(container, partitionKey, id);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM documents WHERE container = $container AND pk = $pk AND id = $id;";
        AddKey(command, container, partitionKey, id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Document<T>?>> GetManyAsync<T>(string container, IReadOnlyList<(string PartitionKey, string Id)> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var documents = new List<Document<T>?>(keys.Count);
        if (keys.Count == 0)
        {
            return documents;
        }

        // One statement for all the keys: they go in as one JSON array of [pk, id] pairs, each row answers with its
        // position in that array.
        using var pairs = new MemoryStream();
        using (var writer = new Utf8JsonWriter(pairs))
        {
            writer.WriteStartArray();
            foreach (var key in keys)
            {
                EnsureKey(container, key.PartitionKey, key.Id);
                writer.WriteStartArray();
                writer.WriteStringValue(key.PartitionKey);
                writer.WriteStringValue(key.Id);
                writer.WriteEndArray();
                documents.Add(null);
            }

            writer.WriteEndArray();
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT k.key, d.json, d.etag FROM json_each($keys) AS k CROSS JOIN documents AS d
            ON d.container = $container AND d.pk = json_extract(k.value, '$[0]') AND d.id = json_extract(k.value, '$[1]');
            """;
        command.Parameters.AddWithValue("$container", container);
        command.Parameters.AddWithValue("$keys", System.Text.Encoding.UTF8.GetString(pairs.GetBuffer(), 0, (int)pairs.Length));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var index = reader.GetInt32(0);
            documents[index] = new Document<T>(Deserialize<T>(reader.GetString(1), container, keys[index].Id), reader.GetString(2));
        }

        return documents;
    }

    public async Task<IReadOnlyList<IReadOnlyList<string>?>> WriteGroupsAsync(IReadOnlyList<DocumentGroup> groups, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var results = new List<IReadOnlyList<string>?>(groups.Count);
        if (groups.Count == 0)
        {
            return results;
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var create = Command(connection, transaction, """
            INSERT INTO documents (container, pk, id, json, etag) VALUES ($container, $pk, $id, $json, $etag)
            ON CONFLICT (container, pk, id) DO NOTHING;
            """);
        await using var replace = Command(connection, transaction, "UPDATE documents SET json = $json, etag = $etag WHERE container = $container AND pk = $pk AND id = $id AND etag = $ifMatch;");
        replace.Parameters.Add("$ifMatch", SqliteType.Text);
        await using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM documents WHERE container = $container AND pk = $pk AND id = $id AND etag = $ifMatch;";
        foreach (var name in new[] { "$container", "$pk", "$id", "$ifMatch" })
        {
            delete.Parameters.Add(name, SqliteType.Text);
        }

        var savepoint = 0;
        foreach (var group in groups)
        {
            // One conditional statement is atomic by itself; only groups of several need a savepoint to undo.
            var name = group.Writes.Count > 1 ? $"g{savepoint++}" : null;
            if (name is not null)
            {
                await transaction.SaveAsync(name, cancellationToken);
            }

            var etags = new List<string>(group.Writes.Count);
            foreach (var write in group.Writes)
            {
                EnsureKey(group.Container, group.PartitionKey, write.Id);
                var command = write.Value is null ? delete : write.IfMatch is null ? create : replace;
                var etag = write.Value is null ? string.Empty : NewETag();
                command.Parameters["$container"].Value = group.Container;
                command.Parameters["$pk"].Value = group.PartitionKey;
                command.Parameters["$id"].Value = write.Id;
                if (write.Value is not null)
                {
                    command.Parameters["$json"].Value = JsonSerializer.Serialize(write.Value, write.Value.GetType(), JsonOptions);
                    command.Parameters["$etag"].Value = etag;
                }
                else if (write.IfMatch is null)
                {
                    throw new ArgumentException($"Deleting {group.Container}/{group.PartitionKey}/{write.Id} in a group needs the ETag it was read at.", nameof(groups));
                }

                if (write.IfMatch is { } ifMatch)
                {
                    command.Parameters["$ifMatch"].Value = ifMatch;
                }

                if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
                {
                    break;
                }

                etags.Add(etag);
            }

            if (etags.Count == group.Writes.Count)
            {
                if (name is not null)
                {
                    await transaction.ReleaseAsync(name, cancellationToken);
                }

                results.Add(etags);
            }
            else
            {
                if (name is not null)
                {
                    await transaction.RollbackAsync(name, cancellationToken);
                    await transaction.ReleaseAsync(name, cancellationToken);
                }

                results.Add(null);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return results;

        static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string text)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = text;
            foreach (var name in new[] { "$container", "$pk", "$id", "$json", "$etag" })
            {
                command.Parameters.Add(name, SqliteType.Text);
            }

            return command;
        }
    }

    public async Task<IReadOnlyList<T>> ListAsync<T>(string container, string partitionKey, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(container);
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, json FROM documents WHERE container = $container AND pk = $pk
            ORDER BY id LIMIT $take OFFSET $skip;
            """;
        command.Parameters.AddWithValue("$container", container);
        command.Parameters.AddWithValue("$pk", partitionKey);
        command.Parameters.AddWithValue("$take", take);
        command.Parameters.AddWithValue("$skip", skip);
        var documents = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(Deserialize<T>(reader.GetString(1), container, reader.GetString(0)));
        }

        return documents;
    }

    /// <summary>Keyset paging: the continuation is the last id given out, and the next page starts after it (no OFFSET).</summary>
    public async Task<DocumentPage<T>> ListPageAsync<T>(string container, string partitionKey, int take, string? continuation, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(container);
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        if (continuation is { Length: 0 })
        {
            throw new InvalidContinuationException("An empty continuation names no position.");
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = continuation is null
            ? "SELECT id, json FROM documents WHERE container = $container AND pk = $pk ORDER BY id LIMIT $take;"
            : "SELECT id, json FROM documents WHERE container = $container AND pk = $pk AND id > $after ORDER BY id LIMIT $take;";
        command.Parameters.AddWithValue("$container", container);
        command.Parameters.AddWithValue("$pk", partitionKey);
        command.Parameters.AddWithValue("$take", take + 1);
        if (continuation is not null)
        {
            command.Parameters.AddWithValue("$after", continuation);
        }

        var documents = new List<T>(take);
        string? lastId = null;
        var more = false;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (documents.Count == take)
            {
                more = true;
                break;
            }

            lastId = reader.GetString(0);
            documents.Add(Deserialize<T>(reader.GetString(1), container, lastId));
        }

        return new DocumentPage<T>(documents, more ? lastId : null);
    }

    private static string NewETag() => Guid.NewGuid().ToString("N");

    private static T Deserialize<T>(string json, string container, string id) =>
        JsonSerializer.Deserialize<T>(json, JsonOptions)
        ?? throw new InvalidOperationException($"Document '{id}' in container '{container}' holds null.");

    private static void EnsureKey(string container, string partitionKey, string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(container);
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentException.ThrowIfNullOrEmpty(id);
    }

    private static void AddKey(Microsoft.Data.Sqlite.SqliteCommand command, string container, string partitionKey, string id)
    {
        command.Parameters.AddWithValue("$container", container);
        command.Parameters.AddWithValue("$pk", partitionKey);
        command.Parameters.AddWithValue("$id", id);
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
