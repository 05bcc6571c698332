using InvestorHandler = OkCow.Application.Commands.AggregateHandler<OkCow.Domain.Investors.InvestorDecider, OkCow.Domain.Investors.InvestorCommand, OkCow.Domain.Investors.InvestorEvent, OkCow.Domain.Investors.InvestorState>;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using OkCow.Application.Commands;
using OkCow.Application.EventStore;
using OkCow.Application.Serialization;
using OkCow.Application.Tests.Sagas;
using OkCow.Domain.Common;
using OkCow.Domain.Investors;

namespace OkCow.Application.Tests.Pipeline;

public sealed class AggregateHandlerTests : IDisposable
{
    private static readonly Guid InvestorId = Guid.Parse("6f1c4d0e-0000-4000-8000-000000000001");
    private static readonly string Stream = Streams.Investor(InvestorId);
    private static readonly CommandContext Context = new("correlation-1", null, "tester");
    private readonly WriteSideHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task GivenCurrentSnapshot_WhenLoading_ThenOnePointReadAndNoStreamRead()
    {
        var counting = new CountingStore(_harness.Events);
        var handler = Handler(counting);
        await handler.HandleAsync(Stream, Register(), Context);
        await handler.HandleAsync(Stream, new InvestorCommand.Deposit(InvestorId, 500, Now), Context);
        counting.Reset();

        var (state, version) = await handler.LoadAsync(Stream);

        Assert.Equal(2, version);
        Assert.Equal(500, state.Available);
        Assert.Equal(1, counting.HeadReads);
        Assert.Equal(0, counting.StreamReads);
    }

    [Fact]
    public async Task GivenAStoreWithHeadETags_WhenHandling_ThenTheAppendIsGuardedByTheETagTheLoadRead()
    {
        var tagging = new ETagStore(_harness.Events);
        var handler = Handler(tagging);
        await handler.HandleAsync(Stream, Register(), Context);

        await handler.HandleAsync(Stream, new InvestorCommand.Deposit(InvestorId, 500, Now), Context);

        Assert.Equal([ExpectedVersion.NoStream, ExpectedVersion.Exactly(1, "etag-at-1")], tagging.Appends);
    }

    [Fact]
    public async Task GivenSnapshotOfAnotherSchema_WhenLoading_ThenStateIsFoldedFromEvents()
    {
        var handler = Handler(_harness.Events);
        await handler.HandleAsync(Stream, Register(), Context);
        var stale = new Snapshot(1, "InvestorState.v0", JsonSerializer.SerializeToElement(new { available = 999_999 }));
        var deposit = EventTypes.Default.ToNewEvent(new InvestorEvent.CashDeposited(InvestorId, 700, Now), Guid.NewGuid(), Now, Context.ToMetadata());
        await _harness.Events.AppendAsync(Stream, ExpectedVersion.Exactly(1), [deposit], stale with { Version = 2 });

        var (state, version) = await handler.LoadAsync(Stream);

        Assert.Equal(2, version);
        Assert.Equal(700, state.Available);
    }

    [Fact]
    public async Task GivenManyConcurrentDeposits_WhenHandled_ThenEveryDepositLandsOnce()
    {
        var handler = Handler(_harness.Events);
        await handler.HandleAsync(Stream, Register(), Context);

        await Task.WhenAll(Enumerable.Range(1, 12).Select(i => Task.Run(() => handler.HandleAsync(Stream, new InvestorCommand.Deposit(InvestorId, i, Now), Context))));

        var (state, version) = await handler.LoadAsync(Stream);
        Assert.Equal(13, version);
        Assert.Equal(Enumerable.Range(1, 12).Sum(), state.Available);
        var events = await _harness.Events.ReadStreamAsync(Stream, StreamReadOptions.All);
        Assert.Equal(Enumerable.Range(1, 13).Select(v => (long)v), events.Select(e => e.Version));
    }

    [Fact]
    public async Task GivenAStoreThatAlwaysConflicts_WhenHandling_ThenConcurrencyConflictAfterBoundedRetries()
    {
        var conflicting = new ConflictingStore(_harness.Events);
        var handler = Handler(conflicting);

        var error = await Assert.ThrowsAsync<DomainException>(() => handler.HandleAsync(Stream, Register(), Context));

        Assert.Equal(ErrorCodes.ConcurrencyConflict, error.Code);
        Assert.Equal(InvestorHandler.MaxAttempts, conflicting.Attempts);
    }

    [Fact]
    public async Task GivenACommandThatDecidesNothing_WhenHandled_ThenNothingIsAppended()
    {
        var handler = Handler(_harness.Events);
        var register = Register();
        await handler.HandleAsync(Stream, register, Context);

        var result = await handler.HandleAsync(Stream, register, Context);

        Assert.Empty(result.Events);
        Assert.Equal(1, result.Version);
        Assert.Equal(1, (await _harness.Events.ReadHeadAsync(Stream))!.Version);
    }

    [Fact]
    public async Task GivenARefusal_WhenHandled_ThenNothingIsWritten()
    {
        var handler = Handler(_harness.Events);
        await handler.HandleAsync(Stream, Register(), Context);

        var error = await Assert.ThrowsAsync<DomainException>(() => handler.HandleAsync(Stream, new InvestorCommand.Withdraw(InvestorId, 1, Now), Context));

        Assert.Equal(ErrorCodes.InsufficientCash, error.Code);
        Assert.Equal(1, (await _harness.Events.ReadHeadAsync(Stream))!.Version);
    }

    [Fact]
    public async Task GivenACommand_WhenHandled_ThenEventsCarryTheMetadata()
    {
        var handler = Handler(_harness.Events);

        await handler.HandleAsync(Stream, Register(), new CommandContext("corr-9", "cause-3", "operator"));

        var stored = Assert.Single(await _harness.Events.ReadStreamAsync(Stream, StreamReadOptions.All));
        Assert.Equal("V2.InvestorRegistered", stored.Type);
        Assert.Equal(new EventMetadata("corr-9", "cause-3", "operator"), stored.Metadata);
        Assert.NotEqual(Guid.Empty, stored.EventId);
    }

    private static DateTimeOffset Now => new(2026, 11, 17, 1, 0, 0, TimeSpan.Zero);

    private static InvestorCommand.Register Register() => new(InvestorId, "Ann", "ann", "pbkdf2-sha256$1$c2FsdA==$aGFzaA==", Now);

    private static InvestorHandler Handler(IEventStore store) =>
        new(store, EventTypes.Default, TimeProvider.System, NullLogger<InvestorHandler>.Instance);

    private sealed class CountingStore(IEventStore inner) : IEventStore
    {
        public int HeadReads { get; private set; }

        public int StreamReads { get; private set; }

        public void Reset() => (HeadReads, StreamReads) = (0, 0);

        public Task<AppendResult> AppendAsync(string streamId, ExpectedVersion expected, IReadOnlyList<NewEvent> events, Snapshot? snapshot = null, CancellationToken cancellationToken = default) =>
            inner.AppendAsync(streamId, expected, events, snapshot, cancellationToken);

        public Task<AppendResult> AppendWithPagesAsync(string streamId, ExpectedVersion expected, IReadOnlyList<NewEvent> events, Snapshot snapshot, IReadOnlyList<PageWrite> pages, CancellationToken cancellationToken = default) =>
            inner.AppendWithPagesAsync(streamId, expected, events, snapshot, pages, cancellationToken);

        public Task<IReadOnlyList<StreamPage>> ReadPagesAsync(string streamId, IReadOnlyCollection<string> pageIds, CancellationToken cancellationToken = default) =>
            inner.ReadPagesAsync(streamId, pageIds, cancellationToken);

        public Task<StreamHead?> ReadHeadAsync(string streamId, CancellationToken cancellationToken = default)
        {
            HeadReads++;
            return inner.ReadHeadAsync(streamId, cancellationToken);
        }

        public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamId, StreamReadOptions options, CancellationToken cancellationToken = default)
        {
            StreamReads++;
            return inner.ReadStreamAsync(streamId, options, cancellationToken);
        }
    }

    /// <summary>Hands out heads with an ETag per version, as Cosmos DB does, and records what appends expect.</summary>
    private sealed class ETagStore(IEventStore inner) : IEventStore
    {
        public List<ExpectedVersion> Appends { get; } = [];

        public Task<AppendResult> AppendAsync(string streamId, ExpectedVersion expected, IReadOnlyList<NewEvent> events, Snapshot? snapshot = null, CancellationToken cancellationToken = default)
        {
            Appends.Add(expected);
            return inner.AppendAsync(streamId, expected, events, snapshot, cancellationToken);
        }

        public Task<AppendResult> AppendWithPagesAsync(string streamId, ExpectedVersion expected, IReadOnlyList<NewEvent> events, Snapshot snapshot, IReadOnlyList<PageWrite> pages, CancellationToken cancellationToken = default) =>
            inner.AppendWithPagesAsync(streamId, expected, events, snapshot, pages, cancellationToken);

        public Task<IReadOnlyList<StreamPage>> ReadPagesAsync(string streamId, IReadOnlyCollection<string> pageIds, CancellationToken cancellationToken = default) =>
            inner.ReadPagesAsync(streamId, pageIds, cancellationToken);

        public async Task<StreamHead?> ReadHeadAsync(string streamId, CancellationToken cancellationToken = default) =>
            await inner.ReadHeadAsync(streamId, cancellationToken) is { } head ? head with { ETag = $"etag-at-{head.Version}" } : null;

        public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamId, StreamReadOptions options, CancellationToken cancellationToken = default) =>
            inner.ReadStreamAsync(streamId, options, cancellationToken);
    }

    private sealed class ConflictingStore(IEventStore inner) : IEventStore
    {
        public int Attempts { get; private set; }

        public Task<AppendResult> AppendAsync(string streamId, ExpectedVersion expected, IReadOnlyList<NewEvent> events, Snapshot? snapshot = null, CancellationToken cancellationToken = default)
        {
            Attempts++;
            throw new WrongExpectedVersionException(streamId, expected, expected.Value + 1);
        }

        public Task<AppendResult> AppendWithPagesAsync(string streamId, ExpectedVersion expected, IReadOnlyList<NewEvent> events, Snapshot snapshot, IReadOnlyList<PageWrite> pages, CancellationToken cancellationToken = default) =>
            inner.AppendWithPagesAsync(streamId, expected, events, snapshot, pages, cancellationToken);

        public Task<IReadOnlyList<StreamPage>> ReadPagesAsync(string streamId, IReadOnlyCollection<string> pageIds, CancellationToken cancellationToken = default) =>
            inner.ReadPagesAsync(streamId, pageIds, cancellationToken);

        public Task<StreamHead?> ReadHeadAsync(string streamId, CancellationToken cancellationToken = default) => inner.ReadHeadAsync(streamId, cancellationToken);

        public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamId, StreamReadOptions options, CancellationToken cancellationToken = default) =>
            inner.ReadStreamAsync(streamId, options, cancellationToken);
    }
}
