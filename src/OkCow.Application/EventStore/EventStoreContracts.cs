using System.Text.Json;

namespace OkCow.Application.EventStore;

/// <summary>Who caused an event and why: carried on every stored event.</summary>
/// <param name="CorrelationId">Ties together everything one request set in motion.</param>
/// <param name="CausationId">The id of the event (or request) that directly caused this one.</param>
/// <param name="Actor">Who acted: a user name, "operator", or "saga:{name}".</param>
/// <param name="TraceParent">
/// The W3C <c>traceparent</c> of the span that appended the event (trace id and span id), so the work the event sets in
/// motion (saga steps, projections) continues the same trace; null for events written before it was recorded.
/// </param>
public sealed record EventMetadata(string CorrelationId, string? CausationId, string Actor, string? TraceParent = null);

/// <summary>An event ready to append. <paramref name="Type"/> is the stored, versioned name ("V1.UnitsIssued").</summary>
/// <param name="IsStepKey">
/// The event id names a saga step (derived from its cause): the store refuses the append with
/// <see cref="DuplicateEventException"/> when the stream already holds an event with that id, in the same transaction
/// that checks the version. That is how a repeated step is recognised without the aggregate remembering step ids.
/// </param>
public sealed record NewEvent(Guid EventId, string Type, JsonElement Data, DateTimeOffset Timestamp, EventMetadata Metadata, bool IsStepKey = false);

/// <summary>An event as the store holds it.</summary>
/// <param name="Version">Position in its stream, starting at 1.</param>
public sealed record StoredEvent(
    string StreamId,
    long Version,
    Guid EventId,
    string Type,
    JsonElement Data,
    DateTimeOffset Timestamp,
    EventMetadata Metadata);

/// <summary>State folded up to <paramref name="Version"/>, serialised by the pipeline; <paramref name="Schema"/> invalidates old shapes.</summary>
public sealed record Snapshot(long Version, string Schema, JsonElement Data);

/// <summary>
/// What a stream's head document says: its version and, if one was written, the latest snapshot. <paramref name="ETag"/>
/// is the store's concurrency token for the head, where the store has one (Cosmos DB); handing it back in
/// <see cref="ExpectedVersion.Exactly(long, string?)"/> lets the append skip reading the head again.
/// </summary>
public sealed record StreamHead(string StreamId, long Version, Snapshot? Snapshot, string? ETag = null);

/// <summary>
/// The expected version of a stream at append time, optionally with the ETag of the head read at that version
/// (a hint a store may use to guard the write directly; the version is what is checked either way).
/// </summary>
public readonly record struct ExpectedVersion(long Value, string? HeadETag = null)
{
    /// <summary>The stream must not exist yet.</summary>
    public static readonly ExpectedVersion NoStream = new(0);

    public static ExpectedVersion Exactly(long version) => Exactly(version, null);

    public static ExpectedVersion Exactly(long version, string? headETag) =>
        version >= 0 ? new(version, version == 0 ? null : headETag) : throw new ArgumentOutOfRangeException(nameof(version));

    public override string ToString() => Value == 0 ? "no stream" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A bounded piece of a stream's state kept beside its head, in the stream's partition (a segment of resting orders,
/// say), so that the head stays small however much state the aggregate holds. Pages are derived state like the
/// snapshot: written only by an append, in the same transaction, and read by id.
/// </summary>
public sealed record StreamPage(string PageId, JsonElement Data);

/// <summary>A page an append writes (<paramref name="Data"/>) or deletes (<paramref name="Data"/> null).</summary>
public sealed record PageWrite(string PageId, JsonElement? Data);

/// <summary>What an append wrote.</summary>
public sealed record AppendResult(string StreamId, long FirstVersion, long LastVersion);

/// <summary>Which part of a stream to read. Versions are inclusive; <see cref="Until"/> keeps events with Timestamp &lt;= Until.</summary>
public sealed record StreamReadOptions(long FromVersion = 1, long? ToVersion = null, DateTimeOffset? Until = null)
{
    public static readonly StreamReadOptions All = new();
}

/// <summary>The stream's version differed from the expected one: another writer won.</summary>
public sealed class WrongExpectedVersionException(string streamId, ExpectedVersion expected, long? actual)
    : Exception($"Stream '{streamId}' was expected at {expected} but is at {(actual is null ? "an unknown version" : actual.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))}.")
{
    public string StreamId { get; } = streamId;
    public ExpectedVersion Expected { get; } = expected;
    public long? Actual { get; } = actual;
}

/// <summary>The stream already holds an event with this id: the saga step that carries it was recorded before.</summary>
public sealed class DuplicateEventException(string streamId, Guid eventId, Exception? inner = null)
    : InvalidOperationException($"Event {eventId} cannot be appended to stream '{streamId}': an event with that id is already stored.", inner)
{
    public string StreamId { get; } = streamId;
    public Guid EventId { get; } = eventId;
}

/// <summary>An append that cannot be written atomically (too many or too large events for one transaction).</summary>
public sealed class AppendTooLargeException(string streamId, string reason)
    : Exception($"Append to stream '{streamId}' cannot be written atomically: {reason}")
{
    public string StreamId { get; } = streamId;
}

/// <summary>
/// The write side's store: streams of events, each partitioned by its id, appended at an expected version.
/// Implemented on Cosmos DB (one TransactionalBatch per append, guarded by the head's ETag) and on an
/// embedded SQLite file with the same semantics.
/// </summary>
public interface IEventStore
{
    /// <summary>
    /// Appends <paramref name="events"/> atomically if the stream is at <paramref name="expected"/>, and replaces the
    /// head's snapshot with <paramref name="snapshot"/> when one is given (its version must be the new stream version).
    /// Throws <see cref="WrongExpectedVersionException"/> when another writer got there first.
    /// </summary>
    Task<AppendResult> AppendAsync(
        string streamId,
        ExpectedVersion expected,
        IReadOnlyList<NewEvent> events,
        Snapshot? snapshot = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Like <see cref="AppendAsync"/>, and in the same transaction writes or deletes <paramref name="pages"/> of the
    /// stream. A page only deleted must exist. Every event, page, step marker and the head count toward the one batch.
    /// </summary>
    Task<AppendResult> AppendWithPagesAsync(
        string streamId,
        ExpectedVersion expected,
        IReadOnlyList<NewEvent> events,
        Snapshot snapshot,
        IReadOnlyList<PageWrite> pages,
        CancellationToken cancellationToken = default);

    /// <summary>The pages of <paramref name="pageIds"/> that exist (one point read each), in no particular order.</summary>
    Task<IReadOnlyList<StreamPage>> ReadPagesAsync(
        string streamId,
        IReadOnlyCollection<string> pageIds,
        CancellationToken cancellationToken = default);

    /// <summary>One point read of the stream's head; null when the stream does not exist.</summary>
    Task<StreamHead?> ReadHeadAsync(string streamId, CancellationToken cancellationToken = default);

    /// <summary>The stream's events in version order, within <paramref name="options"/>; empty when the stream does not exist.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(
        string streamId,
        StreamReadOptions options,
        CancellationToken cancellationToken = default);
}

/// <summary>A page of the change feed and where to resume after it.</summary>
public sealed record ChangeFeedPage(IReadOnlyList<StoredEvent> Events, string Continuation);

/// <summary>
/// The store's change feed, with Cosmos's guarantees: every event at least once, each stream's events in version
/// order, resumable from a continuation the consumer stores after it has handled a page.
/// </summary>
public interface IChangeFeed
{
    /// <summary>Events after <paramref name="continuation"/> (null: from the beginning), at most <paramref name="maxItems"/>.</summary>
    Task<ChangeFeedPage> ReadAsync(string? continuation, int maxItems, CancellationToken cancellationToken = default);
}

/// <summary>Durable checkpoints of change-feed consumers (the embedded host's equivalent of the leases container).</summary>
public interface ICheckpointStore
{
    Task<string?> GetAsync(string consumer, CancellationToken cancellationToken = default);

    Task SetAsync(string consumer, string continuation, CancellationToken cancellationToken = default);
}

/// <summary>What a consumer at a continuation has still to read: a store that can count it says so (the embedded store).</summary>
public interface IChangeFeedBacklog
{
    /// <summary>Events after <paramref name="continuation"/> (null: from the beginning) and the time of the oldest of them.</summary>
    Task<(long Events, DateTimeOffset? Oldest)> BacklogAsync(string? continuation, CancellationToken cancellationToken = default);
}

/// <summary>
/// What a consumer whose place is kept outside the host (the Cosmos DB trigger's leases) has still to read, as the store
/// estimates it (the Cosmos change feed estimator).
/// </summary>
public interface IChangeFeedEstimator
{
    /// <summary>Changes not yet read by <paramref name="consumer"/> (its lease prefix), summed over the feed's partitions.</summary>
    Task<long> EstimateAsync(string consumer, CancellationToken cancellationToken = default);
}
