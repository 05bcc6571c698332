using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Moq;
using OkCow.Application.EventStore;
using OkCow.Infrastructure.Cosmos.EventStore;

namespace OkCow.Infrastructure.Cosmos.Tests.EventStore;

public sealed class CosmosEventStoreAppendTests
{
    private const string StreamId = "investor-42";

    // Strict: any Cosmos call a test does not expect (a read, a query) fails it.
    private readonly Mock<Container> _container = new(MockBehavior.Strict);
    private readonly List<PartitionKey> _batchPartitionKeys = [];

    [Fact]
    public async Task GivenNoStream_WhenAppending_ThenOneBatchCreatesTheHeadAndTheEventsWithoutAnyRead()
    {
        var batch = UseBatch();
        var events = TestEvents.Events(3);

        var result = await Store().AppendAsync(StreamId, ExpectedVersion.NoStream, events);

        Assert.Equal(new AppendResult(StreamId, 1, 3), result);
        Assert.Equal(1, batch.Executions);
        Assert.True(Assert.Single(_batchPartitionKeys).Is(StreamId));
        Assert.Equal(
            [("create", "head"), ("create", "e-0000000000000000001"), ("create", "e-0000000000000000002"), ("create", "e-0000000000000000003")],
            batch.Operations.Select(o => (o.Kind, o.Id)));
        var head = batch.Operations[0].Document;
        Assert.Equal((EventDocument.HeadKind, 3L, StreamId), (head.Kind, head.Version, head.StreamId));
        Assert.All(batch.Operations, o => Assert.Null(o.IfMatchEtag));
        Assert.Equal([1L, 2L, 3L], batch.Operations.Skip(1).Select(o => o.Document.Version));
        Assert.Equal(events.Select(e => e.EventId), batch.Operations.Skip(1).Select(o => o.Document.EventId!.Value));
        Assert.All(batch.Operations.Skip(1), o => Assert.Equal((EventDocument.EventKind, StreamId), (o.Document.Kind, o.Document.StreamId)));
        _container.Verify(c => c.ReadItemAsync<EventDocument>(It.IsAny<string>(), It.IsAny<PartitionKey>(), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task GivenAStreamAtVersion2_WhenAppending_ThenTheHeadIsReadOnceAndReplacedIfItsEtagStillMatches()
    {
        GivenHead(2, "\"etag-2\"");
        var batch = UseBatch();

        var result = await Store().AppendAsync(StreamId, ExpectedVersion.Exactly(2), TestEvents.Events(2));

        Assert.Equal(new AppendResult(StreamId, 3, 4), result);
        VerifyHeadReadOnce();
        Assert.True(Assert.Single(_batchPartitionKeys).Is(StreamId));
        Assert.Equal(
            [("replace", "head", "\"etag-2\""), ("create", "e-0000000000000000003", null), ("create", "e-0000000000000000004", null)],
            batch.Operations.Select(o => (o.Kind, o.Id, o.IfMatchEtag)));
        Assert.Equal(4, batch.Operations[0].Document.Version);
        Assert.Equal([3L, 4L], batch.Operations.Skip(1).Select(o => o.Document.Version));
        Assert.Equal(1, batch.Executions);
    }

    [Fact]
    public async Task GivenTheHeadsETagFromTheLoad_WhenAppendingWithASnapshot_ThenNoReadAndTheReplaceIsGuardedByThatETag()
    {
        var batch = UseBatch();
        var snapshot = new Snapshot(4, "investor-v1", JsonSerializer.SerializeToElement(new { cash = 40 }));

        var result = await Store().AppendAsync(StreamId, ExpectedVersion.Exactly(2, "\"etag-2\""), TestEvents.Events(2), snapshot);

        Assert.Equal(new AppendResult(StreamId, 3, 4), result);
        _container.Verify(c => c.ReadItemAsync<EventDocument>(It.IsAny<string>(), It.IsAny<PartitionKey>(), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Equal(
            [("replace", "head", "\"etag-2\""), ("create", "e-0000000000000000003", null), ("create", "e-0000000000000000004", null)],
            batch.Operations.Select(o => (o.Kind, o.Id, o.IfMatchEtag)));
        Assert.Equal((4L, 4L), (batch.Operations[0].Document.Version, batch.Operations[0].Document.Snapshot!.Version));
    }

    [Fact]
    public async Task GivenASagaStep_WhenAppending_ThenItsMarkerIsCreatedInTheSameBatch()
    {
        var batch = UseBatch();
        var snapshot = new Snapshot(4, "fund-v2", JsonSerializer.SerializeToElement(new { cash = 40 }));
        var events = TestEvents.Events(2);
        var step = events[0] with { IsStepKey = true };

        await Store().AppendAsync(StreamId, ExpectedVersion.Exactly(2, "\"etag-2\""), [step, events[1]], snapshot);

        Assert.Equal(1, batch.Executions);
        Assert.Equal(
            [("replace", "head"), ("create", "e-0000000000000000003"), ("create", "e-0000000000000000004"), ("create", EventDocument.StepDocumentId(step.EventId))],
            batch.Operations.Select(o => (o.Kind, o.Id)));
        Assert.Equal((EventDocument.StepKind, StreamId), (batch.Operations[3].Document.Kind, batch.Operations[3].Document.StreamId));
        Assert.False(batch.Operations[3].Document.TryGetStoredEvent(out _));
    }

    [Fact]
    public async Task GivenPages_WhenAppending_ThenTheyAreUpsertedAndDeletedInTheSameBatchAfterTheEvents()
    {
        var batch = UseBatch();
        var snapshot = new Snapshot(3, "book-v3", JsonSerializer.SerializeToElement(new { next = 2 }));
        var step = TestEvents.Events(1)[0] with { IsStepKey = true };
        PageWrite[] pages = [new("s-1", JsonSerializer.SerializeToElement(new { orders = 1 })), new("s-0", null)];

        await Store().AppendWithPagesAsync(StreamId, ExpectedVersion.Exactly(2, "\"etag-2\""), [step], snapshot, pages);

        Assert.Equal(1, batch.Executions);
        Assert.Equal(
            [("replace", "head"), ("create", "e-0000000000000000003"), ("create", EventDocument.StepDocumentId(step.EventId)), ("upsert", "page-s-1"), ("delete", "page-s-0")],
            batch.Operations.Select(o => (o.Kind, o.Id)));
        var page = batch.Operations[3].Document;
        Assert.Equal((EventDocument.PageKind, StreamId, "{\"orders\":1}"), (page.Kind, page.StreamId, page.Data!.Value.GetRawText()));
        Assert.False(page.TryGetStoredEvent(out _));
    }

    [Fact]
    public async Task GivenEventsAndPagesOverOneHundredOperations_WhenAppending_ThenTooLargeAndNothingIsSent()
    {
        var snapshot = new Snapshot(58, "book-v3", JsonSerializer.SerializeToElement(1));
        var pages = Enumerable.Range(1, 50).Select(n => new PageWrite($"s-{n}", JsonSerializer.SerializeToElement(n))).ToList();

        await Assert.ThrowsAsync<AppendTooLargeException>(
            () => Store().AppendWithPagesAsync(StreamId, ExpectedVersion.Exactly(8, "\"etag-8\""), TestEvents.Events(50), snapshot, pages));

        _container.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task GivenPagesInThePartition_WhenReadById_ThenOnePointReadEachAndMissingOnesAreLeftOut()
    {
        var present = EventDocument.ForPage(StreamId, "l-12000", JsonSerializer.SerializeToElement(new { front = 3 }));
        _container.Setup(c => c.ReadItemAsync<EventDocument>("page-l-12000", It.Is<PartitionKey>(k => k.Is(StreamId)), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.ItemResponse(present, "\"p\""));
        _container.Setup(c => c.ReadItemAsync<EventDocument>("page-s-9", It.IsAny<PartitionKey>(), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(CosmosMocks.Exception(HttpStatusCode.NotFound));

        var pages = await Store().ReadPagesAsync(StreamId, ["l-12000", "s-9"]);

        Assert.Equal("{\"front\":3}", Assert.Single(pages).Data.GetRawText());
    }

    [Fact]
    public async Task GivenASagaStepAlreadyRecorded_WhenItsMarkerConflicts_ThenDuplicateEvent()
    {
        UseBatch(HttpStatusCode.Conflict);
        var snapshot = new Snapshot(3, "fund-v2", JsonSerializer.SerializeToElement(new { cash = 30 }));
        var step = TestEvents.Events(1)[0] with { IsStepKey = true };

        var error = await Assert.ThrowsAsync<DuplicateEventException>(
            () => Store().AppendAsync(StreamId, ExpectedVersion.Exactly(2, "\"etag-2\""), [step], snapshot));

        Assert.Equal((StreamId, step.EventId), (error.StreamId, error.EventId));
    }

    [Fact]
    public async Task GivenAStaleETag_WhenTheGuardedReplaceFails_ThenWrongExpectedVersion()
    {
        UseBatch(HttpStatusCode.PreconditionFailed);
        var snapshot = new Snapshot(3, "investor-v1", JsonSerializer.SerializeToElement(new { cash = 30 }));

        await Assert.ThrowsAsync<WrongExpectedVersionException>(
            () => Store().AppendAsync(StreamId, ExpectedVersion.Exactly(2, "\"stale\""), TestEvents.Events(1), snapshot));
    }

    [Fact]
    public async Task GivenAHeadWithASnapshot_WhenAppendingWithoutOne_ThenTheOldSnapshotIsKept()
    {
        var snapshot = new SnapshotDocument(2, "investor-v1", JsonSerializer.SerializeToElement(new { cash = 10 }));
        GivenHead(2, "\"etag-2\"", snapshot);
        var batch = UseBatch();

        await Store().AppendAsync(StreamId, ExpectedVersion.Exactly(2), TestEvents.Events(1));

        Assert.Same(snapshot, batch.Operations[0].Document.Snapshot);
    }

    [Fact]
    public async Task GivenAHead_WhenAppendingWithASnapshot_ThenTheHeadCarriesTheNewSnapshot()
    {
        GivenHead(2, "\"etag-2\"", new SnapshotDocument(2, "investor-v1", JsonSerializer.SerializeToElement(new { cash = 10 })));
        var batch = UseBatch();
        var snapshot = new Snapshot(3, "investor-v1", JsonSerializer.SerializeToElement(new { cash = 30 }));

        await Store().AppendAsync(StreamId, ExpectedVersion.Exactly(2), TestEvents.Events(1), snapshot);

        var written = batch.Operations[0].Document.Snapshot;
        Assert.NotNull(written);
        Assert.Equal((3L, "investor-v1", 30), (written.Version, written.Schema, written.Data.GetProperty("cash").GetInt32()));
    }

    [Fact]
    public async Task GivenAHeadAtAnotherVersion_WhenAppending_ThenWrongExpectedVersionWithoutABatch()
    {
        GivenHead(5, "\"etag-5\"");

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(
            () => Store().AppendAsync(StreamId, ExpectedVersion.Exactly(4), TestEvents.Events(1)));

        Assert.Equal((StreamId, 4L, 5L), (error.StreamId, error.Expected.Value, error.Actual));
        _container.Verify(c => c.CreateTransactionalBatch(It.IsAny<PartitionKey>()), Times.Never);
    }

    [Fact]
    public async Task GivenNoHead_WhenAppendingAtAVersion_ThenWrongExpectedVersionAtZero()
    {
        _container.Setup(c => c.ReadItemAsync<EventDocument>("head", It.IsAny<PartitionKey>(), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(CosmosMocks.Exception(HttpStatusCode.NotFound));

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(
            () => Store().AppendAsync(StreamId, ExpectedVersion.Exactly(1), TestEvents.Events(1)));

        Assert.Equal(0, error.Actual);
        _container.Verify(c => c.CreateTransactionalBatch(It.IsAny<PartitionKey>()), Times.Never);
    }

    [Theory]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.Conflict)]
    public async Task GivenAnotherWriterWon_WhenTheBatchFails_ThenWrongExpectedVersion(HttpStatusCode status)
    {
        GivenHead(2, "\"etag-2\"");
        UseBatch(status);

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(
            () => Store().AppendAsync(StreamId, ExpectedVersion.Exactly(2), TestEvents.Events(1)));

        Assert.Equal((StreamId, 2L), (error.StreamId, error.Expected.Value));
    }

    [Fact]
    public async Task GivenAConcurrentCreator_WhenCreatingTheHeadConflicts_ThenWrongExpectedVersion()
    {
        UseBatch(HttpStatusCode.Conflict);

        await Assert.ThrowsAsync<WrongExpectedVersionException>(
            () => Store().AppendAsync(StreamId, ExpectedVersion.NoStream, TestEvents.Events(1)));
    }

    [Fact]
    public async Task GivenAnotherFailure_WhenTheBatchFails_ThenTheCosmosStatusSurfaces()
    {
        UseBatch(HttpStatusCode.ServiceUnavailable);

        var error = await Assert.ThrowsAsync<CosmosException>(
            () => Store().AppendAsync(StreamId, ExpectedVersion.NoStream, TestEvents.Events(1)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(101)]
    public async Task GivenMoreEventsThanOneBatchHolds_WhenAppending_ThenTooLargeAndNothingIsSent(int count)
    {
        var error = await Assert.ThrowsAsync<AppendTooLargeException>(
            () => Store().AppendAsync(StreamId, ExpectedVersion.Exactly(7), TestEvents.Events(count)));

        Assert.Equal(StreamId, error.StreamId);
        _container.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Given99Events_WhenAppending_ThenTheHeadAndAllEventsFillOneBatch()
    {
        var batch = UseBatch();

        var result = await Store().AppendAsync(StreamId, ExpectedVersion.NoStream, TestEvents.Events(99));

        Assert.Equal(100, batch.Operations.Count);
        Assert.Equal(99, result.LastVersion);
    }

    [Fact]
    public async Task GivenEventsOverTwoMegabytes_WhenAppending_ThenTooLargeAndNothingIsSent()
    {
        var padding = new string('x', 700_000);
        var events = Enumerable.Range(1, 3).Select(n => TestEvents.Event(n, padding)).ToList();

        await Assert.ThrowsAsync<AppendTooLargeException>(
            () => Store().AppendAsync(StreamId, ExpectedVersion.NoStream, events));

        _container.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task GivenTheServiceRefusesTheBatchAsTooLarge_WhenAppending_ThenTooLarge()
    {
        UseBatch(HttpStatusCode.RequestEntityTooLarge);

        await Assert.ThrowsAsync<AppendTooLargeException>(
            () => Store().AppendAsync(StreamId, ExpectedVersion.NoStream, TestEvents.Events(1)));
    }

    [Fact]
    public async Task GivenASnapshotAtAnotherVersion_WhenAppending_ThenRefusedBeforeAnyCall()
    {
        var snapshot = new Snapshot(1, "investor-v1", JsonSerializer.SerializeToElement(new { cash = 1 }));

        await Assert.ThrowsAsync<ArgumentException>(
            () => Store().AppendAsync(StreamId, ExpectedVersion.NoStream, TestEvents.Events(2), snapshot));

        _container.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task GivenNoEvents_WhenAppending_ThenRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(
            () => Store().AppendAsync(StreamId, ExpectedVersion.NoStream, []));

        _container.VerifyNoOtherCalls();
    }

    private CosmosEventStore Store() => new(_container.Object);

    private RecordingBatch UseBatch(HttpStatusCode status = HttpStatusCode.OK)
    {
        var batch = new RecordingBatch(status);
        _container.Setup(c => c.CreateTransactionalBatch(It.IsAny<PartitionKey>()))
            .Callback((PartitionKey partitionKey) => _batchPartitionKeys.Add(partitionKey))
            .Returns(batch.Object);
        return batch;
    }

    private void GivenHead(long version, string etag, SnapshotDocument? snapshot = null) =>
        _container.Setup(c => c.ReadItemAsync<EventDocument>(
                EventDocument.HeadId,
                It.Is<PartitionKey>(pk => pk.Is(StreamId)),
                It.IsAny<ItemRequestOptions>(),
                It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.ItemResponse(EventDocument.ForHead(StreamId, version, snapshot), etag));

    private void VerifyHeadReadOnce() =>
        _container.Verify(
            c => c.ReadItemAsync<EventDocument>(It.IsAny<string>(), It.IsAny<PartitionKey>(), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()),
            Times.Once);
}
