using System.Collections.Concurrent;
using Microsoft.Azure.Cosmos;
using OkCow.Application.EventStore;

namespace OkCow.Infrastructure.Cosmos.EventStore;

/// <summary>
/// The backlog of a Cosmos DB trigger's consumer, from the SDK's change feed estimator over the events container and the
/// leases the trigger keeps (its processor name is the trigger's lease prefix, as the Functions scale controller reads
/// it). The estimate counts changes, so rewritten head documents count with the events; it is an upper bound of the
/// events still to handle, exact at zero.
/// </summary>
public sealed class CosmosChangeFeedEstimator(Container events, Container leases) : IChangeFeedEstimator
{
    private readonly ConcurrentDictionary<string, ChangeFeedEstimator> _estimators = new(StringComparer.Ordinal);

    public async Task<long> EstimateAsync(string consumer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        var estimator = _estimators.GetOrAdd(consumer, name => events.GetChangeFeedEstimator(name, leases));
        long changes = 0;
        using var states = estimator.GetCurrentStateIterator();
        while (states.HasMoreResults)
        {
            foreach (var lease in await states.ReadNextAsync(cancellationToken).ConfigureAwait(false))
            {
                changes += lease.EstimatedLag;
            }
        }

        return changes;
    }
}
