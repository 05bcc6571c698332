using System.Net;
using Microsoft.Azure.Cosmos;
using Moq;
using OkCow.Infrastructure.Cosmos.EventStore;

namespace OkCow.Infrastructure.Cosmos.Tests.EventStore;

public sealed class CosmosChangeFeedTests
{
    private readonly Mock<Container> _container = new(MockBehavior.Strict);
    private readonly List<(ChangeFeedStartFrom StartFrom, ChangeFeedMode Mode, ChangeFeedRequestOptions Options)> _iterators = [];

    [Fact]
    public async Task GivenNoContinuation_WhenReading_ThenTheLatestVersionFeedStartsFromTheBeginningAndHeadsAreSkipped()
    {
        GivenFeed(CosmosMocks.FeedResponse(
            [Head("investor-1", 2), Event("investor-1", 1), Event("investor-1", 2)],
            continuation: "token-1"));

        var page = await new CosmosEventStore(_container.Object).ReadAsync(null, 50);

        Assert.Equal([("investor-1", 1L), ("investor-1", 2L)], page.Events.Select(e => (e.StreamId, e.Version)));
        Assert.Equal("token-1", page.Continuation);
        var (startFrom, mode, options) = Assert.Single(_iterators);
        Assert.Contains("Beginning", startFrom.GetType().Name, StringComparison.Ordinal);
        Assert.Equal(ChangeFeedMode.LatestVersion, mode);
        Assert.Equal(50, options.PageSizeHint);
    }

    [Fact]
    public async Task GivenAContinuation_WhenReading_ThenTheFeedResumesFromIt()
    {
        GivenFeed(CosmosMocks.FeedResponse([Event("fund-1", 3)], continuation: "token-2"));

        var page = await new CosmosEventStore(_container.Object).ReadAsync("token-1", 10);

        Assert.Equal("token-2", page.Continuation);
        Assert.Contains("Continuation", Assert.Single(_iterators).StartFrom.GetType().Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenNothingNew_WhenReading_ThenAnEmptyPageWithTheSdkContinuation()
    {
        GivenFeed(CosmosMocks.FeedResponse(Array.Empty<EventDocument>(), HttpStatusCode.NotModified, "token-3"));

        var page = await new CosmosEventStore(_container.Object).ReadAsync("token-2", 10);

        Assert.Empty(page.Events);
        Assert.Equal("token-3", page.Continuation);
    }

    [Fact]
    public async Task GivenAPageOfHeadsOnly_WhenReading_ThenItReadsOnUntilEventsOrTheEnd()
    {
        GivenFeed(
            CosmosMocks.FeedResponse([Head("mcpi", 3)], continuation: "token-a"),
            CosmosMocks.FeedResponse([Event("mcpi", 4), Head("mcpi", 4)], continuation: "token-b"),
            CosmosMocks.FeedResponse([Event("mcpi", 5)], continuation: "token-c"));

        var page = await new CosmosEventStore(_container.Object).ReadAsync(null, 10);

        Assert.Equal([4L], page.Events.Select(e => e.Version));
        Assert.Equal("token-b", page.Continuation);
    }

    [Fact]
    public async Task GivenOneBatchOutOfOrderInAPage_WhenReading_ThenEachStreamIsInVersionOrder()
    {
        GivenFeed(CosmosMocks.FeedResponse(
            [Event("a", 2), Event("b", 1), Event("a", 1)],
            continuation: "token"));

        var page = await new CosmosEventStore(_container.Object).ReadAsync(null, 10);

        Assert.Equal([1L, 2L], page.Events.Where(e => e.StreamId == "a").Select(e => e.Version));
    }

    private static EventDocument Event(string streamId, long version) =>
        EventDocument.ForEvent(streamId, version, TestEvents.Event((int)version));

    private static EventDocument Head(string streamId, long version) => EventDocument.ForHead(streamId, version, null);

    private void GivenFeed(params FeedResponse<EventDocument>[] pages) =>
        _container.Setup(c => c.GetChangeFeedIterator<EventDocument>(It.IsAny<ChangeFeedStartFrom>(), It.IsAny<ChangeFeedMode>(), It.IsAny<ChangeFeedRequestOptions>()))
            .Callback((ChangeFeedStartFrom startFrom, ChangeFeedMode mode, ChangeFeedRequestOptions options) => _iterators.Add((startFrom, mode, options)))
            .Returns(CosmosMocks.Iterator(endless: true, pages).Object);
}
