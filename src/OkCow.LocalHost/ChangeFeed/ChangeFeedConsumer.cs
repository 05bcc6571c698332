using System.Globalization;
using System.Reflection;
using OkCow.Application.EventStore;
using OkCow.Application.PersonalData;
using OkCow.Infrastructure.Cosmos.EventStore;

namespace OkCow.LocalHost.ChangeFeed;

/// <summary>
/// Plays the Cosmos DB trigger for one change-feed function: reads pages of the store's change feed after the
/// consumer's checkpoint, hands each page to the very function method as the documents the trigger would deliver,
/// and stores the checkpoint only after the function returned, so every event is delivered at least once.
/// A failing page is retried, the same page again, with the function's own back-off; it is never skipped. When idle it
/// waits for the store's signal of the next append (<see cref="IChangeFeedSignal"/>, the embedded store), so a new event
/// is read at once, and polls every <see cref="LocalHostSettings.FeedIdleDelay"/> all the same, for other writers.
/// </summary>
public sealed partial class ChangeFeedConsumer(
    FeedFunction function,
    IServiceProvider services,
    IChangeFeed feed,
    ICheckpointStore checkpoints,
    FeedStatus status,
    LocalHostSettings settings,
    IStorageScrubber scrubber,
    ILogger<ChangeFeedConsumer> logger,
    IChangeFeedSignal? signal = null) : BackgroundService
{
    private const string ErasedEventType = "V1.InvestorErased";

    private readonly ObjectFactory? _factory = function.Method.IsStatic ? null : ActivatorUtilities.CreateFactory(function.FunctionType, Type.EmptyTypes);

    /// <summary>The document the Cosmos DB trigger would deliver for <paramref name="stored"/>.</summary>
    public static EventDocument ToDocument(StoredEvent stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return EventDocument.ForEvent(stored.StreamId, stored.Version, new NewEvent(stored.EventId, stored.Type, stored.Data, stored.Timestamp, stored.Metadata));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? continuation = null;
        var loaded = false;
        var caughtUp = false;
        var handled = 0L;
        var failures = 0;
        LogStarted(function.Name, function.Consumer);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!loaded)
                {
                    continuation = await checkpoints.GetAsync(function.Consumer, stoppingToken).ConfigureAwait(false);
                    loaded = true;
                }

                // Taken before the read, so an append committed after it (and so perhaps missed by it) ends the wait.
                var appended = signal?.NextAppend;
                var read = status.NextRead();
                var page = await feed.ReadAsync(continuation, settings.FeedPageSize, stoppingToken).ConfigureAwait(false);
                if (page.Events.Count > 0)
                {
                    await InvokeAsync(page.Events.Select(ToDocument).ToList(), stoppingToken).ConfigureAwait(false);
                    handled += page.Events.Count;

                    // An erasure's views were just rewritten: let the store drop the old pages from its files (SPEC 9).
                    if (page.Events.Any(e => e.Type == ErasedEventType))
                    {
                        await scrubber.ScrubAsync(stoppingToken).ConfigureAwait(false);
                    }
                }

                // Cosmos moves its continuation past head documents even when a page holds no event; keep that too.
                if (page.Continuation != continuation)
                {
                    await checkpoints.SetAsync(function.Consumer, page.Continuation, stoppingToken).ConfigureAwait(false);
                    continuation = page.Continuation;
                }

                failures = 0;
                if (page.Events.Count > 0)
                {
                    caughtUp = false;
                    status.Set(new FeedConsumerStatus(function.Name, function.Consumer, continuation, false, 0, handled, 0, null));
                    continue;
                }

                if (!caughtUp)
                {
                    caughtUp = true;
                    LogCaughtUp(function.Consumer, function.Name, continuation ?? "the start", handled);
                }

                status.Set(new FeedConsumerStatus(function.Name, function.Consumer, continuation, true, read, handled, 0, null));
                if (appended is null)
                {
                    await Task.Delay(settings.FeedIdleDelay, stoppingToken).ConfigureAwait(false);
                }
                else
                {
                    // A timeout or the host stopping ends the wait as well; the loop's condition sees the latter.
                    await appended.WaitAsync(settings.FeedIdleDelay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception error)
            {
                failures++;
                caughtUp = false;
                var delay = function.Retry.After(failures);
                LogPageFailed(error, function.Name, continuation ?? "the start", failures, delay);
                status.Set(new FeedConsumerStatus(function.Name, function.Consumer, continuation, false, 0, handled, failures, error.Message));
                try
                {
                    await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task InvokeAsync(IReadOnlyList<EventDocument> documents, CancellationToken cancellationToken)
    {
        // One DI scope per invocation, as the Functions worker gives each invocation its own.
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var instance = _factory?.Invoke(scope.ServiceProvider, null);
            var arguments = function.Binders.Select(bind => bind(documents, cancellationToken)).ToArray();
            if (function.Method.Invoke(instance, BindingFlags.DoNotWrapExceptions, null, arguments, CultureInfo.InvariantCulture) is Task task)
            {
                await task.ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Change-feed consumer '{Consumer}' started: it feeds function {Function}")]
    private partial void LogStarted(string function, string consumer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Change-feed consumer '{Consumer}' ({Function}) caught up at position {Position}: {Handled} events handled since start")]
    private partial void LogCaughtUp(string consumer, string function, string position, long handled);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} failed on the change-feed page after {Position} (failure {Failures} in a row); retrying the same page in {Delay}")]
    private partial void LogPageFailed(Exception error, string function, string position, int failures, TimeSpan delay);
}
