using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using OkCow.Application.EventStore;

namespace OkCow.Infrastructure.Cosmos.EventStore;

/// <summary>
/// A document of the <c>events</c> container (partition key path <c>/streamId</c>): either one event
/// (<see cref="Kind"/> = <c>"event"</c>), the stream's head (<c>"head"</c>), which carries the stream version and
/// the latest snapshot, or a saga step's marker (<c>"step"</c>, id <c>step-{eventId}</c>), whose create-only write in
/// the append's batch is what refuses a repeated step, or a page of the stream's state (<c>"page"</c>, id
/// <c>page-{pageId}</c>). This is also the shape the Functions <c>CosmosDBTrigger</c> delivers, so the JSON names are
/// fixed here rather than left to whichever serializer options the caller uses.
/// </summary>
public sealed record EventDocument
{
    public const string EventKind = "event";
    public const string HeadKind = "head";
    public const string HeadId = "head";
    public const string StepKind = "step";
    public const string PageKind = "page";

    // Seven fractional digits and a fixed "Z" keep every timestamp the same length, so ordinal string order is time
    // order and "c.timestamp <= @until" works inside a Cosmos query.
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("streamId")]
    public required string StreamId { get; init; }

    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("version")]
    public long Version { get; init; }

    [JsonPropertyName("eventId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? EventId { get; init; }

    [JsonPropertyName("type")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; init; }

    [JsonPropertyName("data")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Data { get; init; }

    [JsonPropertyName("timestamp")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Timestamp { get; init; }

    [JsonPropertyName("correlationId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CorrelationId { get; init; }

    [JsonPropertyName("causationId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CausationId { get; init; }

    [JsonPropertyName("actor")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Actor { get; init; }

    /// <summary>The W3C traceparent of the span that appended the event; absent on events written before it was kept.</summary>
    [JsonPropertyName("traceParent")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceParent { get; init; }

    [JsonPropertyName("snapshot")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SnapshotDocument? Snapshot { get; init; }

    [JsonIgnore]
    public bool IsHead => Kind == HeadKind;

    /// <summary>The id of the event document at <paramref name="version"/>: unique within its stream's partition.</summary>
    public static string EventDocumentId(long version) =>
        string.Create(CultureInfo.InvariantCulture, $"e-{version:D19}");

    /// <summary>A UTC timestamp with exactly seven fractional digits, so that string order is time order.</summary>
    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTimestamp(string timestamp) =>
        DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static EventDocument ForEvent(string streamId, long version, NewEvent newEvent)
    {
        ArgumentNullException.ThrowIfNull(newEvent);
        return new EventDocument
        {
            Id = EventDocumentId(version),
            StreamId = streamId,
            Kind = EventKind,
            Version = version,
            EventId = newEvent.EventId,
            Type = newEvent.Type,
            Data = newEvent.Data,
            Timestamp = FormatTimestamp(newEvent.Timestamp),
            CorrelationId = newEvent.Metadata.CorrelationId,
            CausationId = newEvent.Metadata.CausationId,
            Actor = newEvent.Metadata.Actor,
            TraceParent = newEvent.Metadata.TraceParent,
        };
    }

    /// <summary>The id of the marker of a saga step: unique within its stream's partition, like every document id.</summary>
    public static string StepDocumentId(Guid eventId) => $"step-{eventId:D}";

    /// <summary>A marker with no body: it only has to exist, so a second create of the same id fails with 409.</summary>
    public static EventDocument ForStep(string streamId, Guid eventId) =>
        new()
        {
            Id = StepDocumentId(eventId),
            StreamId = streamId,
            Kind = StepKind,
        };

    /// <summary>The id of a page of the stream's state (<see cref="StreamPage"/>), apart from event, head and step ids.</summary>
    public static string PageDocumentId(string pageId) => $"page-{pageId}";

    /// <summary>A page of the stream's state, kept beside the head in the stream's partition.</summary>
    public static EventDocument ForPage(string streamId, string pageId, JsonElement data) =>
        new()
        {
            Id = PageDocumentId(pageId),
            StreamId = streamId,
            Kind = PageKind,
            Data = data,
        };

    public static EventDocument ForHead(string streamId, long version, SnapshotDocument? snapshot) =>
        new()
        {
            Id = HeadId,
            StreamId = streamId,
            Kind = HeadKind,
            Version = version,
            Snapshot = snapshot,
        };

    /// <summary>The stored event this document holds; null for a head document.</summary>
    public StoredEvent? ToStoredEvent() => TryGetStoredEvent(out var stored) ? stored : null;

    /// <summary>False for a head document; the change-feed functions use this to skip heads.</summary>
    public bool TryGetStoredEvent([NotNullWhen(true)] out StoredEvent? storedEvent)
    {
        if (Kind != EventKind)
        {
            storedEvent = null;
            return false;
        }

        storedEvent = new StoredEvent(
            StreamId,
            Version,
            EventId ?? throw Malformed("eventId"),
            Type ?? throw Malformed("type"),
            Data ?? throw Malformed("data"),
            ParseTimestamp(Timestamp ?? throw Malformed("timestamp")),
            new EventMetadata(CorrelationId ?? throw Malformed("correlationId"), CausationId, Actor ?? throw Malformed("actor"), TraceParent));
        return true;
    }

    /// <summary>The head this document holds; throws for an event document.</summary>
    public StreamHead ToStreamHead(string? etag = null) =>
        IsHead
            ? new StreamHead(StreamId, Version, Snapshot?.ToSnapshot(), etag)
            : throw new InvalidOperationException($"Document '{Id}' of stream '{StreamId}' is not a head document.");

    private InvalidDataException Malformed(string property) =>
        new($"Event document '{Id}' of stream '{StreamId}' has no '{property}'.");
}

/// <summary>The snapshot a head document carries.</summary>
public sealed record SnapshotDocument(
    [property: JsonPropertyName("version")] long Version,
    [property: JsonPropertyName("schema")] string Schema,
    [property: JsonPropertyName("data")] JsonElement Data)
{
    public static SnapshotDocument From(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new(snapshot.Version, snapshot.Schema, snapshot.Data);
    }

    public Snapshot ToSnapshot() => new(Version, Schema, Data);
}
