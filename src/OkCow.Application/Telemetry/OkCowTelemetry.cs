using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OkCow.Application.Telemetry;

/// <summary>How far one change-feed consumer is behind the log, and how many streams its handlers have parked.</summary>
/// <param name="Consumer">The consumer (its lease prefix): "sagas-" or "projections-".</param>
/// <param name="Events">Events appended but not yet handled by it; null where the host cannot count them.</param>
/// <param name="Seconds">Age of the oldest event it has not handled yet (0 when caught up); null where unmeasured.</param>
/// <param name="Parked">Streams its handlers have parked.</param>
public sealed record ConsumerLag(string Consumer, long? Events, double? Seconds, int Parked);

/// <summary>Measures <see cref="ConsumerLag"/> for every change-feed consumer of this host (from its store and checkpoints).</summary>
public interface IChangeFeedLagProbe
{
    Task<IReadOnlyList<ConsumerLag>> MeasureAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// The traces and metrics OkCow emits, under one name (<see cref="Name"/>) for both the <see cref="ActivitySource"/> and
/// the <see cref="Meter"/>, so a host subscribes with <c>AddSource("OkCow")</c> and <c>AddMeter("OkCow")</c>. Every
/// instrument is described in docs/operations.md with what the operator does about it. One instance per host (its meter
/// is disposed with the host); the activity source is process-wide.
/// </summary>
public sealed class OkCowTelemetry : IDisposable
{
    public const string Name = "OkCow";

    /// <summary>Spans of commands, saga steps and projections.</summary>
    public static readonly ActivitySource Source = new(Name);

    private readonly Meter _meter;
    private readonly Counter<long> _commands;
    private readonly Counter<long> _conflictRetries;
    private readonly Histogram<double> _appendDuration;
    private readonly Histogram<double> _feedDelay;
    private readonly Counter<long> _feedEvents;
    private readonly Counter<long> _parks;
    private readonly Counter<long> _replays;
    private readonly Counter<long> _signInFailures;
    private readonly Counter<long> _signInLockouts;
    private volatile IReadOnlyList<ConsumerLag> _lag = [];

    public OkCowTelemetry()
    {
        _meter = new Meter(Name);
        _commands = _meter.CreateCounter<long>("okcow.commands", "{command}", "Commands answered, by function, outcome (accepted, refused, replayed) and refusal code.");
        _conflictRetries = _meter.CreateCounter<long>("okcow.command.conflict_retries", "{retry}", "Appends retried because another writer moved the stream first.");
        _appendDuration = _meter.CreateHistogram<double>("okcow.append.duration", "s", "Time of one append to the event store (the transactional batch), by aggregate and outcome.");
        _feedDelay = _meter.CreateHistogram<double>("okcow.changefeed.delay", "s", "Seconds between an event's time and its handling, by consumer.");
        _feedEvents = _meter.CreateCounter<long>("okcow.changefeed.events", "{event}", "Events handled, by consumer and handler.");
        _parks = _meter.CreateCounter<long>("okcow.changefeed.parks", "{stream}", "Streams parked because a handler failed on one of their events, by handler.");
        _replays = _meter.CreateCounter<long>("okcow.idempotent.replays", "{request}", "Commands answered from a stored answer (a repeated Idempotency-Key).");
        _signInFailures = _meter.CreateCounter<long>("okcow.signin.failures", "{attempt}", "Sign-ins refused for a wrong loginId or password.");
        _signInLockouts = _meter.CreateCounter<long>("okcow.signin.lockouts", "{attempt}", "Sign-ins refused because the loginId is locked after repeated failures.");
        _meter.CreateObservableGauge("okcow.changefeed.lag.events", () => Lag(l => l.Events), "{event}", "Events appended but not yet handled, by consumer.");
        _meter.CreateObservableGauge("okcow.changefeed.lag.seconds", () => Lag(l => l.Seconds), "s", "Age of the oldest event not yet handled, by consumer.");
        _meter.CreateObservableGauge("okcow.changefeed.parked", () => Lag(l => (long?)l.Parked), "{stream}", "Streams parked now, by consumer.");
    }

    /// <summary>The latest lag measured (see <see cref="ReportLag"/>), as the gauges show it.</summary>
    public IReadOnlyList<ConsumerLag> CurrentLag => _lag;

    public void CommandAnswered(string function, string outcome, string? code = null) =>
        _commands.Add(1, new("function", function), new("outcome", outcome), new("code", code ?? ""));

    public void ConflictRetried(string aggregate) => _conflictRetries.Add(1, new KeyValuePair<string, object?>("aggregate", aggregate));

    public void Appended(string aggregate, string outcome, TimeSpan took) =>
        _appendDuration.Record(took.TotalSeconds, new("aggregate", aggregate), new("outcome", outcome));

    public void EventHandled(string consumer, string handler, TimeSpan delay)
    {
        _feedEvents.Add(1, new("consumer", consumer), new("handler", handler));
        _feedDelay.Record(Math.Max(0, delay.TotalSeconds), new KeyValuePair<string, object?>("consumer", consumer));
    }

    public void StreamParked(string handler) => _parks.Add(1, new KeyValuePair<string, object?>("handler", handler));

    public void IdempotentReplay(string function) => _replays.Add(1, new KeyValuePair<string, object?>("function", function));

    public void SignInFailed() => _signInFailures.Add(1);

    public void SignInLockedOut() => _signInLockouts.Add(1);

    /// <summary>Replaces what the lag gauges show; called by whoever measured it (a timer, or <c>/local/status</c>).</summary>
    public void ReportLag(IReadOnlyList<ConsumerLag> lag) => _lag = lag ?? throw new ArgumentNullException(nameof(lag));

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<T>> Lag<T>(Func<ConsumerLag, T?> value)
        where T : struct
    {
        foreach (var consumer in _lag)
        {
            if (value(consumer) is { } measured)
            {
                yield return new Measurement<T>(measured, new KeyValuePair<string, object?>("consumer", consumer.Consumer));
            }
        }
    }
}
