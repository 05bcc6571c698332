using OkCow.Application.EventStore;

namespace OkCow.Application.ChangeFeed;

/// <summary>A stored event with its domain event, deserialised and upcast once per batch.</summary>
public sealed record EventEnvelope(StoredEvent Stored, object Event)
{
    public string StreamId => Stored.StreamId;

    public long Version => Stored.Version;
}

/// <summary>
/// A consumer of the change feed: a projection or a saga. It must be idempotent (a repeated delivery changes nothing)
/// and may rely on each stream's events arriving in version order, but not on any order across streams.
/// Throwing parks the event's stream for this handler only.
/// </summary>
public interface IEventHandler
{
    /// <summary>Stable name: the partition of this handler's parked streams.</summary>
    string Name { get; }

    Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken);
}

/// <summary>
/// A handler that can name, before a batch runs, the view documents the batch's events will touch, so that they are
/// read in one round (<see cref="Projections.ViewWriter.PrefetchAsync"/>) rather than one point read each.
/// </summary>
public interface IPrefetchingHandler : IEventHandler
{
    Task PrefetchAsync(IReadOnlyList<EventEnvelope> batch, CancellationToken cancellationToken);
}
