using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OkCow.Application;
using OkCow.Application.ChangeFeed;
using OkCow.Application.Commands;
using OkCow.Application.Documents;
using OkCow.Application.EventStore;
using OkCow.Application.Queries;
using OkCow.Application.Serialization;
using OkCow.Domain.Funds;
using OkCow.Domain.Index;
using OkCow.Domain.Investors;
using OkCow.Infrastructure.Embedded;

// Read-side figures on the embedded store, written as JSON to the path given (build/bench.sh merges them):
//   projectionEventsPerSecond: every projection, fed by the dispatcher in change-feed pages of 100 events (the local
//     host's and the Cosmos trigger's default), over the first log size of at least 100,000 events (else the largest);
//   reconciliationMs / navAtMs: median of 9 calls after the log of that size is projected: GET /api/reconciliation
//     (the running totals) and nav?at= at instants spread over the fund's history; the full folds beside them.
// The log: investors who register, deposit and subscribe 32 times each (3 events per subscription, the fund's
// UnitsIssued included, so the fund stream holds a third of the log), and an MCPI publication every 50 investors.
var output = args.Length > 0 ? args[0] : "readside.json";
var sizes = (Environment.GetEnvironmentVariable("OKCOW_BENCH_EVENTS") ?? "10000 100000 1000000")
    .Split(' ', StringSplitOptions.RemoveEmptyEntries)
    .Select(s => int.Parse(s, CultureInfo.InvariantCulture))
    .ToList();
var pageSize = int.Parse(Environment.GetEnvironmentVariable("OKCOW_BENCH_FEED_PAGE") ?? "100", CultureInfo.InvariantCulture);

var reconciliation = new SortedDictionary<int, double>();
var reconciliationFull = new SortedDictionary<int, double>();
var navAt = new SortedDictionary<int, double>();
var navAtFull = new SortedDictionary<int, double>();
var throughput = new SortedDictionary<int, double>();
var unbatched = 0.0;
foreach (var size in sizes)
{
    var folder = Path.Combine(Path.GetTempPath(), "okcow-readside-bench", Guid.NewGuid().ToString("N"));
    try
    {
        using var store = EmbeddedStore.Open(folder);
        var (fund, first, last, events) = await Workload.WriteAsync(store, size);
        var profiling = Environment.GetEnvironmentVariable("OKCOW_BENCH_PROFILE") == "1";
        var timed = new TimedDocuments(store.Documents);
        using var services = ReadSide(store, documents: profiling ? timed : null);
        var dispatcher = services.GetRequiredService<ChangeFeedDispatcher>();

        var watch = Stopwatch.StartNew();
        var feedTime = TimeSpan.Zero;
        string? continuation = null;
        while (true)
        {
            var read = Stopwatch.GetTimestamp();
            var page = await store.Events.ReadAsync(continuation, pageSize);
            feedTime += Stopwatch.GetElapsedTime(read);
            if (page.Events.Count == 0)
            {
                break;
            }

            await dispatcher.DispatchAsync(page.Events);
            continuation = page.Continuation;
        }

        throughput[size] = events / watch.Elapsed.TotalSeconds;
        if (profiling)
        {
            // Where the dispatcher's time goes: the feed, the document store's calls, and the rest (deserialising the
            // events, the projections' own work, the batch's bookkeeping).
            var total = watch.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  all projections: {total:F2} s; feed reads {feedTime.TotalSeconds:F2} s"));
            foreach (var (call, (count, time)) in timed.Calls.OrderByDescending(c => c.Value.Time))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {call,-34} {count,8} calls {time.TotalSeconds,7:F2} s"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    rest (handlers, deserialising)          {total - feedTime.TotalSeconds - timed.Calls.Values.Sum(c => c.Time.TotalSeconds),7:F2} s"));
        }
        if (size == sizes.FirstOrDefault(s => s >= 100_000, sizes[^1]))
        {
            // Side by side: the same projections fed one event per batch (a read and a write per document per event,
            // as before batching), into another read-model generation, over the first 20,000 events.
            using var single = ReadSide(store, "single");
            var one = single.GetRequiredService<ChangeFeedDispatcher>();
            var singleWatch = Stopwatch.StartNew();
            var (fed, next) = (0, (string?)null);
            while (fed < 20_000 && await store.Events.ReadAsync(next, 1) is { Events.Count: > 0 } page)
            {
                await one.DispatchAsync(page.Events);
                (fed, next) = (fed + 1, page.Continuation);
            }

            unbatched = fed / singleWatch.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  one event per batch: {unbatched:F0} events/s over {fed} events"));
        }
        if (profiling)
        {
            await ProfileAsync(services, store, pageSize);
        }

        var queries = services.GetRequiredService<ReadQueries>();
        reconciliation[size] = await MedianMsAsync(_ => queries.ReconcileAsync());
        reconciliationFull[size] = await MedianMsAsync(_ => queries.ReconcileAsync(fullFold: true), runs: size >= 1_000_000 ? 3 : 9);
        var span = last - first;
        navAt[size] = await MedianMsAsync(i => queries.GetFundNavAtAsync(fund, first + (span * (i + 1) / 10)));
        navAtFull[size] = await MedianMsAsync(i => queries.GetFundNavAtAsync(fund, first + (span * (i + 1) / 10), fullFold: true), runs: size >= 1_000_000 ? 3 : 9);

        var check = await queries.ReconcileAsync();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{events,9} events: projections {throughput[size],8:F0} events/s (pages of {pageSize}); reconciliation {reconciliation[size],8:F2} ms (full fold {reconciliationFull[size],9:F1} ms, agrees {check.Agrees}, {check.EventsRead} events); nav?at {navAt[size],7:F2} ms (full fold {navAtFull[size],8:F1} ms)"));
    }
    finally
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

var rate = throughput.FirstOrDefault(t => t.Key >= 100_000, throughput.LastOrDefault());
var json = new Dictionary<string, object?>
{
    ["projectionEventsPerSecond"] = Math.Round(rate.Value),
    ["projectionEventsMeasuredOver"] = rate.Key,
    ["projectionEventsPerSecondOneEventPerBatch"] = Math.Round(unbatched),
    ["reconciliationMs"] = Round(reconciliation),
    ["reconciliationFullFoldMs"] = Round(reconciliationFull),
    ["navAtMs"] = Round(navAt),
    ["navAtFullFoldMs"] = Round(navAtFull),
};
await File.WriteAllTextAsync(output, JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
return 0;

static Dictionary<string, double> Round(SortedDictionary<int, double> figures) =>
    figures.ToDictionary(f => f.Key.ToString(CultureInfo.InvariantCulture), f => Math.Round(f.Value, 2));

static async Task<double> MedianMsAsync<T>(Func<int, Task<T>> call, int runs = 9)
{
    await call(0);
    var times = new List<double>(runs);
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        await call(i);
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    return times[runs / 2];
}

// Each projection alone over the same log, into a fresh read-model generation: where the time goes.
static async Task ProfileAsync(ServiceProvider services, EmbeddedStore store, int pageSize)
{
    var generation = 0;
    foreach (var type in ReadSideServiceCollectionExtensions.Projectors)
    {
        var target = new ReadModelStore(store.Documents, $"p{generation++}");
        var handler = (IEventHandler)ActivatorUtilities.CreateInstance(services, type, [.. new object[] { new OkCow.Application.Projections.ViewWriter(target), target }.Where(a => type.GetConstructors().Single().GetParameters().Any(p => p.ParameterType.IsInstanceOfType(a)))]);
        var dispatcher = new ChangeFeedDispatcher([handler], EventTypes.Default, store.Events, store.Documents, TimeProvider.System, NullLogger<ChangeFeedDispatcher>.Instance);
        var watch = Stopwatch.StartNew();
        string? continuation = null;
        while (await store.Events.ReadAsync(continuation, pageSize) is { Events.Count: > 0 } page)
        {
            await dispatcher.DispatchAsync(page.Events);
            continuation = page.Continuation;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {handler.Name,-30} {watch.Elapsed.TotalSeconds,7:F2} s"));
    }
}

static ServiceProvider ReadSide(EmbeddedStore store, string generation = "", IDocumentStore? documents = null)
{
    var services = new ServiceCollection();
    services.AddSingleton<IEventStore>(store.Events);
    services.AddSingleton<IChangeFeed>(store.Events);
    services.AddSingleton(documents ?? store.Documents);
    services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
    services.AddOkCowReadSide(generation);
    return services.BuildServiceProvider();
}

/// <summary>Writes the log straight to the store, a stream's events of one step in one append.</summary>
internal static class Workload
{
    private const int Subscriptions = 32;
    private const long Amount = 10_000;
    private static readonly EventMetadata Metadata = new("bench", null, "bench");

    public static async Task<(Guid Fund, DateTimeOffset First, DateTimeOffset Last, long Events)> WriteAsync(EmbeddedStore store, int size)
    {
        var fund = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        var first = at;
        var (fundVersion, mcpiVersion, events, units) = (0L, 0L, 0L, 0L);
        await AppendAsync(store, Streams.Fund(fund), 0, at, [new FundEvent.FundCreated(fund, "Bench", 10_000, at)]);
        fundVersion = 1;
        events = 1;
        for (var investorNumber = 0; events < size; investorNumber++)
        {
            at = at.AddMinutes(1);
            if (investorNumber % 50 == 0)
            {
                var published = new McpiEvent.McpiPublished(10_000 + (investorNumber / 50 % 500), at, 10_000, at);
                await AppendAsync(store, Streams.Mcpi, mcpiVersion, at, [published]);
                mcpiVersion++;
                events++;
            }

            var investor = Guid.NewGuid();
            var subscriptions = Enumerable.Range(0, Subscriptions).Select(_ => Guid.NewGuid()).ToList();
            var stream = Streams.Investor(investor);
            List<object> opening =
            [
                new InvestorEvent.InvestorRegistered(investor, "Bench investor", $"bench-{investor:N}", "not-a-hash", at),
                new InvestorEvent.CashDeposited(investor, Amount * Subscriptions, at),
                .. subscriptions.Select(s => new InvestorEvent.SubscriptionRequested(investor, s, fund, Amount, at)),
            ];
            await AppendAsync(store, stream, 0, at, opening);
            var issued = subscriptions.Select(s => new FundEvent.UnitsIssued(fund, s, investor, Amount, 1, Amount, 10_000m, units * 10_000, units++, 10_000, at)).ToList<object>();
            await AppendAsync(store, Streams.Fund(fund), fundVersion, at, issued);
            fundVersion += issued.Count;
            var settled = subscriptions.Select(s => new InvestorEvent.SubscriptionSettled(investor, s, fund, Amount, 1, Amount, at)).ToList<object>();
            await AppendAsync(store, stream, opening.Count, at, settled);
            events += opening.Count + issued.Count + settled.Count;
        }

        return (fund, first, at, events);
    }

    private static Task AppendAsync(EmbeddedStore store, string streamId, long version, DateTimeOffset at, IReadOnlyList<object> events) =>
        store.Events.AppendAsync(streamId, ExpectedVersion.Exactly(version), [.. events.Select(e => EventTypes.Default.ToNewEvent(e, Guid.NewGuid(), at, Metadata))]);
}

/// <summary>The document store with the time and count of its calls per method and container (OKCOW_BENCH_PROFILE=1).</summary>
internal sealed class TimedDocuments(IDocumentStore inner) : IDocumentStore
{
    public Dictionary<string, (int Count, TimeSpan Time)> Calls { get; } = [];

    public Task<Document<T>?> GetAsync<T>(string container, string partitionKey, string id, CancellationToken cancellationToken = default) =>
        TimeAsync($"GetAsync {container}", () => inner.GetAsync<T>(container, partitionKey, id, cancellationToken));

    public Task<IReadOnlyList<Document<T>?>> GetManyAsync<T>(string container, IReadOnlyList<(string PartitionKey, string Id)> keys, CancellationToken cancellationToken = default) =>
        TimeAsync($"GetManyAsync {container}", () => inner.GetManyAsync<T>(container, keys, cancellationToken));

    public Task<string?> TryWriteAsync<T>(string container, string partitionKey, string id, T value, string? ifMatch, CancellationToken cancellationToken = default) =>
        TimeAsync($"TryWriteAsync {container}", () => inner.TryWriteAsync(container, partitionKey, id, value, ifMatch, cancellationToken));

    public Task<string> UpsertAsync<T>(string container, string partitionKey, string id, T value, CancellationToken cancellationToken = default) =>
        TimeAsync($"UpsertAsync {container}", () => inner.UpsertAsync(container, partitionKey, id, value, cancellationToken));

    public Task DeleteAsync(string container, string partitionKey, string id, CancellationToken cancellationToken = default) =>
        TimeAsync($"DeleteAsync {container}", async () =>
        {
            await inner.DeleteAsync(container, partitionKey, id, cancellationToken);
            return 0;
        });

    public Task<IReadOnlyList<IReadOnlyList<string>?>> WriteGroupsAsync(IReadOnlyList<DocumentGroup> groups, CancellationToken cancellationToken = default) =>
        TimeAsync("WriteGroupsAsync", () => inner.WriteGroupsAsync(groups, cancellationToken));

    public Task<IReadOnlyList<T>> ListAsync<T>(string container, string partitionKey, int skip, int take, CancellationToken cancellationToken = default) =>
        TimeAsync($"ListAsync {container}", () => inner.ListAsync<T>(container, partitionKey, skip, take, cancellationToken));

    public Task<DocumentPage<T>> ListPageAsync<T>(string container, string partitionKey, int take, string? continuation, CancellationToken cancellationToken = default) =>
        TimeAsync($"ListPageAsync {container}", () => inner.ListPageAsync<T>(container, partitionKey, take, continuation, cancellationToken));

    private async Task<T> TimeAsync<T>(string call, Func<Task<T>> run)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await run();
        }
        finally
        {
            var (count, time) = Calls.GetValueOrDefault(call);
            Calls[call] = (count + 1, time + Stopwatch.GetElapsedTime(started));
        }
    }
}
