using Microsoft.Extensions.Logging;
using OkCow.Application.ChangeFeed;
using OkCow.Application.Documents;
using OkCow.Application.EventStore;
using OkCow.Application.Serialization;

namespace OkCow.Functions.ChangeFeed;

/// <summary>The sagas and the projections, each behind its own dispatcher (and so its own lease and parking).</summary>
public sealed class FeedDispatchers(
    IEnumerable<IEventHandler> handlers,
    EventTypes eventTypes,
    IEventStore eventStore,
    IDocumentStore documents,
    TimeProvider clock,
    ILogger<ChangeFeedDispatcher> logger)
{
    public ChangeFeedDispatcher Sagas { get; } = new(handlers.Where(h => h.Name.StartsWith("saga:", StringComparison.Ordinal)), eventTypes, eventStore, documents, clock, logger);

    public ChangeFeedDispatcher Projections { get; } = new(handlers.Where(h => !h.Name.StartsWith("saga:", StringComparison.Ordinal)), eventTypes, eventStore, documents, clock, logger);

    /// <summary>Each dispatcher under the consumer (lease prefix) that feeds it.</summary>
    public IReadOnlyList<(string Consumer, ChangeFeedDispatcher Dispatcher)> ByConsumer =>
        [(ChangeFeedFunctions.SagasConsumer, Sagas), (ChangeFeedFunctions.ProjectionsConsumer, Projections)];
}
