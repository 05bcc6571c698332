using System.Net;
using Microsoft.Azure.Cosmos;
using OkCow.Application.Documents;

namespace OkCow.Infrastructure.Cosmos.Documents;

/// <summary>
/// The document store on the read containers of the Cosmos database (partition key path <c>/pk</c>). Each value is
/// stored as <c>{ id, pk, value, ttl? }</c>; ETags come from the response headers.
/// </summary>
public sealed class CosmosDocumentStore(Database database, CosmosDocumentStoreOptions? options = null) : IDocumentStore
{
    private readonly CosmosDocumentStoreOptions _options = options ?? CosmosDocumentStoreOptions.Default;

    // Writes only need the ETag, which comes back in a header; skipping the body saves bandwidth.
    private static ItemRequestOptions WriteOptions => new() { EnableContentResponseOnWrite = false };

    public async Task<Document<T>?> GetAsync<T>(string container, string partitionKey, string id, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await database.GetContainer(container)
                .ReadItemAsync<DocumentEnvelope<T>>(id, new PartitionKey(partitionKey), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return new Document<T>(response.Resource.Value, response.ETag);
        }
        catch (CosmosException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<string?> TryWriteAsync<T>(
        string container,
        string partitionKey,
        string id,
        T value,
        string? ifMatch,
        CancellationToken cancellationToken = default)
    {
        var envelope = Envelope(container, partitionKey, id, value);
        var target = database.GetContainer(container);
        try
        {
            if (ifMatch is null)
            {
                var created = await target
                    .CreateItemAsync(envelope, new PartitionKey(partitionKey), WriteOptions, cancellationToken)
                    .ConfigureAwait(false);
                return created.ETag;
            }

            var replaced = await target
                .ReplaceItemAsync(
                    envelope,
                    id,
                    new PartitionKey(partitionKey),
                    new ItemRequestOptions { IfMatchEtag = ifMatch, EnableContentResponseOnWrite = false },
                    cancellationToken)
                .ConfigureAwait(false);
            return replaced.ETag;
        }
        catch (CosmosException exception) when (exception.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed)
        {
            return null;
        }
        catch (CosmosException exception) when (exception.StatusCode == HttpStatusCode.NotFound && ifMatch is not null)
        {
            // The document read at that ETag has since been deleted: the condition failed just the same.
            return null;
        }
    }

    public async Task<string> UpsertAsync<T>(string container, string partitionKey, string id, T value, CancellationToken cancellationToken = default)
    {
        var response = await database.GetContainer(container)
            .UpsertItemAsync(Envelope(container, partitionKey, id, value), new PartitionKey(partitionKey), WriteOptions, cancellationToken)
            .ConfigureAwait(false);
        return response.ETag;
    }

    public async Task DeleteAsync(string container, string partitionKey, string id, CancellationToken cancellationToken = default)
    {
        using var response = await database.GetContainer(container)
            .DeleteItemStreamAsync(id, new PartitionKey(partitionKey), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>Concurrent point reads (each 1 RU for a small document, cheaper than a query).</summary>
    public async Task<IReadOnlyList<Document<T>?>> GetManyAsync<T>(string container, IReadOnlyList<(string PartitionKey, string Id)> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return await Task.WhenAll(keys.Select(key => GetAsync<T>(container, key.PartitionKey, key.Id, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>One transactional batch per group (at most <see cref="DocumentGroup.MaxWrites"/> operations), the groups in parallel.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<string>?>> WriteGroupsAsync(IReadOnlyList<DocumentGroup> groups, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groups);
        return await Task.WhenAll(groups.Select(group => WriteGroupAsync(group, cancellationToken))).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<T>> ListAsync<T>(
        string container,
        string partitionKey,
        int skip,
        int take,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        if (take == 0)
        {
            return [];
        }

        var query = new QueryDefinition("SELECT * FROM c ORDER BY c.id OFFSET @skip LIMIT @take")
            .WithParameter("@skip", skip)
            .WithParameter("@take", take);
        var values = new List<T>();
        using var iterator = database.GetContainer(container).GetItemQueryIterator<DocumentEnvelope<T>>(
            query,
            requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(partitionKey) });
        while (iterator.HasMoreResults)
        {
            var page = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            values.AddRange(page.Resource.Select(envelope => envelope.Value));
        }

        return values;
    }

    /// <summary>
    /// One single-partition query in id order, resumed with the SDK's continuation token and limited by
    /// <see cref="QueryRequestOptions.MaxItemCount"/>: each page costs the same wherever it starts (no OFFSET scan).
    /// A short feed page is topped up from the next one, so a page holds <paramref name="take"/> documents unless it
    /// is the last.
    /// </summary>
    public async Task<DocumentPage<T>> ListPageAsync<T>(string container, string partitionKey, int take, string? continuation, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        if (continuation is { Length: 0 })
        {
            throw new InvalidContinuationException("An empty continuation names no position.");
        }

        var query = new QueryDefinition("SELECT * FROM c ORDER BY c.id");
        var values = new List<T>(take);
        var next = continuation;
        try
        {
            do
            {
                using var iterator = database.GetContainer(container).GetItemQueryIterator<DocumentEnvelope<T>>(
                    query,
                    next,
                    new QueryRequestOptions { PartitionKey = new PartitionKey(partitionKey), MaxItemCount = take - values.Count });
                if (!iterator.HasMoreResults)
                {
                    next = null;
                    break;
                }

                var page = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
                values.AddRange(page.Resource.Select(envelope => envelope.Value));
                next = page.ContinuationToken;
            }
            while (next is not null && values.Count < take);
        }
        catch (CosmosException exception) when (exception.StatusCode == HttpStatusCode.BadRequest && continuation is not null)
        {
            throw new InvalidContinuationException("Cosmos DB refused the continuation.", exception);
        }

        return new DocumentPage<T>(values, next);
    }

    private async Task<IReadOnlyList<string>?> WriteGroupAsync(DocumentGroup group, CancellationToken cancellationToken)
    {
        if (group.Writes.Count > DocumentGroup.MaxWrites)
        {
            throw new ArgumentException($"A group holds at most {DocumentGroup.MaxWrites} writes; this one holds {group.Writes.Count}.", nameof(group));
        }

        var batch = database.GetContainer(group.Container).CreateTransactionalBatch(new PartitionKey(group.PartitionKey));
        foreach (var write in group.Writes)
        {
            if (write.Value is null)
            {
                batch = batch.DeleteItem(
                    write.Id,
                    new TransactionalBatchItemRequestOptions { IfMatchEtag = write.IfMatch ?? throw new ArgumentException($"Deleting {write.Id} in a group needs the ETag it was read at.", nameof(group)) });
                continue;
            }

            var envelope = Envelope(group.Container, group.PartitionKey, write.Id, write.Value);
            batch = write.IfMatch is null
                ? batch.CreateItem(envelope, new TransactionalBatchItemRequestOptions { EnableContentResponseOnWrite = false })
                : batch.ReplaceItem(write.Id, envelope, new TransactionalBatchItemRequestOptions { IfMatchEtag = write.IfMatch, EnableContentResponseOnWrite = false });
        }

        using var response = await batch.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return [.. response.Select(result => result.ETag ?? string.Empty)];
        }

        // A failed condition (exists, changed or deleted since read) fails the whole batch and writes nothing.
        if (response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound
            || response.Any(r => r.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound))
        {
            return null;
        }

        throw new CosmosException($"Writing {group.Writes.Count} documents to {group.Container}/{group.PartitionKey} failed: {response.ErrorMessage}", response.StatusCode, 0, response.ActivityId, response.RequestCharge);
    }

    private DocumentEnvelope<T> Envelope<T>(string container, string partitionKey, string id, T value) =>
        new(id, partitionKey, value, _options.TimeToLiveSeconds.TryGetValue(container, out var ttl) ? ttl : null);
}
