using Microsoft.Extensions.Logging;
using OkCow.Application.Documents;
using OkCow.Application.EventStore;
using OkCow.Application.Projections;
using OkCow.Application.Serialization;

namespace OkCow.Application.ChangeFeed;

/// <summary>
/// Feeds a change-feed batch to every handler, stream by stream in version order. A handler that fails on an event
/// parks that stream for itself (recorded in the <see cref="Containers.Parked"/> container, visible and retried at the
/// start of every later batch by re-reading the stream from the log) while every other stream keeps flowing.
/// The same code runs under the Cosmos DB trigger in Azure and the embedded change feed locally.
/// </summary>
/// <remarks>
/// Each batch is deserialised once and runs inside one <see cref="ViewBatch"/>: every view document the handlers touch
/// is read once (handlers that can name them ahead read them in one round) and written once, when every handler has
/// seen the batch (one transaction on the embedded store), and before any change to a parked list (so a parked or
/// resumed stream never runs ahead of, or behind, what its views hold).
/// </remarks>
public sealed class ChangeFeedDispatcher(
    IEnumerable<IEventHandler> handlers,
    EventTypes eventTypes,
    IEventStore eventStore,
    IDocumentStore documents,
    TimeProvider clock,
    ILogger<ChangeFeedDispatcher> logger,
    Telemetry.OkCowTelemetry? telemetry = null,
    string consumer = "")
{
    private const int MaxParkedPerHandler = 1000;

    /// <summary>How long a handler's "nothing parked" is trusted before the parked container is asked again.</summary>
    private static readonly TimeSpan NothingParkedFor = TimeSpan.FromSeconds(30);

    private readonly IReadOnlyList<IEventHandler> _handlers = handlers.ToList();

    // Per handler: when its parked list was last seen empty, or absent after a park (or before the first look). Most
    // batches then run no parked-list query at all; another instance's parking is still found within NothingParkedFor.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _seenNothingParkedAt = new(StringComparer.Ordinal);

    public IReadOnlyList<string> HandlerNames => _handlers.Select(h => h.Name).ToList();

    public async Task DispatchAsync(IReadOnlyList<StoredEvent> batch, CancellationToken cancellationToken = default)
    {
        var streams = batch
            .GroupBy(e => e.StreamId)
            .Select(g => g.OrderBy(e => e.Version).Select(ToEnvelope).ToList())
            .ToList();
        using var views = ViewBatch.Begin();
        foreach (var handler in _handlers)
        {
            await DispatchToAsync(handler, streams, views.Batch, cancellationToken).ConfigureAwait(false);
        }

        await views.Batch.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One handler's part of a batch: its parked streams retried, then every other stream.</summary>
    private async Task DispatchToAsync(IEventHandler handler, IReadOnlyList<IReadOnlyList<EventEnvelope>> streams, ViewBatch views, CancellationToken cancellationToken)
    {
        var parked = await RetryParkedAsync(handler, views, cancellationToken).ConfigureAwait(false);
        if (handler is IPrefetchingHandler prefetching)
        {
            await prefetching.PrefetchAsync([.. streams.Where(s => !parked.Contains(s[0].StreamId)).SelectMany(s => s)], cancellationToken).ConfigureAwait(false);
        }

        foreach (var stream in streams)
        {
            if (parked.Contains(stream[0].StreamId))
            {
                // Its events are replayed from the log once the parked one goes through.
                continue;
            }

            await HandleStreamAsync(handler, stream, views, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Streams parked by any handler, for operators.</summary>
    public async Task<IReadOnlyList<ParkedStream>> ListParkedAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<ParkedStream>();
        foreach (var handler in _handlers)
        {
            all.AddRange(await documents.ListAsync<ParkedStream>(Containers.Parked, handler.Name, 0, MaxParkedPerHandler, cancellationToken).ConfigureAwait(false));
        }

        return all;
    }

    private EventEnvelope ToEnvelope(StoredEvent stored) => new(stored, eventTypes.Deserialize(stored));

    private async Task<bool> HandleStreamAsync(IEventHandler handler, IReadOnlyList<EventEnvelope> events, ViewBatch views, CancellationToken cancellationToken)
    {
        foreach (var envelope in events)
        {
            try
            {
                // One span per handler per event, continuing the trace of the command that appended it, so a saga
                // step's own command (and the events it appends) and each projection's work join that trace.
                using var activity = Telemetry.OkCowTelemetry.Source.StartActivity(
                    $"{handler.Name} {envelope.Stored.Type}",
                    System.Diagnostics.ActivityKind.Consumer,
                    System.Diagnostics.ActivityContext.TryParse(envelope.Stored.Metadata.TraceParent, null, out var parent) ? parent : default);
                activity?.SetTag("okcow.handler", handler.Name);
                activity?.SetTag("okcow.stream", envelope.Stored.StreamId);
                activity?.SetTag("okcow.version", envelope.Stored.Version);
                await handler.HandleAsync(envelope, cancellationToken).ConfigureAwait(false);
                telemetry?.EventHandled(consumer, handler.Name, clock.GetUtcNow() - envelope.Stored.Timestamp);
            }
            catch (Exception error) when (error is not OperationCanceledException and not ViewConflictException)
            {
                await views.FlushAsync(cancellationToken).ConfigureAwait(false);
                await ParkAsync(handler, envelope.Stored, error, cancellationToken).ConfigureAwait(false);
                return false;
            }
        }

        return true;
    }

    private async Task ParkAsync(IEventHandler handler, StoredEvent stored, Exception error, CancellationToken cancellationToken)
    {
        _seenNothingParkedAt.TryRemove(handler.Name, out _);
        telemetry?.StreamParked(handler.Name);
        var now = clock.GetUtcNow();
        var existing = await documents.GetAsync<ParkedStream>(Containers.Parked, handler.Name, stored.StreamId, cancellationToken).ConfigureAwait(false);
        var parked = existing?.Value is { } previous
            ? previous with { FromVersion = stored.Version, EventType = stored.Type, Error = error.Message, Attempts = previous.Attempts + 1, LastAttemptAt = now }
            : new ParkedStream(handler.Name, stored.StreamId, stored.Version, stored.Type, error.Message, 1, now, now);
        await documents.UpsertAsync(Containers.Parked, handler.Name, stored.StreamId, parked, cancellationToken).ConfigureAwait(false);
        logger.LogError(error, "{Handler} parked stream {StreamId} at version {Version} ({EventType})", handler.Name, stored.StreamId, stored.Version, stored.Type);
    }

    /// <summary>Replays each parked stream of the handler from the log; returns the streams that stay parked.</summary>
    private async Task<HashSet<string>> RetryParkedAsync(IEventHandler handler, ViewBatch views, CancellationToken cancellationToken)
    {
        var stillParked = new HashSet<string>(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        if (_seenNothingParkedAt.TryGetValue(handler.Name, out var seenAt) && now - seenAt < NothingParkedFor)
        {
            return stillParked;
        }

        var parked = await documents.ListAsync<ParkedStream>(Containers.Parked, handler.Name, 0, MaxParkedPerHandler, cancellationToken).ConfigureAwait(false);
        foreach (var entry in parked)
        {
            var events = await eventStore.ReadStreamAsync(entry.StreamId, new StreamReadOptions(entry.FromVersion), cancellationToken).ConfigureAwait(false);
            if (await HandleStreamAsync(handler, [.. events.Select(ToEnvelope)], views, cancellationToken).ConfigureAwait(false))
            {
                await views.FlushAsync(cancellationToken).ConfigureAwait(false);
                await documents.DeleteAsync(Containers.Parked, handler.Name, entry.StreamId, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("{Handler} resumed stream {StreamId} from version {Version}", handler.Name, entry.StreamId, entry.FromVersion);
            }
            else
            {
                stillParked.Add(entry.StreamId);
            }
        }

        if (stillParked.Count == 0)
        {
            _seenNothingParkedAt[handler.Name] = now;
        }

        return stillParked;
    }
}
