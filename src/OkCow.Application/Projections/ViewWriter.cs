using OkCow.Application.ChangeFeed;
using OkCow.Application.Documents;

namespace OkCow.Application.Projections;

/// <summary>
/// How projections read and write their view documents. Inside a change-feed batch (<see cref="ViewBatch.Current"/>)
/// a document is read once and written once per batch; outside one, each call is its own small batch. Either way an
/// event whose stream version a document has applied already is skipped, and a write lands only on the version read.
/// </summary>
public sealed class ViewWriter(IDocumentStore documents)
{
    /// <summary>A view document as the projection writing it sees it (including this batch's changes).</summary>
    public async Task<TView?> GetAsync<TView>(string container, string partitionKey, string id, CancellationToken cancellationToken)
        where TView : class =>
        ViewBatch.Current is { } batch
            ? await batch.GetAsync<TView>(documents, container, partitionKey, id, cancellationToken).ConfigureAwait(false)
            : (await documents.GetAsync<TView>(container, partitionKey, id, cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>A page of a partition's documents as stored (not through the batch: this batch's pending changes are not in it).</summary>
    public Task<DocumentPage<TView>> ListPageAsync<TView>(string container, string partitionKey, int take, string? continuation, CancellationToken cancellationToken) =>
        documents.ListPageAsync<TView>(container, partitionKey, take, continuation, cancellationToken);

    /// <summary>Reads, in one round, the documents this batch will touch (outside a batch it does nothing).</summary>
    public Task PrefetchAsync<TView>(string container, IEnumerable<(string PartitionKey, string Id)> keys, CancellationToken cancellationToken)
        where TView : class =>
        ViewBatch.Current is { } batch ? batch.PrefetchAsync<TView>(documents, container, keys, cancellationToken) : Task.CompletedTask;

    /// <summary>Applies one event to one view document: skipped if its stream version was applied already.</summary>
    /// <param name="apply">Pure: the current view (null when none exists yet) to the new view, or null to leave it.</param>
    public Task ApplyAsync<TView>(
        string container,
        string partitionKey,
        string id,
        EventEnvelope envelope,
        Func<TView?, TView?> apply,
        CancellationToken cancellationToken)
        where TView : ProjectedView =>
        InBatchAsync(
            async batch =>
            {
                object? Step(object? view)
                {
                    var current = (TView?)view;
                    if (current?.HasApplied(envelope.StreamId, envelope.Version) == true || apply(current) is not { } next)
                    {
                        return null;
                    }

                    return next with { Applied = next.Applied.SetItem(envelope.StreamId, envelope.Version) };
                }

                var current = await batch.GetAsync<TView>(documents, container, partitionKey, id, cancellationToken).ConfigureAwait(false);
                if (Step(current) is { } next)
                {
                    batch.Put(documents, container, partitionKey, id, next, Step);
                }
            },
            cancellationToken);

    /// <summary>
    /// Documents of one partition decided together (each read through <see cref="GetAsync"/> in this batch): written
    /// in one group, all or none; a null value deletes the document. If the partition's pending writes would not fit
    /// one group with them, those are written first, so every group stays whole.
    /// </summary>
    public async Task WriteTogetherAsync(string container, string partitionKey, IReadOnlyList<(string Id, object? Value)> changes, CancellationToken cancellationToken)
    {
        var batch = ViewBatch.Current ?? throw new InvalidOperationException("Documents decided together are written inside a batch (InBatchAsync).");
        if (changes.Count > DocumentGroup.MaxWrites)
        {
            throw new ArgumentOutOfRangeException(nameof(changes), changes.Count, $"At most {DocumentGroup.MaxWrites} documents are written together.");
        }

        if (batch.DirtyIn(documents, container, partitionKey) + changes.Count > DocumentGroup.MaxWrites)
        {
            await batch.FlushAsync(documents, container, partitionKey, cancellationToken).ConfigureAwait(false);
        }

        foreach (var (id, value) in changes)
        {
            batch.Put(documents, container, partitionKey, id, value, replay: null);
        }
    }

    /// <summary>Runs <paramref name="work"/> in the flow's batch, or in a batch of its own written when it ends.</summary>
    public async Task InBatchAsync(Func<ViewBatch, Task> work, CancellationToken cancellationToken)
    {
        if (ViewBatch.Current is { } batch)
        {
            await work(batch).ConfigureAwait(false);
            return;
        }

        using var scope = ViewBatch.Begin();
        await work(scope.Batch).ConfigureAwait(false);
        await scope.Batch.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
