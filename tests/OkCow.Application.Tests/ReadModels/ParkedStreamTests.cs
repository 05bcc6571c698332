using Microsoft.Extensions.Logging.Abstractions;
using OkCow.Application.ChangeFeed;
using OkCow.Application.Commands;
using OkCow.Application.Projections;
using OkCow.Application.ReadModels.Portfolio;
using OkCow.Application.Serialization;
using OkCow.Application.Tests.Support;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Application.Tests.ReadModels;

public sealed class ParkedStreamTests
{
    private static readonly DateTimeOffset T0 = TestClock.Start;

    [Fact]
    public async Task Given_a_projection_failing_on_one_stream_Then_only_that_stream_parks_and_the_next_dispatch_after_the_fix_replays_it()
    {
        var (poisoned, healthy) = (Guid.NewGuid(), Guid.NewGuid());
        using var readSide = ReadSide.Create();
        var projector = new FaultyProjector(new PortfolioProjector(new ViewWriter(readSide.Documents)))
        {
            Fails = e => e.StreamId == Streams.Investor(poisoned) && e.Event is CashDeposited,
        };
        var dispatcher = new ChangeFeedDispatcher([projector], EventTypes.Default, readSide.Store.Events, readSide.Documents, readSide.Clock, NullLogger<ChangeFeedDispatcher>.Instance);
        var first = new List<EventStore.StoredEvent>();
        first.AddRange(await readSide.AppendAsync(Streams.Investor(poisoned), T0, new InvestorRegistered(poisoned, "P", "poisoned", "h", T0), new CashDeposited(poisoned, 100, T0)));
        first.AddRange(await readSide.AppendAsync(Streams.Investor(healthy), T0, new InvestorRegistered(healthy, "H", "healthy", "h", T0), new CashDeposited(healthy, 200, T0)));

        await dispatcher.DispatchAsync(first);

        var parked = Assert.Single(await dispatcher.ListParkedAsync());
        Assert.Equal((projector.Name, Streams.Investor(poisoned), 2L), (parked.Handler, parked.StreamId, parked.FromVersion));
        Assert.Equal(0, (await readSide.Queries.GetPortfolioAsync(poisoned))!.AvailableCash);
        Assert.Equal(200, (await readSide.Queries.GetPortfolioAsync(healthy))!.AvailableCash);

        var second = new List<EventStore.StoredEvent>();
        second.AddRange(await readSide.AppendAsync(Streams.Investor(poisoned), T0, new CashWithdrawn(poisoned, 30, T0)));
        second.AddRange(await readSide.AppendAsync(Streams.Investor(healthy), T0, new CashWithdrawn(healthy, 50, T0)));
        await dispatcher.DispatchAsync(second);

        Assert.Equal(2, Assert.Single(await dispatcher.ListParkedAsync()).Attempts);
        Assert.Equal(0, (await readSide.Queries.GetPortfolioAsync(poisoned))!.AvailableCash);
        Assert.Equal(150, (await readSide.Queries.GetPortfolioAsync(healthy))!.AvailableCash);

        projector.Fails = _ => false;
        await dispatcher.DispatchAsync([]);

        Assert.Empty(await dispatcher.ListParkedAsync());
        Assert.Equal(70, (await readSide.Queries.GetPortfolioAsync(poisoned))!.AvailableCash);
        Assert.Equal(150, (await readSide.Queries.GetPortfolioAsync(healthy))!.AvailableCash);
    }

    [Fact]
    public async Task Given_nothing_parked_When_batches_keep_coming_Then_the_parked_list_is_asked_once_until_something_parks()
    {
        var investor = Guid.NewGuid();
        using var readSide = ReadSide.Create();
        var documents = new CountingParkedLists(readSide.Documents);
        var projector = new FaultyProjector(new PortfolioProjector(new ViewWriter(readSide.Documents)));
        var dispatcher = new ChangeFeedDispatcher([projector], EventTypes.Default, readSide.Store.Events, documents, readSide.Clock, NullLogger<ChangeFeedDispatcher>.Instance);
        await dispatcher.DispatchAsync(await readSide.AppendAsync(Streams.Investor(investor), T0, new InvestorRegistered(investor, "I", "investor", "h", T0)));

        for (var batch = 0; batch < 5; batch++)
        {
            await dispatcher.DispatchAsync(await readSide.AppendAsync(Streams.Investor(investor), T0, new CashDeposited(investor, 10, T0)));
        }

        Assert.Equal(1, documents.ParkedLists);
        projector.Fails = e => e.Event is CashWithdrawn;
        await dispatcher.DispatchAsync(await readSide.AppendAsync(Streams.Investor(investor), T0, new CashWithdrawn(investor, 10, T0)));
        projector.Fails = _ => false;
        await dispatcher.DispatchAsync([]);

        Assert.Equal(2, documents.ParkedLists);
        Assert.Equal(40, (await readSide.Queries.GetPortfolioAsync(investor))!.AvailableCash);
    }

    /// <summary>Counts the parked-list queries the dispatcher makes.</summary>
    private sealed class CountingParkedLists(Documents.IDocumentStore inner) : Documents.IDocumentStore
    {
        public int ParkedLists { get; private set; }

        public Task<Documents.Document<T>?> GetAsync<T>(string container, string partitionKey, string id, CancellationToken cancellationToken = default) =>
            inner.GetAsync<T>(container, partitionKey, id, cancellationToken);

        public Task<string?> TryWriteAsync<T>(string container, string partitionKey, string id, T value, string? ifMatch, CancellationToken cancellationToken = default) =>
            inner.TryWriteAsync(container, partitionKey, id, value, ifMatch, cancellationToken);

        public Task<string> UpsertAsync<T>(string container, string partitionKey, string id, T value, CancellationToken cancellationToken = default) =>
            inner.UpsertAsync(container, partitionKey, id, value, cancellationToken);

        public Task DeleteAsync(string container, string partitionKey, string id, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(container, partitionKey, id, cancellationToken);

        public Task<IReadOnlyList<T>> ListAsync<T>(string container, string partitionKey, int skip, int take, CancellationToken cancellationToken = default)
        {
            ParkedLists += container == Documents.Containers.Parked ? 1 : 0;
            return inner.ListAsync<T>(container, partitionKey, skip, take, cancellationToken);
        }

        public Task<Documents.DocumentPage<T>> ListPageAsync<T>(string container, string partitionKey, int take, string? continuation, CancellationToken cancellationToken = default) =>
            inner.ListPageAsync<T>(container, partitionKey, take, continuation, cancellationToken);
    }

    /// <summary>A projection with a bug on some events, fixed by changing <see cref="Fails"/>.</summary>
    private sealed class FaultyProjector(IEventHandler inner) : IEventHandler
    {
        public Func<EventEnvelope, bool> Fails { get; set; } = _ => false;

        public string Name => inner.Name;

        public Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken) =>
            Fails(envelope)
                ? throw new InvalidOperationException($"Cannot project {envelope.StreamId}@{envelope.Version}.")
                : inner.HandleAsync(envelope, cancellationToken);
    }
}
