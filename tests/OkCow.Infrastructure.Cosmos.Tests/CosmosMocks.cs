using System.Net;
using Microsoft.Azure.Cosmos;
using Moq;

namespace OkCow.Infrastructure.Cosmos.Tests;

/// <summary>Builders for the SDK's response types, which only mocks can make.</summary>
internal static class CosmosMocks
{
    public static ItemResponse<T> ItemResponse<T>(T resource, string etag, HttpStatusCode statusCode = HttpStatusCode.OK)
    {
        var response = new Mock<ItemResponse<T>>();
        response.Setup(r => r.Resource).Returns(resource);
        response.Setup(r => r.ETag).Returns(etag);
        response.Setup(r => r.StatusCode).Returns(statusCode);
        return response.Object;
    }

    public static CosmosException Exception(HttpStatusCode statusCode) =>
        new($"Simulated {(int)statusCode}", statusCode, 0, "activity", 1);

    public static TransactionalBatchResponse BatchResponse(HttpStatusCode statusCode)
    {
        var response = new Mock<TransactionalBatchResponse>();
        response.Setup(r => r.StatusCode).Returns(statusCode);
        response.Setup(r => r.IsSuccessStatusCode).Returns((int)statusCode is >= 200 and < 300);
        return response.Object;
    }

    public static FeedResponse<T> FeedResponse<T>(IEnumerable<T> items, HttpStatusCode statusCode = HttpStatusCode.OK, string? continuation = null)
    {
        var list = items.ToList();
        var response = new Mock<FeedResponse<T>>();
        response.Setup(r => r.Resource).Returns(list);
        response.Setup(r => r.Count).Returns(list.Count);
        response.Setup(r => r.StatusCode).Returns(statusCode);
        response.Setup(r => r.ContinuationToken).Returns(continuation!);
        response.Setup(r => r.GetEnumerator()).Returns(() => list.GetEnumerator());
        return response.Object;
    }

    /// <summary>An iterator over the given pages; HasMoreResults stays true for a change feed, as the SDK's does.</summary>
    public static Mock<FeedIterator<T>> Iterator<T>(bool endless, params FeedResponse<T>[] pages)
    {
        var iterator = new Mock<FeedIterator<T>>();
        var index = 0;
        iterator.Setup(i => i.HasMoreResults).Returns(() => endless || index < pages.Length);
        iterator.Setup(i => i.ReadNextAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => pages[Math.Min(index++, pages.Length - 1)]);
        return iterator;
    }

    public static bool Is(this PartitionKey partitionKey, string value) => partitionKey.Equals(new PartitionKey(value));
}
