namespace OkCow.Application.Documents;

/// <summary>A document with the ETag it was read at.</summary>
public sealed record Document<T>(T Value, string ETag);

/// <summary>
/// JSON documents in named containers, each partitioned by a key: read models, idempotency records, the parking lot.
/// Point reads by id and partition key; optimistic writes by ETag. Cosmos containers in Azure, SQLite tables locally.
/// </summary>
public interface IDocumentStore
{
    /// <summary>Point read; null when absent.</summary>
    Task<Document<T>?> GetAsync<T>(string container, string partitionKey, string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the document if the stored one still has <paramref name="ifMatch"/> (null: only if no document exists).
    /// Returns the new ETag, or null when the condition failed.
    /// </summary>
    Task<string?> TryWriteAsync<T>(string container, string partitionKey, string id, T value, string? ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Writes the document unconditionally and returns its new ETag.</summary>
    Task<string> UpsertAsync<T>(string container, string partitionKey, string id, T value, CancellationToken cancellationToken = default);

    /// <summary>Deletes the document if present.</summary>
    Task DeleteAsync(string container, string partitionKey, string id, CancellationToken cancellationToken = default);

    /// <summary>Documents of one partition ordered by id, paged. Single-partition: never a cross-partition fan-out.</summary>
    Task<IReadOnlyList<T>> ListAsync<T>(string container, string partitionKey, int skip, int take, CancellationToken cancellationToken = default);
}
