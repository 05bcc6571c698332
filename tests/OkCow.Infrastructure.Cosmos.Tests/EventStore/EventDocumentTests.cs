using System.Text;
using System.Text.Json;
using OkCow.Application.EventStore;
using OkCow.Infrastructure.Cosmos.EventStore;

namespace OkCow.Infrastructure.Cosmos.Tests.EventStore;

public sealed class EventDocumentTests
{
    private readonly CosmosSystemTextJsonSerializer _serializer = new();

    [Fact]
    public void GivenAnEvent_WhenStored_ThenTheDocumentHasTheCamelCaseShapeTheTriggerReads()
    {
        var newEvent = new NewEvent(
            Guid.Parse("6f1c2b7e-0000-4000-8000-000000000001"),
            "V1.UnitsIssued",
            JsonSerializer.SerializeToElement(new { units = 5, investorId = "i-1" }),
            new DateTimeOffset(2025, 3, 1, 9, 30, 0, 120, TimeSpan.FromHours(2)),
            new EventMetadata("corr", null, "operator"));

        var json = Serialize(EventDocument.ForEvent("fund-1", 12, newEvent));

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(
            ["id", "streamId", "kind", "version", "eventId", "type", "data", "timestamp", "correlationId", "actor"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("e-0000000000000000012", root.GetProperty("id").GetString());
        Assert.Equal("event", root.GetProperty("kind").GetString());
        Assert.Equal(12, root.GetProperty("version").GetInt64());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("data").ValueKind);
        Assert.Equal(5, root.GetProperty("data").GetProperty("units").GetInt32());
        Assert.Equal("2025-03-01T07:30:00.1200000Z", root.GetProperty("timestamp").GetString());
    }

    [Fact]
    public void GivenAStoredEvent_WhenReadBack_ThenItMapsToTheSameStoredEvent()
    {
        var newEvent = TestEvents.Event(3);

        var document = RoundTrip(EventDocument.ForEvent("investor-1", 3, newEvent));

        Assert.True(document.TryGetStoredEvent(out var stored));
        Assert.Equal(("investor-1", 3L, newEvent.EventId, newEvent.Type), (stored.StreamId, stored.Version, stored.EventId, stored.Type));
        Assert.Equal(newEvent.Timestamp, stored.Timestamp);
        Assert.Equal(TimeSpan.Zero, stored.Timestamp.Offset);
        Assert.Equal(newEvent.Metadata, stored.Metadata);
        Assert.Equal(newEvent.Data.GetRawText(), stored.Data.GetRawText());
    }

    [Fact]
    public void GivenAnEventWithATraceParent_WhenStoredAndReadBack_ThenTheDocumentCarriesItAsTraceParent()
    {
        const string traceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        var newEvent = TestEvents.Event(1) with { Metadata = new("corr", null, "operator", traceParent) };

        var json = Serialize(EventDocument.ForEvent("investor-1", 1, newEvent));

        using var document = JsonDocument.Parse(json);
        Assert.Equal(traceParent, document.RootElement.GetProperty("traceParent").GetString());
        Assert.Equal(traceParent, RoundTrip(EventDocument.ForEvent("investor-1", 1, newEvent)).ToStoredEvent()!.Metadata.TraceParent);
    }

    [Fact]
    public void GivenTheWorkersDefaultOptions_WhenItDeserialisesADocument_ThenTheNamesStillMatch()
    {
        var newEvent = TestEvents.Event(1);
        var json = Serialize(EventDocument.ForEvent("investor-1", 1, newEvent));

        var document = JsonSerializer.Deserialize<EventDocument>(json, JsonSerializerOptions.Default)!;

        Assert.Equal(newEvent.EventId, document.ToStoredEvent()!.EventId);
    }

    [Fact]
    public void GivenAHeadWithASnapshot_WhenReadBack_ThenItIsAHeadAndNotAnEvent()
    {
        var snapshot = new SnapshotDocument(7, "investor-v2", JsonSerializer.SerializeToElement(new { cash = 70 }));

        var head = RoundTrip(EventDocument.ForHead("investor-1", 7, snapshot));

        Assert.True(head.IsHead);
        Assert.Equal("head", head.Id);
        Assert.Null(head.ToStoredEvent());
        Assert.False(head.TryGetStoredEvent(out _));
        var streamHead = head.ToStreamHead();
        Assert.Equal(7, streamHead.Version);
        Assert.Equal(70, streamHead.Snapshot!.Data.GetProperty("cash").GetInt32());
        Assert.Equal(["id", "streamId", "kind", "version", "snapshot"], ParseNames(Serialize(head)));
    }

    [Fact]
    public void GivenTimestamps_WhenFormatted_ThenStringOrderIsTimeOrder()
    {
        DateTimeOffset[] times =
        [
            new(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(9)),
            new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1),
            new(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(-5)),
            new(2025, 12, 31, 23, 59, 59, 999, TimeSpan.Zero),
        ];

        var formatted = times.Select(EventDocument.FormatTimestamp).ToList();

        Assert.All(formatted, f => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$", f));
        Assert.Equal(times.OrderBy(t => t).Select(EventDocument.FormatTimestamp), formatted.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void GivenVersions_WhenMadeIntoIds_ThenIdOrderIsVersionOrder()
    {
        long[] versions = [1, 9, 10, 99, 100, long.MaxValue];

        var ids = versions.Select(EventDocument.EventDocumentId).ToList();

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.Equal("e-9223372036854775807", ids[^1]);
    }

    private string Serialize<T>(T value)
    {
        using var reader = new StreamReader(_serializer.ToStream(value), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private EventDocument RoundTrip(EventDocument document) => _serializer.FromStream<EventDocument>(_serializer.ToStream(document));

    private static IEnumerable<string> ParseNames(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateObject().Select(p => p.Name)];
    }
}
