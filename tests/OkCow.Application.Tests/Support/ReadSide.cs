using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OkCow.Application.ChangeFeed;
using OkCow.Application.Documents;
using OkCow.Application.EventStore;
using OkCow.Application.Queries;
using OkCow.Application.Serialization;
using OkCow.Infrastructure.Embedded;

namespace OkCow.Application.Tests.Support;

/// <summary>
/// The read side over a fresh embedded store: events are appended straight to streams (as the write side would) and
/// fed to the dispatcher through the store's change feed, or in any batch and order a test chooses.
/// </summary>
public sealed class ReadSide : IDisposable
{
    private readonly string _folder;
    private readonly ServiceProvider _services;
    private string? _continuation;

    private ReadSide(Action<IServiceCollection>? configure)
    {
        _folder = Path.Combine(Path.GetTempPath(), "okcow-app-tests", Guid.NewGuid().ToString("N"));
        Store = EmbeddedStore.Open(_folder);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IEventStore>(Store.Events);
        services.AddSingleton<IChangeFeed>(Store.Events);
        services.AddSingleton<IDocumentStore>(Store.Documents);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddOkCowReadSide();
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
    }

    public TestClock Clock { get; } = new();

    public EmbeddedStore Store { get; }

    public IServiceProvider Services => _services;

    public ChangeFeedDispatcher Dispatcher => _services.GetRequiredService<ChangeFeedDispatcher>();

    public ReadQueries Queries => _services.GetRequiredService<ReadQueries>();

    public IDocumentStore Documents => Store.Documents;

    public static ReadSide Create(Action<IServiceCollection>? configure = null) => new(configure);

    /// <summary>Appends <paramref name="events"/> to the stream at its current version, recorded at <paramref name="at"/>.</summary>
    public async Task<IReadOnlyList<StoredEvent>> AppendAsync(string streamId, DateTimeOffset at, params object[] events)
    {
        var head = await Store.Events.ReadHeadAsync(streamId);
        var version = head?.Version ?? 0;
        var metadata = new EventMetadata($"test-{Guid.NewGuid():N}", null, "test");
        var toAppend = events.Select(e => EventTypes.Default.ToNewEvent(e, Guid.NewGuid(), at, metadata)).ToList();
        await Store.Events.AppendAsync(streamId, ExpectedVersion.Exactly(version), toAppend);
        return await Store.Events.ReadStreamAsync(streamId, new StreamReadOptions(version + 1));
    }

    /// <summary>Reads the change feed from where the last call stopped and dispatches it as one batch.</summary>
    public async Task<IReadOnlyList<StoredEvent>> ProjectAsync()
    {
        var all = new List<StoredEvent>();
        while (true)
        {
            var page = await Store.Events.ReadAsync(_continuation, 500);
            if (page.Events.Count == 0)
            {
                break;
            }

            all.AddRange(page.Events);
            _continuation = page.Continuation;
        }

        await Dispatcher.DispatchAsync(all);
        return all;
    }

    public Task DispatchAsync(IReadOnlyList<StoredEvent> batch) => Dispatcher.DispatchAsync(batch);

    public async Task<T?> GetAsync<T>(string container, string partitionKey, string id)
        where T : class =>
        (await Store.Documents.GetAsync<T>(container, partitionKey, id))?.Value;

    public void Dispose()
    {
        _services.Dispose();
        Store.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
