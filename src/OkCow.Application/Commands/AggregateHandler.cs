using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OkCow.Application.EventStore;
using OkCow.Application.Serialization;
using OkCow.Application.Telemetry;
using OkCow.Domain.Common;

namespace OkCow.Application.Commands;

/// <summary>
/// The one command pipeline: load the stream (one point read of the head when its snapshot is current), fold with
/// Evolve, Decide, append at the expected version with the new snapshot in the same write; on a version conflict
/// reload and decide again (bounded, with jitter), then <see cref="ErrorCodes.ConcurrencyConflict"/>.
/// </summary>
public sealed class AggregateHandler<TDecider, TCommand, TEvent, TState>(
    IEventStore store,
    EventTypes eventTypes,
    TimeProvider clock,
    ILogger<AggregateHandler<TDecider, TCommand, TEvent, TState>> logger,
    OkCowTelemetry? telemetry = null)
    where TDecider : IDecider<TCommand, TEvent, TState>
    where TEvent : class
{
    public const int MaxAttempts = 8;

    /// <summary>Changes whenever the state record's shape changes, so old snapshots are ignored rather than misread.</summary>
    public static readonly string SnapshotSchema = $"{typeof(TState).Name}.v2";

    /// <summary>The aggregate's name on spans and metrics ("Fund", "Investor").</summary>
    private static readonly string Aggregate = typeof(TState).Name.EndsWith("State", StringComparison.Ordinal) ? typeof(TState).Name[..^5] : typeof(TState).Name;

    public async Task<(TState State, long Version)> LoadAsync(string streamId, CancellationToken cancellationToken = default)
    {
        var (state, version, _) = await LoadWithHeadAsync(streamId, cancellationToken).ConfigureAwait(false);
        return (state, version);
    }

    /// <summary>The state, its version and the head's ETag (when the store has one) for guarding the next append.</summary>
    private async Task<(TState State, long Version, string? HeadETag)> LoadWithHeadAsync(string streamId, CancellationToken cancellationToken)
    {
        var head = await store.ReadHeadAsync(streamId, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return (TDecider.Initial, 0, null);
        }

        var (state, version) = head.Snapshot is { } snapshot && snapshot.Schema == SnapshotSchema && snapshot.Version <= head.Version
            ? (Json.FromElement<TState>(snapshot.Data), snapshot.Version)
            : (TDecider.Initial, 0L);

        if (version < head.Version)
        {
            var newer = await store.ReadStreamAsync(streamId, new StreamReadOptions(version + 1), cancellationToken).ConfigureAwait(false);
            foreach (var stored in newer)
            {
                state = TDecider.Evolve(state, (TEvent)eventTypes.Deserialize(stored));
                version = stored.Version;
            }
        }

        // The ETag guards the head at head.Version; it is only a valid hint when the fold reached that version.
        return (state, version, version == head.Version ? head.ETag : null);
    }

    /// <summary>Runs <paramref name="command"/> against the stream. Domain refusals propagate as <see cref="DomainException"/>.</summary>
    public Task<CommandResult<TState>> HandleAsync(
        string streamId,
        TCommand command,
        CommandContext context,
        CancellationToken cancellationToken = default) =>
        HandleAsync(streamId, command, context, stepId: null, cancellationToken);

    /// <summary>
    /// Runs a saga step: the first event it decides carries <paramref name="stepId"/> (derived from the step's cause) as
    /// its event id, and the store refuses a second event with that id in the stream, so a repeated step decides
    /// nothing without the state remembering the ids of the steps it has seen.
    /// </summary>
    public Task<CommandResult<TState>> HandleStepAsync(
        string streamId,
        TCommand command,
        Guid stepId,
        CommandContext context,
        CancellationToken cancellationToken = default) =>
        HandleAsync(streamId, command, context, stepId, cancellationToken);

    private async Task<CommandResult<TState>> HandleAsync(
        string streamId,
        TCommand command,
        CommandContext context,
        Guid? stepId,
        CancellationToken cancellationToken)
    {
        // The span whose traceparent the events record: saga steps and projections of these events continue its trace.
        using var activity = OkCowTelemetry.Source.StartActivity($"{Aggregate} {typeof(TCommand).Name}");
        activity?.SetTag("okcow.stream", streamId);
        activity?.SetTag("okcow.command", command?.GetType().Name);
        for (var attempt = 1; ; attempt++)
        {
            var (state, version, headETag) = await LoadWithHeadAsync(streamId, cancellationToken).ConfigureAwait(false);
            var events = TDecider.Decide(command, state);
            if (events.Count == 0)
            {
                return new CommandResult<TState>(streamId, version, [], state);
            }

            var newState = events.Aggregate(state, TDecider.Evolve);
            var newVersion = version + events.Count;
            var toAppend = eventTypes.ToNewEvents(events.Cast<object>(), stepId, clock.GetUtcNow(), context.ToMetadata());
            var snapshot = new Snapshot(newVersion, SnapshotSchema, Json.ToElement(newState));

            var started = Stopwatch.GetTimestamp();
            try
            {
                await store.AppendAsync(streamId, ExpectedVersion.Exactly(version, headETag), toAppend, snapshot, cancellationToken).ConfigureAwait(false);
                telemetry?.Appended(Aggregate, "written", Stopwatch.GetElapsedTime(started));
                activity?.SetTag("okcow.version", newVersion);
                return new CommandResult<TState>(streamId, newVersion, events.Cast<object>().ToList(), newState);
            }
            catch (DuplicateEventException) when (stepId is not null)
            {
                telemetry?.Appended(Aggregate, "duplicate_step", Stopwatch.GetElapsedTime(started));
                logger.LogDebug("Step {StepId} is already recorded on {StreamId}", stepId, streamId);
                return new CommandResult<TState>(streamId, version, [], state);
            }
            catch (WrongExpectedVersionException) when (attempt < MaxAttempts)
            {
                telemetry?.Appended(Aggregate, "conflict", Stopwatch.GetElapsedTime(started));
                telemetry?.ConflictRetried(Aggregate);
                logger.LogDebug("Version conflict on {StreamId} at {Version}, attempt {Attempt}", streamId, version, attempt);
                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
            }
            catch (WrongExpectedVersionException)
            {
                telemetry?.Appended(Aggregate, "conflict", Stopwatch.GetElapsedTime(started));
                activity?.SetStatus(ActivityStatusCode.Error, ErrorCodes.ConcurrencyConflict);
                logger.LogWarning("Giving up on {StreamId} after {Attempts} version conflicts", streamId, attempt);
                throw new DomainException(ErrorCodes.ConcurrencyConflict, $"Stream '{streamId}' kept changing; try again.");
            }
        }
    }

    private static TimeSpan Backoff(int attempt)
    {
        Debug.Assert(attempt >= 1);
        var ceiling = Math.Min(5 * (1 << attempt), 200);
        return TimeSpan.FromMilliseconds(Random.Shared.Next(1, ceiling));
    }
}
