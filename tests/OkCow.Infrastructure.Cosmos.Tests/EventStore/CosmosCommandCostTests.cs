using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using OkCow.Application.Commands;
using OkCow.Application.Serialization;
using OkCow.Domain.Funds;
using OkCow.Infrastructure.Cosmos.EventStore;
using FundHandler = OkCow.Application.Commands.AggregateHandler<OkCow.Domain.Funds.FundDecider, OkCow.Domain.Funds.FundCommand, OkCow.Domain.Funds.FundEvent, OkCow.Domain.Funds.FundState>;

namespace OkCow.Infrastructure.Cosmos.Tests.EventStore;

/// <summary>
/// SPEC §10 on Cosmos DB: a command on a fund is one point read of the head and one transactional batch whose operation
/// count and size do not grow with the fund. Thousands of subscriptions run through the real pipeline over a mocked
/// container that keeps the head the last batch wrote.
/// </summary>
public sealed class CosmosCommandCostTests
{
    private const string Stream = "fund-7f000000-0000-0000-0000-000000000001";
    private static readonly Guid FundId = Guid.Parse("7f000000-0000-0000-0000-000000000001");
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    private readonly Mock<Container> _container = new(MockBehavior.Strict);
    private readonly List<RecordingBatch> _batches = [];
    private EventDocument? _head;
    private int _reads;

    public CosmosCommandCostTests()
    {
        _container.Setup(c => c.ReadItemAsync<EventDocument>(EventDocument.HeadId, It.IsAny<PartitionKey>(), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .Callback(() => _reads++)
            .ReturnsAsync(() => _head is null
                ? throw CosmosMocks.Exception(HttpStatusCode.NotFound)
                : CosmosMocks.ItemResponse(_head, $"\"etag-{_head.Version}\""));
        _container.Setup(c => c.CreateTransactionalBatch(It.IsAny<PartitionKey>()))
            .Returns(() =>
            {
                var batch = new RecordingBatch();
                _batches.Add(batch);
                return batch.Object;
            });
    }

    [Fact]
    public async Task GivenAFundGrowingTo1000Holders_WhenEachSubscribes_ThenEveryCommandCostsOneReadAndOneBatchOfTheSameSize()
    {
        var handler = new FundHandler(new CosmosEventStore(_container.Object), EventTypes.Default, TimeProvider.System, NullLogger<FundHandler>.Instance);
        var context = new CommandContext("cost-test", null, "test");
        await RunAsync(() => handler.HandleAsync(Stream, new FundCommand.CreateFund(FundId, "Fund", 10_000, Now), context));

        var costs = new List<(int Reads, int Operations, long Bytes)>();
        for (var holder = 1; holder <= 1_000; holder++)
        {
            var subscription = Guid.NewGuid();
            var issue = new FundCommand.IssueUnits(FundId, subscription, Guid.NewGuid(), 10_000, 10_000, Now);
            costs.Add(await RunAsync(() => handler.HandleStepAsync(Stream, issue, subscription, context)));
        }

        Assert.All(costs, cost => Assert.Equal((1, 3), (cost.Reads, cost.Operations)));
        var (first, last) = (costs[0].Bytes, costs[^1].Bytes);

        // Only the digits of the growing figures (version, cash, units) may differ between the first and the last.
        Assert.InRange(last - first, 0, 32);
        Assert.InRange(last, 1, 4 * 1024);
    }

    private async Task<(int Reads, int Operations, long Bytes)> RunAsync(Func<Task<CommandResult<FundState>>> command)
    {
        var (readsBefore, batchesBefore) = (_reads, _batches.Count);
        await command();
        var batch = Assert.Single(_batches.Skip(batchesBefore));
        _head = batch.Operations[0].Document;
        var bytes = batch.Operations.Sum(o => (long)JsonSerializer.SerializeToUtf8Bytes(o.Document, CosmosSystemTextJsonSerializer.DefaultOptions).Length);
        return (_reads - readsBefore, batch.Operations.Count, bytes);
    }
}
