using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OkCow.Application.EventStore;
using OkCow.Application.Telemetry;

namespace OkCow.Functions.ChangeFeed;

/// <summary>
/// Measures each consumer's parked streams (from the parked container) and its backlog: where the host keeps the
/// checkpoints and the store can count what follows one (the local host over the embedded store), in events and seconds;
/// under the Cosmos DB trigger, whose leases hold the checkpoints, in events as the change feed estimator counts them
/// (the seconds stay unmeasured, null: okcow.changefeed.delay tells how late events are handled).
/// </summary>
public sealed class ChangeFeedLagProbe(
    FeedDispatchers dispatchers,
    TimeProvider clock,
    ICheckpointStore? checkpoints = null,
    IChangeFeedBacklog? backlog = null,
    IChangeFeedEstimator? estimator = null) : IChangeFeedLagProbe
{
    public async Task<IReadOnlyList<ConsumerLag>> MeasureAsync(CancellationToken cancellationToken = default)
    {
        var lag = new List<ConsumerLag>();
        foreach (var (consumer, dispatcher) in dispatchers.ByConsumer)
        {
            var parked = (await dispatcher.ListParkedAsync(cancellationToken).ConfigureAwait(false)).Count;
            if (checkpoints is null || backlog is null)
            {
                var estimated = estimator is null ? (long?)null : await estimator.EstimateAsync(consumer, cancellationToken).ConfigureAwait(false);
                lag.Add(new ConsumerLag(consumer, estimated, null, parked));
                continue;
            }

            var continuation = await checkpoints.GetAsync(consumer, cancellationToken).ConfigureAwait(false);
            var (events, oldest) = await backlog.BacklogAsync(continuation, cancellationToken).ConfigureAwait(false);
            var seconds = oldest is { } at ? Math.Max(0, (clock.GetUtcNow() - at).TotalSeconds) : 0;
            lag.Add(new ConsumerLag(consumer, events, seconds, parked));
        }

        return lag;
    }

    /// <summary>Measures and hands the result to the gauges.</summary>
    public async Task<IReadOnlyList<ConsumerLag>> RefreshAsync(OkCowTelemetry telemetry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        var lag = await MeasureAsync(cancellationToken).ConfigureAwait(false);
        telemetry.ReportLag(lag);
        return lag;
    }
}

/// <summary>Refreshes the lag gauges every <see cref="Interval"/>, so they move while the consumers are stopped too.</summary>
public sealed partial class ChangeFeedLagSampler(ChangeFeedLagProbe probe, OkCowTelemetry telemetry, ILogger<ChangeFeedLagSampler> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await probe.RefreshAsync(telemetry, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogFailed(error);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Measuring the change-feed lag failed; the gauges keep their last values")]
    private partial void LogFailed(Exception error);
}
