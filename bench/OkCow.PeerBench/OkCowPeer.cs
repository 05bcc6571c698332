using InvestorHandler = OkCow.Application.Commands.AggregateHandler<OkCow.Domain.Investors.InvestorDecider, OkCow.Domain.Investors.InvestorCommand, OkCow.Domain.Investors.InvestorEvent, OkCow.Domain.Investors.InvestorState>;
using Microsoft.Extensions.Logging.Abstractions;
using OkCow.Application.ChangeFeed;
using OkCow.Application.Commands;
using OkCow.Application.Documents;
using OkCow.Application.EventStore;
using OkCow.Application.Projections;
using OkCow.Application.ReadModels.Portfolio;
using OkCow.Application.Serialization;
using OkCow.Domain.Investors;
using OkCow.Infrastructure.Embedded;

namespace OkCow.PeerBench;

/// <summary>
/// OkCow's side: the embedded SQLite store, used as the product uses it. One store file per figure group (appends,
/// aggregates, the change feed), so that the change feed holds exactly the catch-up events.
/// </summary>
public sealed class OkCowPeer(string dataFolder) : IPeerStore
{
    /// <summary>The local host's change-feed page size (OkCow:LocalHost:FeedPageSize), as the Cosmos trigger's default batch.</summary>
    public const int FeedPageSize = 100;

    private static readonly CommandContext Context = new(Workload.CorrelationId, Workload.CausationId, Workload.Actor);

    private readonly EmbeddedStore _appends = EmbeddedStore.Open(Path.Combine(dataFolder, "appends"));
    private readonly EmbeddedStore _aggregates = EmbeddedStore.Open(Path.Combine(dataFolder, "aggregates"));
    private readonly EmbeddedStore _feed = EmbeddedStore.Open(Path.Combine(dataFolder, "feed"));
    private readonly Dictionary<int, Guid> _loadStreams = [];
    private IReadOnlyList<Guid> _feedStreams = [];
    private InvestorHandler _handler = null!;
    private WriterStreams _appendStreams = null!;
    private WriterStreams _commandStreams = null!;
    private BenchSizes _sizes = null!;
    private DateTimeOffset _asOf;
    private long _asOfAvailable;

    public string Name => "okcow";

    public async Task PrepareAsync(BenchSizes sizes)
    {
        _sizes = sizes;
        _handler = new InvestorHandler(_aggregates.Events, EventTypes.Default, TimeProvider.System, NullLogger<InvestorHandler>.Instance);
        var now = DateTimeOffset.UtcNow;

        _appendStreams = WriterStreams.Create(sizes.AppendStreamsPerWriter);
        foreach (var id in _appendStreams.All)
        {
            await AppendAsync(_appends, id, 0, [Workload.Registered(id, now)], snapshot: false);
        }

        await CheckConcurrencyAsync(_appendStreams.All[0]);

        _commandStreams = WriterStreams.Create(sizes.AppendStreamsPerWriter);
        foreach (var id in _commandStreams.All)
        {
            await AppendAsync(_aggregates, id, 0, [Workload.Registered(id, now)], snapshot: true);
        }

        foreach (var length in sizes.LoadLengths.Append(sizes.AsOfLength).Distinct())
        {
            var id = Guid.NewGuid();
            _loadStreams[length] = id;
            var events = Workload.Stream(id, length, now);
            for (var from = 0; from < length; from += BenchSizes.FillBatch)
            {
                // Each batch gets its own instant, as PostgreSQL stamps each of Marten's transactions with its own.
                var at = DateTimeOffset.UtcNow;
                var batch = events.Skip(from).Take(BenchSizes.FillBatch).Select(e => Stamp(e, at)).ToList();
                await AppendAsync(_aggregates, id, from, batch, snapshot: true);
            }
        }

        var asOfEvents = await _aggregates.Events.ReadStreamAsync(Streams.Investor(_loadStreams[sizes.AsOfLength]), StreamReadOptions.All);
        _asOf = asOfEvents[(sizes.AsOfLength / 2) - 1].Timestamp;
        _asOfAvailable = (asOfEvents.Count(e => e.Timestamp <= _asOf) - 1) * Workload.DepositAmount;

        var feedStreams = Enumerable.Range(0, sizes.FeedStreams).Select(_ => Guid.NewGuid()).ToList();
        await FillFeedAsync(feedStreams, sizes.FeedEventsPerStream);
    }

    public async Task<double> AppendAsync(int writers, int appendsPerWriter, bool waitForFlush)
    {
        var now = DateTimeOffset.UtcNow;
        return await Measure.ThroughputAsync(writers, appendsPerWriter, async (writer, i) =>
        {
            var (id, version) = _appendStreams.Next(writer, i);
            var newEvent = EventTypes.Default.ToNewEvent(Workload.Deposit(id, now), Guid.NewGuid(), now, Workload.Metadata);
            await _appends.Events.AppendAsync(Streams.Investor(id), ExpectedVersion.Exactly(version), [newEvent]);
            _appendStreams.Advance(writer, i);
        });
    }

    public async Task<double> CommandAsync(int writers, int commandsPerWriter) =>
        await Measure.ThroughputAsync(writers, commandsPerWriter, async (writer, i) =>
        {
            var (id, _) = _commandStreams.Next(writer, i);
            var result = await _handler.HandleAsync(Streams.Investor(id), new InvestorCommand.Deposit(id, Workload.DepositAmount, DateTimeOffset.UtcNow), Context);
            Measure.Check(result.Events.Count == 1, "an OkCow deposit command appended one event");
        });

    public async Task<double> LoadAsync(int length, int reads)
    {
        var streamId = Streams.Investor(_loadStreams[length]);
        var expected = (length - 1) * Workload.DepositAmount;
        return await Measure.MedianMicrosecondsAsync(reads, async () =>
        {
            var (state, version) = await _handler.LoadAsync(streamId);
            Measure.Check(version == length && state.Available == expected, $"OkCow loaded the {length}-event aggregate");
        });
    }

    public async Task<double> CatchUpAsync(int repetition)
    {
        // A fresh read-model generation per repetition: the projection starts from nothing, as after a rebuild.
        var readModels = new ReadModelStore(_feed.Documents, $"r{repetition}");
        var dispatcher = new ChangeFeedDispatcher(
            [new PortfolioProjector(new ViewWriter(readModels))],
            EventTypes.Default,
            _feed.Events,
            _feed.Documents,
            TimeProvider.System,
            NullLogger<ChangeFeedDispatcher>.Instance);
        var consumer = $"bench-portfolio-r{repetition}";

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var continuation = await _feed.Checkpoints.GetAsync(consumer);
        var handled = 0;
        while (true)
        {
            var page = await _feed.Events.ReadAsync(continuation, FeedPageSize);
            if (page.Events.Count == 0)
            {
                break;
            }

            await dispatcher.DispatchAsync(page.Events);
            await _feed.Checkpoints.SetAsync(consumer, page.Continuation);
            continuation = page.Continuation;
            handled += page.Events.Count;
        }

        var rate = handled / clock.Elapsed.TotalSeconds;
        Measure.Check(handled == _sizes.FeedEvents, $"OkCow's projection saw all {_sizes.FeedEvents} events");
        await CheckPortfolioAsync(readModels);
        return rate;
    }

    public async Task<double> AsOfAsync(int reads)
    {
        var streamId = Streams.Investor(_loadStreams[_sizes.AsOfLength]);
        var until = new StreamReadOptions(Until: _asOf);
        return await Measure.MedianMicrosecondsAsync(reads, async () =>
        {
            // As GET /funds/{id}/nav?at= does: the stream up to the instant, folded with the domain's own Evolve.
            var events = await _aggregates.Events.ReadStreamAsync(streamId, until);
            var state = events.Aggregate(InvestorDecider.Initial, (s, stored) => InvestorDecider.Evolve(s, (InvestorEvent)EventTypes.Default.Deserialize(stored)));
            Measure.Check(state.Available == _asOfAvailable, "OkCow folded the stream as of the instant");
        });
    }

    public ValueTask DisposeAsync()
    {
        _appends.Dispose();
        _aggregates.Dispose();
        _feed.Dispose();
        return ValueTask.CompletedTask;
    }

    private static InvestorEvent Stamp(InvestorEvent e, DateTimeOffset at) => e switch
    {
        InvestorEvent.InvestorRegistered r => r with { At = at },
        InvestorEvent.CashDeposited d => d with { At = at },
        _ => e,
    };

    /// <summary>Appends as the pipeline does: the events at the expected version, with the folded state as the head's snapshot.</summary>
    private static async Task AppendAsync(EmbeddedStore store, Guid id, long expected, IReadOnlyList<InvestorEvent> events, bool snapshot)
    {
        var streamId = Streams.Investor(id);
        Snapshot? head = null;
        if (snapshot)
        {
            var (state, version) = expected == 0
                ? (InvestorDecider.Initial, 0L)
                : await new InvestorHandler(store.Events, EventTypes.Default, TimeProvider.System, NullLogger<InvestorHandler>.Instance).LoadAsync(streamId);
            Measure.Check(version == expected, "the OkCow fill appends at the stream's version");
            head = new Snapshot(expected + events.Count, InvestorHandler.SnapshotSchema, Json.ToElement(events.Aggregate(state, InvestorDecider.Evolve)));
        }

        var toAppend = events.Select(e => EventTypes.Default.ToNewEvent(e, Guid.NewGuid(), At(e), Workload.Metadata)).ToList();
        await store.Events.AppendAsync(streamId, ExpectedVersion.Exactly(expected), toAppend, head);
    }

    private static DateTimeOffset At(InvestorEvent e) => e switch
    {
        InvestorEvent.InvestorRegistered r => r.At,
        InvestorEvent.CashDeposited d => d.At,
        _ => DateTimeOffset.UtcNow,
    };

    private async Task CheckConcurrencyAsync(Guid id)
    {
        var newEvent = EventTypes.Default.ToNewEvent(Workload.Deposit(id, DateTimeOffset.UtcNow), Guid.NewGuid(), DateTimeOffset.UtcNow, Workload.Metadata);
        try
        {
            await _appends.Events.AppendAsync(Streams.Investor(id), ExpectedVersion.NoStream, [newEvent]);
        }
        catch (WrongExpectedVersionException)
        {
            return;
        }

        Measure.Check(false, "OkCow refuses an append at a stale expected version");
    }

    private async Task FillFeedAsync(IReadOnlyList<Guid> streams, int eventsPerStream)
    {
        // Rounds over all streams, a few events each, so that the feed interleaves streams as live traffic does.
        const int chunk = 10;
        var now = DateTimeOffset.UtcNow;
        for (var from = 0; from < eventsPerStream; from += chunk)
        {
            foreach (var id in streams)
            {
                var events = Workload.Stream(id, eventsPerStream, now).Skip(from).Take(chunk).ToList();
                await AppendAsync(_feed, id, from, events, snapshot: false);
            }
        }

        _feedStreams = streams;
    }

    private async Task CheckPortfolioAsync(ReadModelStore readModels)
    {
        var id = _feedStreams[^1];
        var view = await readModels.GetAsync<PortfolioView>(Containers.Investors, id.ToString("D"), PortfolioView.DocumentId);
        Measure.Check(view?.Value.AvailableCash == (_sizes.FeedEventsPerStream - 1) * Workload.DepositAmount, "OkCow's portfolio view holds every deposit");
    }
}
