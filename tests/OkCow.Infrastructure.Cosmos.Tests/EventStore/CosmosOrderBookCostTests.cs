using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using OkCow.Application.Commands;
using OkCow.Application.Serialization;
using OkCow.Domain.Investors;
using OkCow.Domain.Markets;
using OkCow.Infrastructure.Cosmos.EventStore;

namespace OkCow.Infrastructure.Cosmos.Tests.EventStore;

/// <summary>
/// SPEC §10 for the market on Cosmos DB: the book's pipeline over a mocked container that keeps what each batch wrote
/// (head, pages). Resting an order costs the same batch however deep the book is, and a buy that fills hundreds of
/// orders is a series of batches each well inside 100 operations and 64 KB, with a head that stays small.
/// </summary>
public sealed class CosmosOrderBookCostTests
{
    private const string Stream = "orderbook-7f000000-0000-0000-0000-000000000002";
    private static readonly Guid FundId = Guid.Parse("7f000000-0000-0000-0000-000000000002");
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    private readonly Mock<Container> _container = new(MockBehavior.Strict);
    private readonly Dictionary<string, EventDocument> _partition = new(StringComparer.Ordinal);
    private readonly List<RecordingBatch> _batches = [];
    private readonly OrderBookHandler _handler;
    private readonly CommandContext _context = new("cost-test", null, "test");

    public CosmosOrderBookCostTests()
    {
        _container.Setup(c => c.ReadItemAsync<EventDocument>(It.IsAny<string>(), It.IsAny<PartitionKey>(), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, PartitionKey _, ItemRequestOptions _, CancellationToken _) => _partition.TryGetValue(id, out var document)
                ? CosmosMocks.ItemResponse(document, $"\"etag-{document.Version}\"")
                : throw CosmosMocks.Exception(HttpStatusCode.NotFound));
        _container.Setup(c => c.CreateTransactionalBatch(It.IsAny<PartitionKey>()))
            .Returns(() =>
            {
                var batch = new RecordingBatch();
                _batches.Add(batch);
                return batch.Object;
            });
        _handler = new OrderBookHandler(new CosmosEventStore(_container.Object), EventTypes.Default, TimeProvider.System, NullLogger<OrderBookHandler>.Instance);
    }

    [Fact]
    public async Task GivenABookGrowingTo400RestingSells_WhenEachRests_ThenEveryBatchHasTheSameFewOperationsAndTheHeadStaysTheSame()
    {
        var costs = new List<(int Operations, long Bytes, int HeadBytes)>();
        for (var n = 0; n < 400; n++)
        {
            costs.Add(await AcceptAsync(Guid.NewGuid(), OrderSide.Sell, 12_000 + (n % 4 * 100), 1));
        }

        // Event, step marker, head, level, segment, location; and when a segment fills, the old back's link.
        Assert.All(costs, cost => Assert.InRange(cost.Operations, 6, 7));
        Assert.InRange(costs.Max(c => c.Bytes), 1, 8 * 1024);
        Assert.InRange(costs[^1].HeadBytes - costs[0].HeadBytes, 0, 16);
    }

    [Fact]
    public async Task GivenTwoHundredRestingSells_WhenABuyFillsThemAll_ThenEachStepIsOneBatchWithinOneHundredOperationsAnd64KB()
    {
        var sells = new List<Guid>();
        for (var n = 0; n < 200; n++)
        {
            sells.Add(Guid.NewGuid());
            await AcceptAsync(sells[^1], OrderSide.Sell, 12_000, 1);
        }

        var steps = new List<(int Operations, long Bytes, int HeadBytes)> { await AcceptAsync(Guid.NewGuid(), OrderSide.Buy, 12_000, 200) };
        while (await LastEventIsMatchingContinuesAsync())
        {
            var trigger = Guid.NewGuid();
            var before = _batches.Count;
            await _handler.HandleStepAsync(Stream, new OrderBookCommand.ContinueMatching(FundId, 12_000, n => Guid.NewGuid(), Now), trigger, _context);
            steps.Add(Apply(Assert.Single(_batches.Skip(before))));
        }

        Assert.Equal((200 + OrderBookDecider.MaxTradesPerStep - 1) / OrderBookDecider.MaxTradesPerStep, steps.Count);
        Assert.All(steps, step => Assert.InRange(step.Operations, 1, 50));
        Assert.All(steps, step => Assert.InRange(step.Bytes, 1, 64 * 1024));
        Assert.All(steps, step => Assert.InRange(step.HeadBytes, 1, 1024));
        Assert.DoesNotContain(_partition.Values, document => document.Kind == EventDocument.PageKind && document.Id.StartsWith("page-s-", StringComparison.Ordinal));
        var filled = _partition.Values
            .Where(document => document.Kind == EventDocument.EventKind && document.Type == "V1.TradeExecuted")
            .OrderBy(document => document.Version)
            .Select(document => document.Data!.Value.GetProperty("sellOrderId").GetGuid());
        Assert.Equal(sells, filled);
    }

    private async Task<(int Operations, long Bytes, int HeadBytes)> AcceptAsync(Guid orderId, OrderSide side, long price, long quantity)
    {
        var before = _batches.Count;
        var accept = new OrderBookCommand.AcceptOrder(FundId, orderId, Guid.NewGuid(), side, price, quantity, 0m, false, n => Guid.NewGuid(), Now);
        await _handler.HandleStepAsync(Stream, accept, Guid.NewGuid(), _context);
        return Apply(Assert.Single(_batches.Skip(before)));
    }

    private async Task<bool> LastEventIsMatchingContinuesAsync()
    {
        var head = (await _handler.LoadAsync(Stream)).Version;
        var id = EventDocument.EventDocumentId(head);
        return _partition.TryGetValue(id, out var last) && last.Type == "V2.MatchingContinues";
    }

    /// <summary>Applies a batch to the simulated partition, as the service does when it commits; returns its cost.</summary>
    private (int Operations, long Bytes, int HeadBytes) Apply(RecordingBatch batch)
    {
        Assert.Equal(1, batch.Executions);
        foreach (var operation in batch.Operations)
        {
            if (operation.Kind == "delete")
            {
                Assert.True(_partition.Remove(operation.Id), $"{operation.Id} deleted but absent");
            }
            else
            {
                _partition[operation.Id] = operation.Document;
            }
        }

        var bytes = batch.Operations.Sum(o => (long)JsonSerializer.SerializeToUtf8Bytes(o.Document, CosmosSystemTextJsonSerializer.DefaultOptions).Length);
        var head = JsonSerializer.SerializeToUtf8Bytes(_partition[EventDocument.HeadId], CosmosSystemTextJsonSerializer.DefaultOptions).Length;
        return (batch.Operations.Count, bytes, head);
    }
}
