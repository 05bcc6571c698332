using System.Net;
using Microsoft.Azure.Cosmos;
using Moq;
using OkCow.Infrastructure.Cosmos.EventStore;

namespace OkCow.Infrastructure.Cosmos.Tests.EventStore;

/// <summary>One operation the store put into a transactional batch.</summary>
internal sealed record BatchOperation(string Kind, string Id, EventDocument Document, string? IfMatchEtag);

/// <summary>A mocked transactional batch that records its operations and answers with the given status.</summary>
internal sealed class RecordingBatch
{
    private readonly Mock<TransactionalBatch> _batch = new(MockBehavior.Strict);

    public RecordingBatch(HttpStatusCode status = HttpStatusCode.OK)
    {
        _batch.Setup(b => b.CreateItem(It.IsAny<EventDocument>(), It.IsAny<TransactionalBatchItemRequestOptions>()))
            .Callback((EventDocument document, TransactionalBatchItemRequestOptions options) =>
                Operations.Add(new BatchOperation("create", document.Id, document, options?.IfMatchEtag)))
            .Returns(_batch.Object);
        _batch.Setup(b => b.ReplaceItem(It.IsAny<string>(), It.IsAny<EventDocument>(), It.IsAny<TransactionalBatchItemRequestOptions>()))
            .Callback((string id, EventDocument document, TransactionalBatchItemRequestOptions options) =>
                Operations.Add(new BatchOperation("replace", id, document, options?.IfMatchEtag)))
            .Returns(_batch.Object);
        _batch.Setup(b => b.UpsertItem(It.IsAny<EventDocument>(), It.IsAny<TransactionalBatchItemRequestOptions>()))
            .Callback((EventDocument document, TransactionalBatchItemRequestOptions options) =>
                Operations.Add(new BatchOperation("upsert", document.Id, document, options?.IfMatchEtag)))
            .Returns(_batch.Object);
        _batch.Setup(b => b.DeleteItem(It.IsAny<string>(), It.IsAny<TransactionalBatchItemRequestOptions>()))
            .Callback((string id, TransactionalBatchItemRequestOptions options) =>
                Operations.Add(new BatchOperation("delete", id, new EventDocument { Id = id, StreamId = "", Kind = "deleted" }, options?.IfMatchEtag)))
            .Returns(_batch.Object);
        _batch.Setup(b => b.ExecuteAsync(It.IsAny<CancellationToken>()))
            .Callback(() => Executions++)
            .ReturnsAsync(CosmosMocks.BatchResponse(status));
    }

    public TransactionalBatch Object => _batch.Object;

    public List<BatchOperation> Operations { get; } = [];

    public int Executions { get; private set; }
}
