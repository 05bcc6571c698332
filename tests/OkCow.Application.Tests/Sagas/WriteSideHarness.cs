using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OkCow.Application.ChangeFeed;
using OkCow.Application.Commands;
using OkCow.Application.Documents;
using OkCow.Application.EventStore;
using OkCow.Application.Serialization;
using OkCow.Infrastructure.Embedded;

namespace OkCow.Application.Tests.Sagas;

/// <summary>The write side and the sagas over a throw-away embedded store, with a clock the test moves.</summary>
public sealed class WriteSideHarness : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "okcow-sagas-" + Guid.NewGuid().ToString("N"));
    private readonly EmbeddedStore _store;
    private readonly ServiceProvider _services;
    private string? _continuation;

    /// <param name="wrapEvents">Puts a decorator (a measuring one, say) between the pipeline and the embedded event store.</param>
    /// <param name="seedFolder">A data folder whose files the harness copies and opens (old data, say).</param>
    public WriteSideHarness(bool withReadSide = false, Func<IEventStore, IEventStore>? wrapEvents = null, string? seedFolder = null)
    {
        if (seedFolder is not null)
        {
            Directory.CreateDirectory(_folder);
            foreach (var file in Directory.GetFiles(seedFolder))
            {
                File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
            }
        }

        _store = EmbeddedStore.Open(_folder);
        var events = wrapEvents?.Invoke(_store.Events) ?? _store.Events;
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(events);
        services.AddSingleton<IChangeFeed>(_store.Events);
        services.AddSingleton<IDocumentStore>(_store.Documents);
        services.AddOkCowWriteSide(new MarketOptions(), passwordIterations: 1_000);
        if (withReadSide)
        {
            services.AddOkCowReadSide();
        }

        services.AddSingleton<ChangeFeedDispatcher>();
        _services = services.BuildServiceProvider();
    }

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 17, 1, 0, 0, TimeSpan.Zero));

    public OkCowCommands Commands => _services.GetRequiredService<OkCowCommands>();

    public IEventStore Events => _store.Events;

    public IDocumentStore Documents => _store.Documents;

    public ChangeFeedDispatcher Dispatcher => _services.GetRequiredService<ChangeFeedDispatcher>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public static CommandContext Operator => new("test-correlation", null, "test");

    /// <summary>Starts the sagas' feed after everything stored so far, as a host that kept its checkpoint does.</summary>
    public async Task SkipFeedToEndAsync()
    {
        while ((await _store.Events.ReadAsync(_continuation, 1_000)) is { Events.Count: > 0 } page)
        {
            _continuation = page.Continuation;
        }
    }

    /// <summary>Feeds every new event to the sagas until they write nothing more; returns the events delivered.</summary>
    /// <param name="afterPage">Called after each page of the feed is handled (to look at the store mid-flight, say).</param>
    public async Task<IReadOnlyList<StoredEvent>> DrainAsync(Action<int>? afterPage = null)
    {
        var pages = 0;
        var delivered = new List<StoredEvent>();
        while (true)
        {
            var page = await _store.Events.ReadAsync(_continuation, 100);
            if (page.Events.Count == 0)
            {
                return delivered;
            }

            await Dispatcher.DispatchAsync(page.Events);
            delivered.AddRange(page.Events);
            _continuation = page.Continuation;
            afterPage?.Invoke(++pages);
        }
    }

    public async Task<TState> LoadAsync<TDecider, TCommand, TEvent, TState>(string streamId)
        where TDecider : Domain.Common.IDecider<TCommand, TEvent, TState>
        where TEvent : class =>
        (await _services.GetRequiredService<AggregateHandler<TDecider, TCommand, TEvent, TState>>().LoadAsync(streamId)).State;

    public async Task<IReadOnlyList<object>> EventsOfAsync(string streamId) =>
        (await _store.Events.ReadStreamAsync(streamId, StreamReadOptions.All)).Select(EventTypes.Default.Deserialize).ToList();

    /// <summary>The largest read-model document (with its container and id), stream head snapshot and state page in the store's file, in bytes.</summary>
    public (long Document, string DocumentName, long Head, long Page) LargestStored()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, EmbeddedStore.DatabaseFileName), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT coalesce(d.size, 0), coalesce(d.name, ''),
                   (SELECT coalesce(max(length(CAST(snapshot_data AS BLOB))), 0) FROM heads),
                   (SELECT coalesce(max(length(CAST(data AS BLOB))), 0) FROM pages)
            FROM (SELECT 1) LEFT JOIN (
                SELECT length(CAST(json AS BLOB)) AS size, container || '/' || id AS name FROM documents ORDER BY size DESC LIMIT 1) d;
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    public void Dispose()
    {
        _services.Dispose();
        _store.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
