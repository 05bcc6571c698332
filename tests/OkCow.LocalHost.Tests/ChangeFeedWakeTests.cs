using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OkCow.Application.EventStore;
using OkCow.Application.PersonalData;
using OkCow.Infrastructure.Cosmos.EventStore;
using OkCow.Infrastructure.Embedded;
using OkCow.LocalHost.ChangeFeed;

namespace OkCow.LocalHost.Tests;

/// <summary>An idle consumer is woken by the embedded store's next append instead of waiting for its next poll.</summary>
public sealed class ChangeFeedWakeTests
{
    // Far longer than the test's guard: only the append's signal can deliver the event in time.
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Given_a_caught_up_consumer_polling_rarely_When_an_event_is_appended_Then_the_store_signal_delivers_it()
    {
        using var folder = new TempDataFolder();
        using var store = EmbeddedStore.Open(folder.Path);
        var inbox = new Inbox();
        using var services = new ServiceCollection().AddSingleton(inbox).BuildServiceProvider();
        var function = FeedFunctions.Discover([typeof(InboxFeed)]).Single();
        var status = new FeedStatus([function]);
        var settings = new LocalHostSettings(folder.Path, "http://127.0.0.1:0", StoreKind.Embedded, IdlePoll, 100);
        using var consumer = new ChangeFeedConsumer(
            function, services, store.Events, store.Checkpoints, status, settings, new NoStorageScrubbing(), NullLogger<ChangeFeedConsumer>.Instance, store.Events);

        await consumer.StartAsync(CancellationToken.None);
        Assert.True(SpinWait.SpinUntil(() => status.CaughtUp, TimeSpan.FromSeconds(30)), "the consumer read the empty feed and went idle");
        var newEvent = new NewEvent(Guid.NewGuid(), "V1.Test", JsonDocument.Parse("{}").RootElement, DateTimeOffset.UtcNow, new EventMetadata("corr", null, "test"));
        await store.Events.AppendAsync("stream-1", ExpectedVersion.NoStream, [newEvent]);

        var delivered = await inbox.First.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await consumer.StopAsync(CancellationToken.None);

        Assert.Equal(newEvent.EventId.ToString(), delivered);
    }

    public sealed class Inbox
    {
        public TaskCompletionSource<string> First { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public sealed class InboxFeed(Inbox inbox)
    {
        [Function("Inbox")]
        public Task Run(
            [CosmosDBTrigger("okcow", "events", LeaseContainerPrefix = "inbox-")] IReadOnlyList<EventDocument> documents,
            CancellationToken cancellationToken)
        {
            inbox.First.TrySetResult(documents.Single().ToStoredEvent()!.EventId.ToString());
            return Task.CompletedTask;
        }
    }
}
