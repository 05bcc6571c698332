using System.Text.Json;
using System.Text.Json.Serialization;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using Marten.Events.Aggregation;
using Npgsql;
using OkCow.Application.ReadModels.Portfolio;
using OkCow.Domain.Investors;
using Weasel.Core;

namespace OkCow.PeerBench;

/// <summary>
/// The peer: Marten on PostgreSQL, set up as its documentation recommends for an event-sourced service (System.Text.Json,
/// the quick append mode, an inline snapshot projection, the async daemon for read models). One schema per figure group,
/// as OkCow's side has one file per group.
/// </summary>
public sealed class MartenPeer(string connectionString) : IPeerStore
{
    private readonly DocumentStore _appends = Create(connectionString, "peer_appends", _ => { });

    // The same appends with commits that do not wait for the WAL flush (set per connection; the cluster keeps its
    // defaults): the durability OkCow's embedded store has, for the row that compares like with like.
    private readonly DocumentStore _appendsNoFlush = Create(NoFlushWait(connectionString), "peer_appends_noflush", _ => { });

    private readonly DocumentStore _aggregates = Create(connectionString, "peer_aggregates", options =>
        options.Projections.Add(new InvestorSnapshotProjection(), ProjectionLifecycle.Inline));

    private readonly DocumentStore _feed = Create(connectionString, "peer_feed", options =>
        options.Projections.Add(new PortfolioDocProjection(), ProjectionLifecycle.Async));

    private readonly Dictionary<int, Guid> _loadStreams = [];
    private WriterStreams _appendStreams = null!;
    private WriterStreams _appendNoFlushStreams = null!;
    private WriterStreams _commandStreams = null!;
    private IReadOnlyList<Guid> _feedStreams = [];
    private BenchSizes _sizes = null!;
    private DateTimeOffset _asOf;
    private long _asOfAvailable;

    public string Name => "marten";

    public async Task PrepareAsync(BenchSizes sizes)
    {
        _sizes = sizes;
        foreach (var store in new[] { _appends, _appendsNoFlush, _aggregates, _feed })
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        }

        Measure.Check(await ShowAsync(connectionString, "synchronous_commit") == "on" && await ShowAsync(connectionString, "fsync") == "on", "PostgreSQL runs with fsync and synchronous_commit on");
        Measure.Check(await ShowAsync(NoFlushWait(connectionString), "synchronous_commit") == "off", "the no-flush-wait sessions run with synchronous_commit off");

        var now = DateTimeOffset.UtcNow;
        _appendStreams = WriterStreams.Create(sizes.AppendStreamsPerWriter);
        await StartStreamsAsync(_appends, _appendStreams.All, id => [Workload.Registered(id, now)], aggregate: false);
        await CheckConcurrencyAsync(_appendStreams.All[0]);
        _appendNoFlushStreams = WriterStreams.Create(sizes.AppendStreamsPerWriter);
        await StartStreamsAsync(_appendsNoFlush, _appendNoFlushStreams.All, id => [Workload.Registered(id, now)], aggregate: false);

        _commandStreams = WriterStreams.Create(sizes.AppendStreamsPerWriter);
        await StartStreamsAsync(_aggregates, _commandStreams.All, id => [Workload.Registered(id, now)], aggregate: true);

        foreach (var length in sizes.LoadLengths.Append(sizes.AsOfLength).Distinct())
        {
            var id = Guid.NewGuid();
            _loadStreams[length] = id;
            var events = Workload.Stream(id, length, now);
            for (var from = 0; from < length; from += BenchSizes.FillBatch)
            {
                await using var session = Session(_aggregates);
                var batch = events.Skip(from).Take(BenchSizes.FillBatch).Cast<object>().ToArray();
                if (from == 0)
                {
                    session.Events.StartStream<InvestorDoc>(id, batch);
                }
                else
                {
                    session.Events.Append(id, from + batch.Length, batch);
                }

                await session.SaveChangesAsync();
            }
        }

        await using (var query = _aggregates.QuerySession())
        {
            var asOfEvents = await query.Events.FetchStreamAsync(_loadStreams[sizes.AsOfLength]);
            _asOf = asOfEvents[(sizes.AsOfLength / 2) - 1].Timestamp;
            _asOfAvailable = (asOfEvents.Count(e => e.Timestamp <= _asOf) - 1) * Workload.DepositAmount;
        }

        _feedStreams = [.. Enumerable.Range(0, sizes.FeedStreams).Select(_ => Guid.NewGuid())];
        await FillFeedAsync(sizes.FeedEventsPerStream);
    }

    public async Task<double> AppendAsync(int writers, int appendsPerWriter, bool waitForFlush)
    {
        var (store, streams) = waitForFlush ? (_appends, _appendStreams) : (_appendsNoFlush, _appendNoFlushStreams);
        var now = DateTimeOffset.UtcNow;
        return await Measure.ThroughputAsync(writers, appendsPerWriter, async (writer, i) =>
        {
            var (id, version) = streams.Next(writer, i);
            await using var session = Session(store);

            // Marten's expected version is the stream's version once this append is in.
            session.Events.Append(id, version + 1, Workload.Deposit(id, now));
            await session.SaveChangesAsync();
            streams.Advance(writer, i);
        });
    }

    public async Task<double> CommandAsync(int writers, int commandsPerWriter) =>
        await Measure.ThroughputAsync(writers, commandsPerWriter, async (writer, i) =>
        {
            var (id, _) = _commandStreams.Next(writer, i);
            await using var session = Session(_aggregates);

            // Marten's command idiom: FetchForWriting reads the snapshot and checks the version it read at SaveChanges.
            var stream = await session.Events.FetchForWriting<InvestorDoc>(id);
            var events = InvestorDecider.Decide(new InvestorCommand.Deposit(id, Workload.DepositAmount, DateTimeOffset.UtcNow), stream.Aggregate?.State ?? InvestorDecider.Initial);
            stream.AppendMany(events);
            await session.SaveChangesAsync();
            Measure.Check(events.Count == 1, "a Marten deposit command appended one event");
        });

    public async Task<double> LoadAsync(int length, int reads)
    {
        var id = _loadStreams[length];
        var expected = (length - 1) * Workload.DepositAmount;
        return await Measure.MedianMicrosecondsAsync(reads, async () =>
        {
            // The inline snapshot is a plain document: one point read in a query session, Marten's cheapest read.
            await using var session = _aggregates.QuerySession();
            var doc = await session.LoadAsync<InvestorDoc>(id);
            Measure.Check(doc?.State.Available == expected, $"Marten loaded the {length}-event aggregate");
        });
    }

    public async Task<double> CatchUpAsync(int repetition)
    {
        await ResetFeedProjectionAsync();
        using var daemon = await _feed.BuildProjectionDaemonAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await daemon.StartAllAsync();
        await daemon.WaitForNonStaleData(TimeSpan.FromMinutes(10));
        var rate = _sizes.FeedEvents / clock.Elapsed.TotalSeconds;
        await daemon.StopAllAsync();

        await using var session = _feed.QuerySession();
        var doc = await session.LoadAsync<PortfolioDoc>(_feedStreams[^1]);
        Measure.Check(doc?.View.AvailableCash == (_sizes.FeedEventsPerStream - 1) * Workload.DepositAmount, "Marten's portfolio view holds every deposit");
        return rate;
    }

    public async Task<double> AsOfAsync(int reads)
    {
        var id = _loadStreams[_sizes.AsOfLength];
        return await Measure.MedianMicrosecondsAsync(reads, async () =>
        {
            await using var session = _aggregates.QuerySession();
            var doc = await session.Events.AggregateStreamAsync<InvestorDoc>(id, timestamp: _asOf);
            Measure.Check(doc?.State.Available == _asOfAvailable, "Marten folded the stream as of the instant");
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _appends.DisposeAsync();
        await _appendsNoFlush.DisposeAsync();
        await _aggregates.DisposeAsync();
        await _feed.DisposeAsync();
    }

    private static DocumentStore Create(string connectionString, string schema, Action<StoreOptions> configure) => DocumentStore.For(options =>
    {
        options.Connection(connectionString);
        options.DatabaseSchemaName = schema;
        options.AutoCreateSchemaObjects = AutoCreate.All;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase, json =>
            json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        options.Events.AppendMode = EventAppendMode.Quick;

        // The metadata OkCow keeps on every event: correlation, causation and who acted.
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.UserNameEnabled = true;
        foreach (var type in Workload.InvestorEventTypes())
        {
            options.Events.MapEventType(type, "V1." + type.Name);
        }

        configure(options);
    });

    private static string NoFlushWait(string connectionString) => connectionString + ";Options=-c synchronous_commit=off";

    private static async Task<string?> ShowAsync(string connectionString, string setting)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_setting($1);", connection);
        command.Parameters.AddWithValue(setting);
        return (string?)await command.ExecuteScalarAsync();
    }

    private static IDocumentSession Session(DocumentStore store)
    {
        var session = store.LightweightSession();
        session.CorrelationId = Workload.CorrelationId;
        session.CausationId = Workload.CausationId;
        session.LastModifiedBy = Workload.Actor;
        return session;
    }

    private static async Task StartStreamsAsync(DocumentStore store, IReadOnlyList<Guid> ids, Func<Guid, InvestorEvent[]> events, bool aggregate)
    {
        foreach (var chunk in ids.Chunk(100))
        {
            await using var session = Session(store);
            foreach (var id in chunk)
            {
                if (aggregate)
                {
                    session.Events.StartStream<InvestorDoc>(id, events(id));
                }
                else
                {
                    session.Events.StartStream(id, events(id));
                }
            }

            await session.SaveChangesAsync();
        }
    }

    private async Task CheckConcurrencyAsync(Guid id)
    {
        try
        {
            await using var session = Session(_appends);
            session.Events.Append(id, 1, Workload.Deposit(id, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }
        catch (Exception error) when (error is ConcurrencyException or EventStreamUnexpectedMaxEventIdException)
        {
            return;
        }

        Measure.Check(false, "Marten refuses an append at a stale expected version");
    }

    private async Task FillFeedAsync(int eventsPerStream)
    {
        const int chunk = 10;
        var now = DateTimeOffset.UtcNow;
        for (var from = 0; from < eventsPerStream; from += chunk)
        {
            foreach (var streams in _feedStreams.Chunk(100))
            {
                await using var session = Session(_feed);
                foreach (var id in streams)
                {
                    var events = Workload.Stream(id, eventsPerStream, now).Skip(from).Take(chunk).Cast<object>().ToArray();
                    if (from == 0)
                    {
                        session.Events.StartStream<PortfolioDoc>(id, events);
                    }
                    else
                    {
                        session.Events.Append(id, from + events.Length, events);
                    }
                }

                await session.SaveChangesAsync();
            }
        }
    }

    /// <summary>Back to a projection that has seen nothing: its documents and its progress row go.</summary>
    private async Task ResetFeedProjectionAsync()
    {
        await _feed.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(PortfolioDoc));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("DELETE FROM peer_feed.mt_event_progression WHERE name <> 'HighWaterMark';", connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>Marten's snapshot document of an investor: OkCow's own state record under the id Marten needs.</summary>
public sealed class InvestorDoc
{
    public Guid Id { get; set; }

    public InvestorState State { get; set; } = InvestorState.Unregistered;
}

/// <summary>The snapshot projection: the domain's own Evolve, run inline by Marten in the appending transaction.</summary>
public sealed class InvestorSnapshotProjection : SingleStreamProjection<InvestorDoc, Guid>
{
    public InvestorSnapshotProjection()
    {
        foreach (var type in Workload.InvestorEventTypes())
        {
            IncludeType(type);
        }
    }

    public override InvestorDoc? Evolve(InvestorDoc? snapshot, Guid id, IEvent e)
    {
        if (e.Data is not InvestorEvent @event)
        {
            return snapshot;
        }

        snapshot ??= new InvestorDoc { Id = id };
        snapshot.State = InvestorDecider.Evolve(snapshot.State, @event);
        return snapshot;
    }
}

/// <summary>The catch-up projection's document: OkCow's portfolio view under the id Marten needs.</summary>
public sealed class PortfolioDoc
{
    public Guid Id { get; set; }

    public PortfolioView View { get; set; } = PortfolioView.Empty(Guid.Empty);
}

/// <summary>OkCow's portfolio projection (the same pure Apply) run by Marten's async daemon.</summary>
public sealed class PortfolioDocProjection : SingleStreamProjection<PortfolioDoc, Guid>
{
    public PortfolioDocProjection()
    {
        foreach (var type in Workload.InvestorEventTypes())
        {
            IncludeType(type);
        }
    }

    public override PortfolioDoc? Evolve(PortfolioDoc? snapshot, Guid id, IEvent e)
    {
        if (e.Data is not InvestorEvent @event)
        {
            return snapshot;
        }

        snapshot ??= new PortfolioDoc { Id = id, View = PortfolioView.Empty(id) };
        snapshot.View = PortfolioProjection.Apply(snapshot.View, @event);
        return snapshot;
    }
}
