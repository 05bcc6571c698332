namespace OkCow.Application.Documents;

/// <summary>A document with the ETag it was read at.</summary>
public sealed record Document<T>(T Value, string ETag);

/// <summary>
/// One document of a <see cref="DocumentGroup"/>: written if the stored one still has <paramref name="IfMatch"/> (null:
/// only if none exists). A null <paramref name="Value"/> deletes the document, which must still have
/// <paramref name="IfMatch"/> (required then).
/// </summary>
public sealed record DocumentWrite(string Id, object? Value, string? IfMatch)
{
    /// <summary>Whether this write deletes the document.</summary>
    public bool Deletes => Value is null;

    /// <summary>A deletion of the document as read at <paramref name="ifMatch"/>.</summary>
    public static DocumentWrite Delete(string id, string ifMatch) => new(id, null, ifMatch ?? throw new ArgumentNullException(nameof(ifMatch)));
}

/// <summary>Documents of one container and partition key, written all or none.</summary>
public sealed record DocumentGroup(string Container, string PartitionKey, IReadOnlyList<DocumentWrite> Writes)
{
    /// <summary>The most writes a group may hold: a Cosmos DB transactional batch takes at most 100 operations.</summary>
    public const int MaxWrites = 100;
}

/// <summary>
/// One page of a partition's documents in id order, and where the next page starts: the store's own continuation
/// (the last id on the embedded store, the Cosmos DB SDK's continuation token on Cosmos), null after the last page.
/// Callers treat it as opaque and hand it back unchanged.
/// </summary>
public sealed record DocumentPage<T>(IReadOnlyList<T> Items, string? Continuation);

/// <summary>A continuation the store cannot resume from (altered, or from another container or partition).</summary>
public sealed class InvalidContinuationException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// JSON documents in named containers, each partitioned by a key: read models, idempotency records, the parking lot.
/// Point reads by id and partition key; optimistic writes by ETag. Cosmos containers in Azure, SQLite tables locally.
/// </summary>
public interface IDocumentStore
{
    /// <summary>Point read; null when absent.</summary>
    Task<Document<T>?> GetAsync<T>(string container, string partitionKey, string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Point reads of several documents of one container, in one round where the store can (one statement on the
    /// embedded store, concurrent point reads on Cosmos DB); null for each one absent, in the order asked.
    /// </summary>
    async Task<IReadOnlyList<Document<T>?>> GetManyAsync<T>(string container, IReadOnlyList<(string PartitionKey, string Id)> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var documents = new List<Document<T>?>(keys.Count);
        foreach (var (partitionKey, id) in keys)
        {
            documents.Add(await GetAsync<T>(container, partitionKey, id, cancellationToken).ConfigureAwait(false));
        }

        return documents;
    }

    /// <summary>
    /// Writes the document if the stored one still has <paramref name="ifMatch"/> (null: only if no document exists).
    /// Returns the new ETag, or null when the condition failed.
    /// </summary>
    Task<string?> TryWriteAsync<T>(string container, string partitionKey, string id, T value, string? ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Writes the document unconditionally and returns its new ETag.</summary>
    Task<string> UpsertAsync<T>(string container, string partitionKey, string id, T value, CancellationToken cancellationToken = default);

    /// <summary>Deletes the document if present.</summary>
    Task DeleteAsync(string container, string partitionKey, string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes several groups, each all or none (a transactional batch per group on Cosmos DB; one transaction with a
    /// savepoint per group on the embedded store). Returns, per group in order, the new ETags of its writes (an empty
    /// string for a deletion), or null when a condition in the group failed and nothing of it was written. The default
    /// writes one document at a time, which is all-or-none only for groups of one (and checks a deletion's ETag
    /// before deleting, not atomically).
    /// </summary>
    async Task<IReadOnlyList<IReadOnlyList<string>?>> WriteGroupsAsync(IReadOnlyList<DocumentGroup> groups, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var results = new List<IReadOnlyList<string>?>(groups.Count);
        foreach (var group in groups)
        {
            var etags = new List<string>(group.Writes.Count);
            foreach (var write in group.Writes)
            {
                if (write.Value is null)
                {
                    if ((await GetAsync<object>(group.Container, group.PartitionKey, write.Id, cancellationToken).ConfigureAwait(false))?.ETag != write.IfMatch)
                    {
                        break;
                    }

                    await DeleteAsync(group.Container, group.PartitionKey, write.Id, cancellationToken).ConfigureAwait(false);
                    etags.Add(string.Empty);
                    continue;
                }

                if (await TryWriteAsync(group.Container, group.PartitionKey, write.Id, write.Value, write.IfMatch, cancellationToken).ConfigureAwait(false) is not { } etag)
                {
                    break;
                }

                etags.Add(etag);
            }

            results.Add(etags.Count == group.Writes.Count ? etags : null);
        }

        return results;
    }

    /// <summary>Documents of one partition ordered by id, paged. Single-partition: never a cross-partition fan-out.</summary>
    Task<IReadOnlyList<T>> ListAsync<T>(string container, string partitionKey, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>
    /// A page of at most <paramref name="take"/> documents of one partition in id order, resuming after
    /// <paramref name="continuation"/> (null: from the start). Keyset on the embedded store (no OFFSET), the SDK's
    /// continuation on Cosmos DB, so a page costs the same wherever it starts. Throws
    /// <see cref="InvalidContinuationException"/> for a continuation the store did not give out.
    /// </summary>
    Task<DocumentPage<T>> ListPageAsync<T>(string container, string partitionKey, int take, string? continuation, CancellationToken cancellationToken = default);
}
