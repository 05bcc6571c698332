using OkCow.Application.ChangeFeed;
using OkCow.Application.Documents;

namespace OkCow.Application.Projections;

/// <summary>
/// Applies one event to one view document: point read, skip if the event's stream version was applied already,
/// apply the pure function, write back guarded by the ETag (another writer of the same document makes it re-read).
/// </summary>
public sealed class ViewWriter(IDocumentStore documents)
{
    private const int MaxAttempts = 10;

    /// <summary>Point read of a view document, as the projection writing it sees it.</summary>
    public async Task<TView?> GetAsync<TView>(string container, string partitionKey, string id, CancellationToken cancellationToken)
        where TView : class =>
        (await documents.GetAsync<TView>(container, partitionKey, id, cancellationToken).ConfigureAwait(false))?.Value;

    /// <param name="apply">Pure: the current view (null when none exists yet) and the event to the new view, or null to leave it.</param>
    public async Task ApplyAsync<TView>(
        string container,
        string partitionKey,
        string id,
        EventEnvelope envelope,
        Func<TView?, TView?> apply,
        CancellationToken cancellationToken)
        where TView : ProjectedView
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await documents.GetAsync<TView>(container, partitionKey, id, cancellationToken).ConfigureAwait(false);
            if (current?.Value.HasApplied(envelope.StreamId, envelope.Version) == true)
            {
                return;
            }

            var next = apply(current?.Value);
            if (next is null)
            {
                return;
            }

            next = next with { Applied = next.Applied.SetItem(envelope.StreamId, envelope.Version) };
            if (await documents.TryWriteAsync(container, partitionKey, id, next, current?.ETag, cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }

            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException($"View {container}/{partitionKey}/{id} kept changing under {envelope.StreamId}@{envelope.Version}.");
            }
        }
    }
}
