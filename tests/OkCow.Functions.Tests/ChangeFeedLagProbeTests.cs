using Microsoft.Extensions.DependencyInjection;
using OkCow.Application.EventStore;
using OkCow.Application.Telemetry;
using OkCow.Functions.ChangeFeed;

namespace OkCow.Functions.Tests;

/// <summary>Where the Cosmos DB trigger keeps the checkpoints (its leases), the lag in events is the store's estimate.</summary>
public sealed class ChangeFeedLagProbeTests(FunctionsFixture host) : IClassFixture<FunctionsFixture>
{
    [Fact]
    public async Task Given_no_checkpoints_and_an_estimator_When_measured_Then_each_consumer_reports_its_estimate_and_no_seconds()
    {
        var estimator = new Estimates(new Dictionary<string, long>(StringComparer.Ordinal) { ["sagas-"] = 12, ["projections-"] = 0 });
        var probe = new ChangeFeedLagProbe(host.Services.GetRequiredService<FeedDispatchers>(), host.Clock, estimator: estimator);
        using var telemetry = new OkCowTelemetry();

        var lag = await probe.RefreshAsync(telemetry);

        Assert.Equal([new ConsumerLag("sagas-", 12, null, 0), new ConsumerLag("projections-", 0, null, 0)], lag);
        Assert.Equal(lag, telemetry.CurrentLag);
        Assert.Equal(["sagas-", "projections-"], estimator.Asked);
    }

    [Fact]
    public async Task Given_neither_checkpoints_nor_an_estimator_When_measured_Then_the_backlog_is_unmeasured()
    {
        var probe = new ChangeFeedLagProbe(host.Services.GetRequiredService<FeedDispatchers>(), host.Clock);

        var lag = await probe.MeasureAsync();

        Assert.All(lag, l => Assert.Equal((null, null), (l.Events, l.Seconds)));
    }

    private sealed class Estimates(IReadOnlyDictionary<string, long> byConsumer) : IChangeFeedEstimator
    {
        public List<string> Asked { get; } = [];

        public Task<long> EstimateAsync(string consumer, CancellationToken cancellationToken = default)
        {
            Asked.Add(consumer);
            return Task.FromResult(byConsumer[consumer]);
        }
    }
}
