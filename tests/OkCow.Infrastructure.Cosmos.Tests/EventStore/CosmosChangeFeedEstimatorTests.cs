using Microsoft.Azure.Cosmos;
using Moq;
using OkCow.Infrastructure.Cosmos.EventStore;

namespace OkCow.Infrastructure.Cosmos.Tests.EventStore;

/// <summary>The Azure lag gauge's source: the SDK's change feed estimator under the trigger's processor name.</summary>
public sealed class CosmosChangeFeedEstimatorTests
{
    private readonly Mock<Container> _events = new(MockBehavior.Strict);
    private readonly Mock<Container> _leases = new(MockBehavior.Strict);
    private readonly List<string> _processors = [];

    [Fact]
    public async Task GivenLeasesOverSeveralPages_WhenEstimating_ThenTheLagOfEveryLeaseOfThatConsumerIsSummed()
    {
        GivenEstimates(
            ("sagas-", [[("0", 3), ("1", 0)], [("2", 40)]]),
            ("projections-", [[("0", 7)]]));
        var estimator = new CosmosChangeFeedEstimator(_events.Object, _leases.Object);

        Assert.Equal(43, await estimator.EstimateAsync("sagas-"));
        Assert.Equal(7, await estimator.EstimateAsync("projections-"));
    }

    [Fact]
    public async Task GivenAConsumerMeasuredTwice_WhenEstimating_ThenOneEstimatorServesItAndEachMeasureReadsAgain()
    {
        GivenEstimates(("sagas-", [[("0", 5)]]));
        var estimator = new CosmosChangeFeedEstimator(_events.Object, _leases.Object);

        Assert.Equal(5, await estimator.EstimateAsync("sagas-"));
        Assert.Equal(5, await estimator.EstimateAsync("sagas-"));

        Assert.Equal(["sagas-"], _processors);
    }

    [Fact]
    public async Task GivenACaughtUpConsumer_WhenEstimating_ThenItIsZero()
    {
        GivenEstimates(("projections-", [[("0", 0), ("1", 0)]]));

        Assert.Equal(0, await new CosmosChangeFeedEstimator(_events.Object, _leases.Object).EstimateAsync("projections-"));
    }

    /// <summary>Per processor name, the pages of lease states its estimator's iterator returns (anew on every call).</summary>
    private void GivenEstimates(params (string Processor, (string Lease, long Lag)[][] Pages)[] consumers)
    {
        foreach (var (processor, pages) in consumers)
        {
            var estimator = new Mock<ChangeFeedEstimator>(MockBehavior.Strict);
            estimator.Setup(e => e.GetCurrentStateIterator(It.IsAny<ChangeFeedEstimatorRequestOptions>()))
                .Returns(() => CosmosMocks.Iterator(
                    endless: false,
                    [.. pages.Select(page => CosmosMocks.FeedResponse(page.Select(l => new ChangeFeedProcessorState(l.Lease, l.Lag, "host-1"))))]).Object);
            _events.Setup(c => c.GetChangeFeedEstimator(processor, _leases.Object))
                .Callback(() => _processors.Add(processor))
                .Returns(estimator.Object);
        }
    }
}
