using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Moq;
using OkCow.Application.EventStore;
using OkCow.Infrastructure.Cosmos.EventStore;

namespace OkCow.Infrastructure.Cosmos.Tests.EventStore;

public sealed class CosmosEventStoreReadTests
{
    private const string StreamId = "fund-7";

    private readonly Mock<Container> _container = new(MockBehavior.Strict);

    [Fact]
    public async Task GivenACurrentSnapshot_WhenReadingTheHead_ThenExactlyOnePointReadAndNoQuery()
    {
        var snapshot = new SnapshotDocument(4, "fund-v1", JsonSerializer.SerializeToElement(new { units = 4 }));
        _container.Setup(c => c.ReadItemAsync<EventDocument>("head", It.Is<PartitionKey>(pk => pk.Is(StreamId)), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.ItemResponse(EventDocument.ForHead(StreamId, 4, snapshot), "\"etag\""));

        var head = await new CosmosEventStore(_container.Object).ReadHeadAsync(StreamId);

        Assert.NotNull(head);
        Assert.Equal((StreamId, 4L, "\"etag\""), (head.StreamId, head.Version, head.ETag));
        Assert.NotNull(head.Snapshot);
        Assert.Equal((4L, "fund-v1", 4), (head.Snapshot.Version, head.Snapshot.Schema, head.Snapshot.Data.GetProperty("units").GetInt32()));
        _container.Verify(
            c => c.ReadItemAsync<EventDocument>(It.IsAny<string>(), It.IsAny<PartitionKey>(), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()),
            Times.Once);
        _container.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task GivenNoStream_WhenReadingTheHead_ThenNull()
    {
        _container.Setup(c => c.ReadItemAsync<EventDocument>("head", It.IsAny<PartitionKey>(), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(CosmosMocks.Exception(HttpStatusCode.NotFound));

        Assert.Null(await new CosmosEventStore(_container.Object).ReadHeadAsync(StreamId));
    }

    [Fact]
    public async Task GivenAStream_WhenReadingIt_ThenOneSinglePartitionQueryInVersionOrderAcrossPages()
    {
        var documents = Enumerable.Range(1, 3).Select(n => EventDocument.ForEvent(StreamId, n, TestEvents.Event(n))).ToList();
        var captured = GivenQuery(
            CosmosMocks.FeedResponse(documents.Take(2)),
            CosmosMocks.FeedResponse(documents.Skip(2)));

        var events = await new CosmosEventStore(_container.Object).ReadStreamAsync(StreamId, StreamReadOptions.All);

        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Version));
        Assert.All(events, e => Assert.Equal(StreamId, e.StreamId));
        var (query, options) = Assert.Single(captured);
        Assert.True(options.PartitionKey!.Value.Is(StreamId));
        Assert.Equal("SELECT * FROM c WHERE c.kind = 'event' AND c.version >= @fromVersion ORDER BY c.version", query.QueryText);
        Assert.Equal([("@fromVersion", (object)1L)], query.GetQueryParameters());
    }

    [Fact]
    public async Task GivenBoundsAndACutOff_WhenReadingAStream_ThenTheQueryFiltersByVersionAndTimestampString()
    {
        var captured = GivenQuery(CosmosMocks.FeedResponse(Array.Empty<EventDocument>()));
        var until = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.FromHours(2));

        var events = await new CosmosEventStore(_container.Object)
            .ReadStreamAsync(StreamId, new StreamReadOptions(FromVersion: 3, ToVersion: 9, Until: until));

        Assert.Empty(events);
        var (query, _) = Assert.Single(captured);
        Assert.Equal(
            "SELECT * FROM c WHERE c.kind = 'event' AND c.version >= @fromVersion AND c.version <= @toVersion AND c.timestamp <= @until ORDER BY c.version",
            query.QueryText);
        Assert.Equal(
            [("@fromVersion", (object)3L), ("@toVersion", 9L), ("@until", "2025-03-01T10:00:00.0000000Z")],
            query.GetQueryParameters());
    }

    [Fact]
    public async Task GivenAnEmptyRange_WhenReadingAStream_ThenNoQuery()
    {
        var events = await new CosmosEventStore(_container.Object)
            .ReadStreamAsync(StreamId, new StreamReadOptions(FromVersion: 5, ToVersion: 4));

        Assert.Empty(events);
        _container.VerifyNoOtherCalls();
    }

    private List<(QueryDefinition Query, QueryRequestOptions Options)> GivenQuery(params FeedResponse<EventDocument>[] pages)
    {
        var captured = new List<(QueryDefinition, QueryRequestOptions)>();
        _container.Setup(c => c.GetItemQueryIterator<EventDocument>(It.IsAny<QueryDefinition>(), It.IsAny<string>(), It.IsAny<QueryRequestOptions>()))
            .Callback((QueryDefinition query, string _, QueryRequestOptions options) => captured.Add((query, options)))
            .Returns(CosmosMocks.Iterator(endless: false, pages).Object);
        return captured;
    }
}
