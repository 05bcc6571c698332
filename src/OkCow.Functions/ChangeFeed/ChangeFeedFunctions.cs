using Microsoft.Azure.Functions.Worker;
using OkCow.Application.Documents;
using OkCow.Infrastructure.Cosmos.EventStore;

namespace OkCow.Functions.ChangeFeed;

/// <summary>
/// The events container's change feed, consumed twice with separate leases so sagas and projections advance
/// independently. Head documents share the container and are skipped. A handler failure parks its stream inside
/// the dispatcher; an infrastructure failure throws and the retry policy redelivers the batch (every handler is
/// idempotent, so redelivery is safe).
/// </summary>
public sealed class ChangeFeedFunctions(FeedDispatchers dispatchers)
{
    /// <summary>Resolved from the app setting, like the database <c>CosmosClientFactory</c> opens.</summary>
    public const string Database = "%OkCow__DatabaseName%";
    public const string Connection = "CosmosDb";

    /// <summary>The consumers (lease prefixes): each keeps its own place in the feed, and names it on metrics.</summary>
    public const string SagasConsumer = "sagas-";
    public const string ProjectionsConsumer = "projections-";

    [Function("RunSagas")]
    [ExponentialBackoffRetry(8, "00:00:02", "00:05:00")]
    public Task RunSagas(
        [CosmosDBTrigger(Database, Containers.Events, Connection = Connection, LeaseContainerName = Containers.Leases, LeaseContainerPrefix = SagasConsumer)]
        IReadOnlyList<EventDocument> documents,
        CancellationToken cancellationToken) =>
        dispatchers.Sagas.DispatchAsync(ToEvents(documents), cancellationToken);

    [Function("RunProjections")]
    [ExponentialBackoffRetry(8, "00:00:02", "00:05:00")]
    public Task RunProjections(
        [CosmosDBTrigger(Database, Containers.Events, Connection = Connection, LeaseContainerName = Containers.Leases, LeaseContainerPrefix = ProjectionsConsumer)]
        IReadOnlyList<EventDocument> documents,
        CancellationToken cancellationToken) =>
        dispatchers.Projections.DispatchAsync(ToEvents(documents), cancellationToken);

    private static List<Application.EventStore.StoredEvent> ToEvents(IReadOnlyList<EventDocument> documents) =>
        documents.Select(d => d.ToStoredEvent()).OfType<Application.EventStore.StoredEvent>().ToList();
}
