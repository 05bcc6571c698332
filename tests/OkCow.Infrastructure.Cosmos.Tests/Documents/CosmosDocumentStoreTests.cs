using System.Net;
using Microsoft.Azure.Cosmos;
using Moq;
using OkCow.Application.Documents;
using OkCow.Infrastructure.Cosmos.Documents;

namespace OkCow.Infrastructure.Cosmos.Tests.Documents;

public sealed class CosmosDocumentStoreTests
{
    private const string PartitionKeyValue = "investor-1";

    private readonly Mock<Database> _database = new(MockBehavior.Strict);
    private readonly Mock<Container> _container = new(MockBehavior.Strict);

    public CosmosDocumentStoreTests() =>
        _database.Setup(d => d.GetContainer(It.IsAny<string>())).Returns(_container.Object);

    public sealed record Portfolio(string InvestorId, long Cash);

    [Fact]
    public async Task GivenADocument_WhenReadByIdAndKey_ThenItsValueAndEtagComeBack()
    {
        _container.Setup(c => c.ReadItemAsync<DocumentEnvelope<Portfolio>>("portfolio", It.Is<PartitionKey>(pk => pk.Is(PartitionKeyValue)), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.ItemResponse(new DocumentEnvelope<Portfolio>("portfolio", PartitionKeyValue, new Portfolio("i-1", 500), null), "\"e1\""));

        var document = await Store().GetAsync<Portfolio>(Containers.Investors, PartitionKeyValue, "portfolio");

        Assert.Equal(new Document<Portfolio>(new Portfolio("i-1", 500), "\"e1\""), document);
        _database.Verify(d => d.GetContainer(Containers.Investors));
    }

    [Fact]
    public async Task GivenNoDocument_WhenRead_ThenNull()
    {
        _container.Setup(c => c.ReadItemAsync<DocumentEnvelope<Portfolio>>(It.IsAny<string>(), It.IsAny<PartitionKey>(), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(CosmosMocks.Exception(HttpStatusCode.NotFound));

        Assert.Null(await Store().GetAsync<Portfolio>(Containers.Investors, PartitionKeyValue, "portfolio"));
    }

    [Fact]
    public async Task GivenNoEtag_WhenWriting_ThenTheDocumentIsCreatedWithIdKeyAndValue()
    {
        DocumentEnvelope<Portfolio>? written = null;
        _container.Setup(c => c.CreateItemAsync(It.IsAny<DocumentEnvelope<Portfolio>>(), It.Is<PartitionKey?>(pk => pk!.Value.Is(PartitionKeyValue)), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .Callback((DocumentEnvelope<Portfolio> envelope, PartitionKey? _, ItemRequestOptions _, CancellationToken _) => written = envelope)
            .ReturnsAsync(CosmosMocks.ItemResponse<DocumentEnvelope<Portfolio>>(null!, "\"e2\"", HttpStatusCode.Created));

        var etag = await Store().TryWriteAsync(Containers.Investors, PartitionKeyValue, "portfolio", new Portfolio("i-1", 1), ifMatch: null);

        Assert.Equal("\"e2\"", etag);
        Assert.Equal(new DocumentEnvelope<Portfolio>("portfolio", PartitionKeyValue, new Portfolio("i-1", 1), null), written);
    }

    [Fact]
    public async Task GivenNoEtagAndAnExistingDocument_WhenWriting_ThenNull()
    {
        _container.Setup(c => c.CreateItemAsync(It.IsAny<DocumentEnvelope<Portfolio>>(), It.IsAny<PartitionKey?>(), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(CosmosMocks.Exception(HttpStatusCode.Conflict));

        Assert.Null(await Store().TryWriteAsync(Containers.Investors, PartitionKeyValue, "portfolio", new Portfolio("i-1", 1), ifMatch: null));
    }

    [Fact]
    public async Task GivenAnEtag_WhenWriting_ThenTheDocumentIsReplacedIfItStillMatches()
    {
        ItemRequestOptions? sentOptions = null;
        _container.Setup(c => c.ReplaceItemAsync(It.IsAny<DocumentEnvelope<Portfolio>>(), "portfolio", It.Is<PartitionKey?>(pk => pk!.Value.Is(PartitionKeyValue)), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .Callback((DocumentEnvelope<Portfolio> _, string _, PartitionKey? _, ItemRequestOptions options, CancellationToken _) => sentOptions = options)
            .ReturnsAsync(CosmosMocks.ItemResponse<DocumentEnvelope<Portfolio>>(null!, "\"e3\""));

        var etag = await Store().TryWriteAsync(Containers.Investors, PartitionKeyValue, "portfolio", new Portfolio("i-1", 2), ifMatch: "\"e2\"");

        Assert.Equal("\"e3\"", etag);
        Assert.Equal("\"e2\"", sentOptions?.IfMatchEtag);
    }

    [Theory]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task GivenAStaleEtag_WhenWriting_ThenNull(HttpStatusCode status)
    {
        _container.Setup(c => c.ReplaceItemAsync(It.IsAny<DocumentEnvelope<Portfolio>>(), It.IsAny<string>(), It.IsAny<PartitionKey?>(), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(CosmosMocks.Exception(status));

        Assert.Null(await Store().TryWriteAsync(Containers.Investors, PartitionKeyValue, "portfolio", new Portfolio("i-1", 2), ifMatch: "\"e1\""));
    }

    [Fact]
    public async Task GivenTheIdempotencyContainer_WhenUpserting_ThenTheDocumentCarriesATimeToLive()
    {
        DocumentEnvelope<Portfolio>? written = null;
        _container.Setup(c => c.UpsertItemAsync(It.IsAny<DocumentEnvelope<Portfolio>>(), It.IsAny<PartitionKey?>(), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .Callback((DocumentEnvelope<Portfolio> envelope, PartitionKey? _, ItemRequestOptions _, CancellationToken _) => written = envelope)
            .ReturnsAsync(CosmosMocks.ItemResponse<DocumentEnvelope<Portfolio>>(null!, "\"e4\""));

        var etag = await Store().UpsertAsync(Containers.Idempotency, "key-1", "key-1", new Portfolio("i-1", 3));

        Assert.Equal("\"e4\"", etag);
        Assert.Equal(86_400, written?.Ttl);
    }

    [Fact]
    public async Task GivenAMissingDocument_WhenDeleting_ThenNothingFails()
    {
        _container.Setup(c => c.DeleteItemStreamAsync("gone", It.Is<PartitionKey>(pk => pk.Is(PartitionKeyValue)), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ResponseMessage(HttpStatusCode.NotFound));

        await Store().DeleteAsync(Containers.Parked, PartitionKeyValue, "gone");

        _container.VerifyAll();
    }

    [Fact]
    public async Task GivenAPartition_WhenListing_ThenOneSinglePartitionQueryOrderedByIdAndPaged()
    {
        var captured = new List<(QueryDefinition Query, QueryRequestOptions Options)>();
        _container.Setup(c => c.GetItemQueryIterator<DocumentEnvelope<Portfolio>>(It.IsAny<QueryDefinition>(), It.IsAny<string>(), It.IsAny<QueryRequestOptions>()))
            .Callback((QueryDefinition query, string _, QueryRequestOptions options) => captured.Add((query, options)))
            .Returns(CosmosMocks.Iterator(
                endless: false,
                CosmosMocks.FeedResponse([new DocumentEnvelope<Portfolio>("a", "investors", new Portfolio("a", 1), null)]),
                CosmosMocks.FeedResponse([new DocumentEnvelope<Portfolio>("b", "investors", new Portfolio("b", 2), null)])).Object);

        var values = await Store().ListAsync<Portfolio>(Containers.Directory, "investors", skip: 20, take: 10);

        Assert.Equal(["a", "b"], values.Select(v => v.InvestorId));
        var (query, options) = Assert.Single(captured);
        Assert.Equal("SELECT * FROM c ORDER BY c.id OFFSET @skip LIMIT @take", query.QueryText);
        Assert.Equal([("@skip", (object)20), ("@take", 10)], query.GetQueryParameters());
        Assert.True(options.PartitionKey!.Value.Is("investors"));
    }

    [Fact]
    public async Task GivenAPartition_WhenReadingAPage_ThenOneSinglePartitionQueryInIdOrderLimitedByMaxItemCountAndTheSdkContinuationComesBack()
    {
        var captured = new List<(QueryDefinition Query, string? Continuation, QueryRequestOptions Options)>();
        _container.Setup(c => c.GetItemQueryIterator<DocumentEnvelope<Portfolio>>(It.IsAny<QueryDefinition>(), It.IsAny<string>(), It.IsAny<QueryRequestOptions>()))
            .Callback((QueryDefinition query, string continuation, QueryRequestOptions options) => captured.Add((query, continuation, options)))
            .Returns(() => CosmosMocks.Iterator(endless: false, CosmosMocks.FeedResponse([Envelope("a"), Envelope("b")], continuation: "sdk-token-1")).Object);

        var page = await Store().ListPageAsync<Portfolio>(Containers.Directory, "investors", 2, null);

        Assert.Equal(["a", "b"], page.Items.Select(v => v.InvestorId));
        Assert.Equal("sdk-token-1", page.Continuation);
        var (query, continuation, options) = Assert.Single(captured);
        Assert.Equal("SELECT * FROM c ORDER BY c.id", query.QueryText);
        Assert.DoesNotContain("OFFSET", query.QueryText, StringComparison.OrdinalIgnoreCase);
        Assert.Null(continuation);
        Assert.Equal(2, options.MaxItemCount);
        Assert.True(options.PartitionKey!.Value.Is("investors"));
    }

    [Fact]
    public async Task GivenAContinuation_WhenTheFeedAnswersShort_ThenThePageIsToppedUpFromTheNextContinuationUntilTheEnd()
    {
        var captured = new List<(string? Continuation, int? MaxItemCount)>();
        var answers = new Queue<FeedResponse<DocumentEnvelope<Portfolio>>>(
        [
            CosmosMocks.FeedResponse([Envelope("c")], continuation: "sdk-token-2"),
            CosmosMocks.FeedResponse([Envelope("d")], continuation: null),
        ]);
        _container.Setup(c => c.GetItemQueryIterator<DocumentEnvelope<Portfolio>>(It.IsAny<QueryDefinition>(), It.IsAny<string>(), It.IsAny<QueryRequestOptions>()))
            .Callback((QueryDefinition _, string continuation, QueryRequestOptions options) => captured.Add((continuation, options.MaxItemCount)))
            .Returns(() => CosmosMocks.Iterator(endless: false, answers.Dequeue()).Object);

        var page = await Store().ListPageAsync<Portfolio>(Containers.Directory, "investors", 3, "sdk-token-1");

        Assert.Equal(["c", "d"], page.Items.Select(v => v.InvestorId));
        Assert.Null(page.Continuation);
        Assert.Equal([("sdk-token-1", 3), ("sdk-token-2", 2)], captured);
    }

    [Fact]
    public async Task GivenAContinuationCosmosRefuses_WhenReadingAPage_ThenInvalidContinuation()
    {
        var iterator = new Mock<FeedIterator<DocumentEnvelope<Portfolio>>>();
        iterator.Setup(i => i.HasMoreResults).Returns(true);
        iterator.Setup(i => i.ReadNextAsync(It.IsAny<CancellationToken>())).ThrowsAsync(CosmosMocks.Exception(HttpStatusCode.BadRequest));
        _container.Setup(c => c.GetItemQueryIterator<DocumentEnvelope<Portfolio>>(It.IsAny<QueryDefinition>(), It.IsAny<string>(), It.IsAny<QueryRequestOptions>()))
            .Returns(iterator.Object);

        await Assert.ThrowsAsync<InvalidContinuationException>(() => Store().ListPageAsync<Portfolio>(Containers.Directory, "investors", 3, "{\"forged\":true}"));
        await Assert.ThrowsAsync<InvalidContinuationException>(() => Store().ListPageAsync<Portfolio>(Containers.Directory, "investors", 3, ""));
    }

    private static DocumentEnvelope<Portfolio> Envelope(string id) => new(id, "investors", new Portfolio(id, 1), null);

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    public async Task GivenAGroupWithADeletion_WhenWritten_ThenOneBatchDeletesAtTheEtagReadAndReplacesTheRest(HttpStatusCode status)
    {
        var operations = new List<(string Kind, string Id, string? IfMatch)>();
        var batch = new Mock<TransactionalBatch>(MockBehavior.Strict);
        batch.Setup(b => b.DeleteItem(It.IsAny<string>(), It.IsAny<TransactionalBatchItemRequestOptions>()))
            .Callback((string id, TransactionalBatchItemRequestOptions options) => operations.Add(("delete", id, options?.IfMatchEtag)))
            .Returns(batch.Object);
        batch.Setup(b => b.ReplaceItem(It.IsAny<string>(), It.IsAny<DocumentEnvelope<object>>(), It.IsAny<TransactionalBatchItemRequestOptions>()))
            .Callback((string id, DocumentEnvelope<object> _, TransactionalBatchItemRequestOptions options) => operations.Add(("replace", id, options?.IfMatchEtag)))
            .Returns(batch.Object);
        var response = new Mock<TransactionalBatchResponse>();
        response.Setup(r => r.StatusCode).Returns(status);
        response.Setup(r => r.IsSuccessStatusCode).Returns(status == HttpStatusCode.OK);
        var deleted = new Mock<TransactionalBatchOperationResult>();
        deleted.Setup(r => r.StatusCode).Returns(HttpStatusCode.NoContent);
        var replaced = new Mock<TransactionalBatchOperationResult>();
        replaced.Setup(r => r.StatusCode).Returns(HttpStatusCode.OK);
        replaced.Setup(r => r.ETag).Returns("\"e9\"");
        response.Setup(r => r.GetEnumerator()).Returns(() => new List<TransactionalBatchOperationResult> { deleted.Object, replaced.Object }.GetEnumerator());
        batch.Setup(b => b.ExecuteAsync(It.IsAny<CancellationToken>())).ReturnsAsync(response.Object);
        _container.Setup(c => c.CreateTransactionalBatch(It.Is<PartitionKey>(pk => pk.Is("ledger")))).Returns(batch.Object);

        var results = await Store().WriteGroupsAsync(
            [new DocumentGroup(Containers.Directory, "ledger", [DocumentWrite.Delete("leg-1", "\"e1\""), new DocumentWrite("totals-v2", new Portfolio("i-1", 3), "\"e2\"")])]);

        Assert.Equal([("delete", "leg-1", "\"e1\""), ("replace", "totals-v2", "\"e2\"")], operations);
        Assert.Equal(status == HttpStatusCode.OK ? ["", "\"e9\""] : null, results[0]);
    }

    private CosmosDocumentStore Store() => new(_database.Object);
}
