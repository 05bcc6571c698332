using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OkCow.Application.EventStore;
using OkCow.Functions;
using OkCow.Infrastructure.Cosmos.EventStore;
using OkCow.Infrastructure.Embedded;
using OkCow.LocalHost.ChangeFeed;

namespace OkCow.LocalHost.Tests;

public sealed class ChangeFeedConsumerTests
{
    [Fact]
    public void Given_the_function_classes_When_discovered_Then_each_change_feed_function_is_a_consumer_named_by_its_lease_prefix_with_its_retry_policy()
    {
        var functions = FeedFunctions.Discover(typeof(FunctionsServiceCollectionExtensions).Assembly);

        Assert.Equal(["RunProjections projections-", "RunSagas sagas-"], functions.Select(f => $"{f.Name} {f.Consumer}"));
        Assert.All(functions, f => Assert.Equal(new RetryDelays(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5)), f.Retry));
    }

    [Fact]
    public void Given_a_retry_policy_When_failures_repeat_Then_the_delay_doubles_up_to_the_maximum()
    {
        var retry = new RetryDelays(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));

        Assert.Equal([2, 4, 8, 10, 10], Enumerable.Range(1, 5).Select(n => retry.After(n).TotalSeconds));
        Assert.Equal(TimeSpan.FromMilliseconds(100), new RetryDelays(TimeSpan.Zero, TimeSpan.Zero).After(1));
    }

    [Fact]
    public void Given_a_stored_event_When_converted_Then_the_trigger_document_carries_it_unchanged()
    {
        var stored = new StoredEvent("fund-1", 7, Guid.NewGuid(), "V1.Test", JsonDocument.Parse("""{"amount":5}""").RootElement, new DateTimeOffset(2026, 11, 22, 1, 2, 3, TimeSpan.Zero).AddTicks(1234567), new EventMetadata("corr", "cause", "actor"));

        var document = ChangeFeedConsumer.ToDocument(stored);
        var back = document.ToStoredEvent()!;

        Assert.Equal(EventDocument.EventKind, document.Kind);
        Assert.Equal(EventDocument.FormatTimestamp(stored.Timestamp), document.Timestamp);
        Assert.Equal((stored.StreamId, stored.Version, stored.EventId, stored.Type, stored.Timestamp, stored.Metadata), (back.StreamId, back.Version, back.EventId, back.Type, back.Timestamp, back.Metadata));
        Assert.Equal(stored.Data.GetRawText(), back.Data.GetRawText());
    }

    [Fact]
    public async Task Given_a_function_that_fails_once_When_the_consumer_runs_Then_the_same_page_is_retried_and_the_checkpoint_is_stored_only_after_success()
    {
        using var folder = new TempDataFolder();
        using var store = EmbeddedStore.Open(folder.Path);
        var now = DateTimeOffset.UtcNow;
        var events = Enumerable.Range(1, 3)
            .Select(_ => new NewEvent(Guid.NewGuid(), "V1.Test", JsonDocument.Parse("{}").RootElement, now, new EventMetadata("corr", null, "test")))
            .ToList();
        await store.Events.AppendAsync("stream-1", ExpectedVersion.NoStream, events);
        var recorder = new Recorder(store.Checkpoints);
        using var services = new ServiceCollection().AddSingleton(recorder).BuildServiceProvider();
        var function = FeedFunctions.Discover([typeof(FlakyFeed)]).Single();
        var status = new FeedStatus([function]);
        var settings = new LocalHostSettings(folder.Path, "http://127.0.0.1:0", StoreKind.Embedded, TimeSpan.FromMilliseconds(10), 100);
        using var consumer = new ChangeFeedConsumer(function, services, store.Events, store.Checkpoints, status, settings, store.Scrubber, NullLogger<ChangeFeedConsumer>.Instance);

        await consumer.StartAsync(CancellationToken.None);
        var clock = Stopwatch.StartNew();
        while (!status.CaughtUp && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }

        await consumer.StopAsync(CancellationToken.None);

        Assert.True(status.CaughtUp);
        Assert.Equal(
            [("1,2,3", (string?)null), ("1,2,3", null)],
            recorder.Calls.Select(c => (c.Versions, c.CheckpointSeen)).ToList());
        Assert.Equal("3", await store.Checkpoints.GetAsync("flaky-"));
        Assert.Equal(3, status.Consumers.Single().EventsHandled);
    }

    public sealed class Recorder(ICheckpointStore checkpoints)
    {
        public ConcurrentQueue<(string Versions, string? CheckpointSeen)> Calls { get; } = new();

        public async Task RecordAsync(IReadOnlyList<EventDocument> documents, CancellationToken cancellationToken)
        {
            var checkpoint = await checkpoints.GetAsync("flaky-", cancellationToken);
            Calls.Enqueue((string.Join(",", documents.Select(d => d.Version)), checkpoint));
            if (Calls.Count == 1)
            {
                throw new InvalidOperationException("The first delivery fails.");
            }
        }
    }

    public sealed class FlakyFeed(Recorder recorder)
    {
        [Function("Flaky")]
        [FixedDelayRetry(5, "00:00:00.050")]
        public Task Run(
            [CosmosDBTrigger("okcow", "events", LeaseContainerPrefix = "flaky-")] IReadOnlyList<EventDocument> documents,
            CancellationToken cancellationToken) =>
            recorder.RecordAsync(documents, cancellationToken);
    }
}
