using System.Collections.Concurrent;

namespace OkCow.LocalHost.ChangeFeed;

/// <summary>Where one change-feed consumer stands, as <c>/local/status</c> shows it.</summary>
/// <param name="Checkpoint">The stored continuation (for the embedded store, the position of the last handled event).</param>
/// <param name="CaughtUp">True once its latest read found nothing new: everything appended before that read is handled.</param>
/// <param name="CaughtUpAsOfRead">
/// The number (see <see cref="FeedStatus.Reads"/>) of the read that found nothing new; 0 while not caught up. A client
/// that saw <see cref="FeedStatus.Reads"/> at N after its write knows the write is handled once this exceeds N.
/// </param>
public sealed record FeedConsumerStatus(
    string Function,
    string Consumer,
    string? Checkpoint,
    bool CaughtUp,
    long CaughtUpAsOfRead,
    long EventsHandled,
    int FailuresInARow,
    string? LastError);

/// <summary>The change-feed consumers of this host, updated by their loops.</summary>
public sealed class FeedStatus(IEnumerable<FeedFunction> functions)
{
    private long _reads;

    private readonly ConcurrentDictionary<string, FeedConsumerStatus> _consumers = new(
        functions.Select(f => KeyValuePair.Create(f.Consumer, new FeedConsumerStatus(f.Name, f.Consumer, null, false, 0, 0, 0, null))),
        StringComparer.Ordinal);

    public IReadOnlyList<FeedConsumerStatus> Consumers => [.. _consumers.Values.OrderBy(c => c.Function, StringComparer.Ordinal)];

    /// <summary>How many change-feed reads the consumers have started, together: numbers each read.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>
    /// A consumer is caught up when its latest read found nothing new and nothing follows its stored position in the
    /// feed now (<paramref name="eventsBehind"/>, null where the store cannot count it): an event appended while it
    /// idles after an empty read leaves it one behind, whatever that read said.
    /// </summary>
    public static bool IsCaughtUp(FeedConsumerStatus consumer, long? eventsBehind)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        return consumer.CaughtUp && consumer.FailuresInARow == 0 && eventsBehind is null or 0;
    }

    /// <summary>True when the latest read of every consumer found nothing new (see <see cref="IsCaughtUp"/> for the whole answer).</summary>
    public bool CaughtUp => _consumers.Values.All(c => c.CaughtUp);

    /// <summary>Numbers a read that is about to start.</summary>
    public long NextRead() => Interlocked.Increment(ref _reads);

    public void Set(FeedConsumerStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        _consumers[status.Consumer] = status;
    }
}
