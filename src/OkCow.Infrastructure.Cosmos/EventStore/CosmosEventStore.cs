using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using OkCow.Application.EventStore;

namespace OkCow.Infrastructure.Cosmos.EventStore;

/// <summary>
/// The event store on the Cosmos DB <c>events</c> container: one partition per stream, a head document per stream
/// holding its version and snapshot, and each append written as one <see cref="TransactionalBatch"/> guarded by the
/// head's ETag (or by creating the head, for a new stream), so two concurrent writers never both succeed.
/// </summary>
public sealed class CosmosEventStore(Container container) : IEventStore, IChangeFeed
{
    /// <summary>Cosmos allows 100 operations in one transactional batch; the head takes one of them.</summary>
    public const int MaxEventsPerAppend = MaxBatchOperations - 1;

    internal const int MaxBatchOperations = 100;

    // The service refuses batch requests over 2 MB; operation framing is not counted here, hence the headroom.
    internal const int MaxBatchPayloadBytes = (2 * 1024 * 1024) - (64 * 1024);

    public Task<AppendResult> AppendAsync(
        string streamId,
        ExpectedVersion expected,
        IReadOnlyList<NewEvent> events,
        Snapshot? snapshot = null,
        CancellationToken cancellationToken = default) =>
        AppendCoreAsync(streamId, expected, events, snapshot, [], cancellationToken);

    public Task<AppendResult> AppendWithPagesAsync(
        string streamId,
        ExpectedVersion expected,
        IReadOnlyList<NewEvent> events,
        Snapshot snapshot,
        IReadOnlyList<PageWrite> pages,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(pages);
        return AppendCoreAsync(streamId, expected, events, snapshot, pages, cancellationToken);
    }

    public async Task<IReadOnlyList<StreamPage>> ReadPagesAsync(
        string streamId,
        IReadOnlyCollection<string> pageIds,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentNullException.ThrowIfNull(pageIds);
        var pages = new List<StreamPage>(pageIds.Count);
        foreach (var pageId in pageIds)
        {
            try
            {
                var response = await container.ReadItemAsync<EventDocument>(
                    EventDocument.PageDocumentId(pageId),
                    new PartitionKey(streamId),
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                if (response.Resource.Data is { } data)
                {
                    pages.Add(new StreamPage(pageId, data));
                }
            }
            catch (CosmosException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
            {
            }
        }

        return pages;
    }

    private async Task<AppendResult> AppendCoreAsync(
        string streamId,
        ExpectedVersion expected,
        IReadOnlyList<NewEvent> events,
        Snapshot? snapshot,
        IReadOnlyList<PageWrite> pages,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("An append needs at least one event.", nameof(events));
        }

        var operations = events.Count + pages.Count + (events.Any(e => e.IsStepKey) ? 1 : 0);
        if (operations > MaxEventsPerAppend)
        {
            // Splitting would make the append non-atomic, so the caller has to decide fewer events instead.
            throw new AppendTooLargeException(
                streamId,
                $"{events.Count} events and {pages.Count} pages need {operations + 1} batch operations; a transactional batch allows {MaxBatchOperations}.");
        }

        var firstVersion = expected.Value + 1;
        var lastVersion = expected.Value + events.Count;
        if (snapshot is not null && snapshot.Version != lastVersion)
        {
            throw new ArgumentException(
                $"The snapshot is at version {snapshot.Version} but the append ends at version {lastVersion}.",
                nameof(snapshot));
        }

        var eventDocuments = new List<EventDocument>(events.Count + 1);
        for (var i = 0; i < events.Count; i++)
        {
            eventDocuments.Add(EventDocument.ForEvent(streamId, firstVersion + i, events[i]));
        }

        // A saga step's marker rides in the same batch: a repeat of the step fails the whole batch with 409.
        var stepKey = events.FirstOrDefault(e => e.IsStepKey);
        if (stepKey is not null)
        {
            eventDocuments.Add(EventDocument.ForStep(streamId, stepKey.EventId));
        }

        var pageDocuments = pages
            .Where(page => page.Data is not null)
            .Select(page => EventDocument.ForPage(streamId, page.PageId, page.Data!.Value))
            .ToList();
        var partitionKey = new PartitionKey(streamId);
        var newSnapshot = snapshot is null ? null : SnapshotDocument.From(snapshot);
        TransactionalBatch batch;
        EventDocument head;
        if (expected == ExpectedVersion.NoStream)
        {
            // Creating the head is the guard: a concurrent creator of the same stream gets 409 Conflict.
            head = EventDocument.ForHead(streamId, lastVersion, newSnapshot);
            EnsureFitsOneBatch(streamId, head, [.. eventDocuments, .. pageDocuments]);
            batch = container.CreateTransactionalBatch(partitionKey).CreateItem(head);
        }
        else if (expected.HeadETag is { } headETag && newSnapshot is not null)
        {
            // The caller read the head at the expected version and hands back its ETag: the guarded replace alone
            // decides, so the append costs no second read. Another writer in between makes it fail with 412.
            head = EventDocument.ForHead(streamId, lastVersion, newSnapshot);
            EnsureFitsOneBatch(streamId, head, [.. eventDocuments, .. pageDocuments]);
            batch = container.CreateTransactionalBatch(partitionKey)
                .ReplaceItem(EventDocument.HeadId, head, new TransactionalBatchItemRequestOptions { IfMatchEtag = headETag });
        }
        else
        {
            var current = await ReadHeadDocumentAsync(streamId, cancellationToken).ConfigureAwait(false)
                ?? throw new WrongExpectedVersionException(streamId, expected, 0);
            if (current.Document.Version != expected.Value)
            {
                throw new WrongExpectedVersionException(streamId, expected, current.Document.Version);
            }

            // Without a new snapshot the old one stays: it is still valid for its own version.
            head = EventDocument.ForHead(streamId, lastVersion, newSnapshot ?? current.Document.Snapshot);
            EnsureFitsOneBatch(streamId, head, [.. eventDocuments, .. pageDocuments]);
            batch = container.CreateTransactionalBatch(partitionKey)
                .ReplaceItem(EventDocument.HeadId, head, new TransactionalBatchItemRequestOptions { IfMatchEtag = current.ETag });
        }

        foreach (var document in eventDocuments)
        {
            batch = batch.CreateItem(document);
        }

        // Pages need no guard of their own: the head's replace (or create) above serialises every writer of the stream.
        foreach (var document in pageDocuments)
        {
            batch = batch.UpsertItem(document);
        }

        foreach (var page in pages.Where(page => page.Data is null))
        {
            batch = batch.DeleteItem(EventDocument.PageDocumentId(page.PageId));
        }

        using var response = await ExecuteAsync(streamId, batch, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw response.StatusCode switch
            {
                // Markers are only written with a stream's events, so with no stream yet a conflict is the head's.
                HttpStatusCode.Conflict when stepKey is not null && expected != ExpectedVersion.NoStream =>
                    new DuplicateEventException(streamId, stepKey.EventId),
                HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict => new WrongExpectedVersionException(streamId, expected, null),
                HttpStatusCode.RequestEntityTooLarge => new AppendTooLargeException(streamId, "Cosmos DB refused the batch as too large."),
                _ => new CosmosException(
                    $"Appending to stream '{streamId}' failed: {response.ErrorMessage}",
                    response.StatusCode,
                    0,
                    response.ActivityId,
                    response.RequestCharge),
            };
        }

        return new AppendResult(streamId, firstVersion, lastVersion);
    }

    public async Task<StreamHead?> ReadHeadAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        var head = await ReadHeadDocumentAsync(streamId, cancellationToken).ConfigureAwait(false);
        return head?.Document.ToStreamHead(head.Value.ETag);
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(
        string streamId,
        StreamReadOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentNullException.ThrowIfNull(options);
        var fromVersion = Math.Max(options.FromVersion, 1);
        if (options.ToVersion is { } toVersion && toVersion < fromVersion)
        {
            return [];
        }

        var query = BuildStreamQuery(fromVersion, options.ToVersion, options.Until);
        var events = new List<StoredEvent>();
        using var iterator = container.GetItemQueryIterator<EventDocument>(
            query,
            requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(streamId) });
        while (iterator.HasMoreResults)
        {
            var page = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            foreach (var document in page.Resource)
            {
                if (document.TryGetStoredEvent(out var storedEvent))
                {
                    events.Add(storedEvent);
                }
            }
        }

        return events;
    }

    public async Task<ChangeFeedPage> ReadAsync(string? continuation, int maxItems, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxItems);
        var startFrom = string.IsNullOrEmpty(continuation)
            ? ChangeFeedStartFrom.Beginning()
            : ChangeFeedStartFrom.ContinuationToken(continuation);
        using var iterator = container.GetChangeFeedIterator<EventDocument>(
            startFrom,
            ChangeFeedMode.LatestVersion,
            new ChangeFeedRequestOptions { PageSizeHint = maxItems });

        var events = new List<StoredEvent>();
        var next = continuation ?? string.Empty;
        while (iterator.HasMoreResults)
        {
            var page = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            next = page.ContinuationToken ?? next;
            if (page.StatusCode == HttpStatusCode.NotModified)
            {
                break;
            }

            foreach (var document in page.Resource)
            {
                if (document.TryGetStoredEvent(out var storedEvent))
                {
                    events.Add(storedEvent);
                }
            }

            // A page of nothing but heads is not the end of the feed; only 304 Not Modified says that.
            if (events.Count > 0)
            {
                break;
            }
        }

        // The feed keeps a partition's changes in commit order, but the events one batch wrote share a commit, so
        // their order within the page is made explicit.
        var ordered = events
            .OrderBy(e => e.StreamId, StringComparer.Ordinal)
            .ThenBy(e => e.Version)
            .ToList();
        return new ChangeFeedPage(ordered, next);
    }

    internal static QueryDefinition BuildStreamQuery(long fromVersion, long? toVersion, DateTimeOffset? until)
    {
        var sql = new StringBuilder("SELECT * FROM c WHERE c.kind = 'event' AND c.version >= @fromVersion");
        if (toVersion is not null)
        {
            sql.Append(" AND c.version <= @toVersion");
        }

        if (until is not null)
        {
            sql.Append(" AND c.timestamp <= @until");
        }

        sql.Append(" ORDER BY c.version");
        var query = new QueryDefinition(sql.ToString()).WithParameter("@fromVersion", fromVersion);
        if (toVersion is { } to)
        {
            query = query.WithParameter("@toVersion", to);
        }

        if (until is { } u)
        {
            query = query.WithParameter("@until", EventDocument.FormatTimestamp(u));
        }

        return query;
    }

    private async Task<TransactionalBatchResponse> ExecuteAsync(string streamId, TransactionalBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            return await batch.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CosmosException exception) when (exception.StatusCode == HttpStatusCode.RequestEntityTooLarge)
        {
            throw new AppendTooLargeException(streamId, "Cosmos DB refused the batch as too large.");
        }
    }

    private async Task<(EventDocument Document, string ETag)?> ReadHeadDocumentAsync(string streamId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await container.ReadItemAsync<EventDocument>(
                EventDocument.HeadId,
                new PartitionKey(streamId),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return (response.Resource, response.ETag);
        }
        catch (CosmosException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static void EnsureFitsOneBatch(string streamId, EventDocument head, List<EventDocument> eventDocuments)
    {
        var options = CosmosSystemTextJsonSerializer.DefaultOptions;
        long bytes = JsonSerializer.SerializeToUtf8Bytes(head, options).Length;
        foreach (var document in eventDocuments)
        {
            bytes += JsonSerializer.SerializeToUtf8Bytes(document, options).Length;
        }

        if (bytes > MaxBatchPayloadBytes)
        {
            throw new AppendTooLargeException(
                streamId,
                $"the documents take {bytes} bytes; one transactional batch takes at most {MaxBatchPayloadBytes}.");
        }
    }
}
