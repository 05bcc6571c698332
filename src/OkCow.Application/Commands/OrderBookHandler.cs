using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Logging;
using OkCow.Application.EventStore;
using OkCow.Application.Serialization;
using OkCow.Application.Telemetry;
using OkCow.Domain.Common;
using OkCow.Domain.Markets;

namespace OkCow.Application.Commands;

/// <summary>
/// The command pipeline of a fund's order book, whose state is paged: one point read of the head (last trade, the
/// segment counter, orders from before paging), then point reads of the pages <see cref="OrderBookDecider.PagesWanted"/>
/// names (a price level, a few segments of resting orders, an order's location), Decide, and one append at the expected
/// version carrying the events, the head and the pages that changed. A conflict reloads and decides again.
/// </summary>
public sealed class OrderBookHandler(IEventStore store, EventTypes eventTypes, TimeProvider clock, ILogger<OrderBookHandler> logger)
{
    public const int MaxAttempts = 8;

    /// <summary>v3: the head only; resting orders live in pages. Older snapshots are refolded once (<see cref="OrderBookDecider.ToLegacy"/>).</summary>
    public const string SnapshotSchema = "OrderBookState.v3";

    // PagesWanted names a bounded set; this only stops a fault from looping.
    private const int MaxPageRounds = 32;

    public async Task<(OrderBookState State, long Version)> LoadAsync(string streamId, CancellationToken cancellationToken = default)
    {
        var (state, version, _) = await LoadHeadAsync(streamId, cancellationToken).ConfigureAwait(false);
        return (state, version);
    }

    public Task<CommandResult<OrderBookState>> HandleAsync(string streamId, OrderBookCommand command, CommandContext context, CancellationToken cancellationToken = default) =>
        HandleAsync(streamId, command, context, stepId: null, cancellationToken);

    /// <summary>A saga step: the first event decided carries <paramref name="stepId"/>, which the store refuses to take twice.</summary>
    public Task<CommandResult<OrderBookState>> HandleStepAsync(string streamId, OrderBookCommand command, Guid stepId, CommandContext context, CancellationToken cancellationToken = default) =>
        HandleAsync(streamId, command, context, stepId, cancellationToken);

    /// <summary>The id under which a page is stored in the book's stream.</summary>
    public static string PageId(BookPage page) => page switch
    {
        BookPage.Level level => string.Create(CultureInfo.InvariantCulture, $"l-{level.Price}"),
        BookPage.Segment segment => string.Create(CultureInfo.InvariantCulture, $"s-{segment.Id}"),
        BookPage.Location location => $"o-{location.OrderId:N}",
        _ => throw new ArgumentOutOfRangeException(nameof(page), page, "Unknown page."),
    };

    private async Task<CommandResult<OrderBookState>> HandleAsync(string streamId, OrderBookCommand command, CommandContext context, Guid? stepId, CancellationToken cancellationToken)
    {
        // As in AggregateHandler: the span whose traceparent the book's events record.
        using var activity = OkCowTelemetry.Source.StartActivity($"order-book {command.GetType().Name}");
        activity?.SetTag("okcow.stream", streamId);
        for (var attempt = 1; ; attempt++)
        {
            var (head, version, headETag) = await LoadHeadAsync(streamId, cancellationToken).ConfigureAwait(false);
            var state = await ReadPagesAsync(streamId, command, head, cancellationToken).ConfigureAwait(false);
            var events = OrderBookDecider.Decide(command, state);
            if (events.Count == 0)
            {
                return new CommandResult<OrderBookState>(streamId, version, [], state);
            }

            var newState = events.Aggregate(state, OrderBookDecider.Evolve);
            var newVersion = version + events.Count;
            var toAppend = eventTypes.ToNewEvents(events.Cast<object>(), stepId, clock.GetUtcNow(), context.ToMetadata());
            var snapshot = new Snapshot(newVersion, SnapshotSchema, Json.ToElement(newState.HeadOnly()));

            try
            {
                await store.AppendWithPagesAsync(streamId, ExpectedVersion.Exactly(version, headETag), toAppend, snapshot, ChangedPages(state, newState), cancellationToken).ConfigureAwait(false);
                return new CommandResult<OrderBookState>(streamId, newVersion, events.Cast<object>().ToList(), newState);
            }
            catch (DuplicateEventException) when (stepId is not null)
            {
                logger.LogDebug("Step {StepId} is already recorded on {StreamId}", stepId, streamId);
                return new CommandResult<OrderBookState>(streamId, version, [], state);
            }
            catch (WrongExpectedVersionException) when (attempt < MaxAttempts)
            {
                logger.LogDebug("Version conflict on {StreamId} at {Version}, attempt {Attempt}", streamId, version, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, Math.Min(5 * (1 << attempt), 200))), cancellationToken).ConfigureAwait(false);
            }
            catch (WrongExpectedVersionException)
            {
                logger.LogWarning("Giving up on {StreamId} after {Attempts} version conflicts", streamId, attempt);
                throw new DomainException(ErrorCodes.ConcurrencyConflict, $"Stream '{streamId}' kept changing; try again.");
            }
        }
    }

    private async Task<(OrderBookState State, long Version, string? HeadETag)> LoadHeadAsync(string streamId, CancellationToken cancellationToken)
    {
        var head = await store.ReadHeadAsync(streamId, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return (OrderBookDecider.Initial, 0, null);
        }

        if (head.Snapshot is { Schema: SnapshotSchema } snapshot)
        {
            // Every append of a paged book writes the head with it, so the snapshot is always at the head's version;
            // its pages cannot be rebuilt from a fold of the events in one bounded step.
            return snapshot.Version == head.Version
                ? (Json.FromElement<OrderBookState>(snapshot.Data), head.Version, head.ETag)
                : throw new InvalidOperationException($"The head of '{streamId}' is at {head.Version} but its snapshot at {snapshot.Version}.");
        }

        // A book written before paging (at most 64 resting orders): its events folded, its resting orders kept in the head.
        var folded = OrderBookDecider.Initial;
        var version = 0L;
        foreach (var stored in await store.ReadStreamAsync(streamId, StreamReadOptions.All, cancellationToken).ConfigureAwait(false))
        {
            folded = OrderBookDecider.Evolve(folded, (OrderBookEvent)eventTypes.Deserialize(stored));
            version = stored.Version;
        }

        return (OrderBookDecider.ToLegacy(folded), version, version == head.Version ? head.ETag : null);
    }

    private async Task<OrderBookState> ReadPagesAsync(string streamId, OrderBookCommand command, OrderBookState state, CancellationToken cancellationToken)
    {
        var asked = new HashSet<string>(StringComparer.Ordinal);
        for (var round = 0; round < MaxPageRounds; round++)
        {
            var wanted = OrderBookDecider.PagesWanted(command, state).Select(PageId).Where(asked.Add).ToList();
            if (wanted.Count == 0)
            {
                return state;
            }

            foreach (var page in await store.ReadPagesAsync(streamId, wanted, cancellationToken).ConfigureAwait(false))
            {
                state = page.PageId[0] switch
                {
                    'l' => Json.FromElement<LevelQueues>(page.Data) is var level ? state with { Levels = state.Levels.SetItem(level.Price, level) } : state,
                    's' => Json.FromElement<BookSegment>(page.Data) is var segment ? state with { Segments = state.Segments.SetItem(segment.Id, segment) } : state,
                    'o' => Json.FromElement<OrderLocation>(page.Data) is var location ? state with { Locations = state.Locations.SetItem(location.OrderId, location) } : state,
                    _ => throw new InvalidOperationException($"Unknown page '{page.PageId}' in '{streamId}'."),
                };
            }
        }

        throw new InvalidOperationException($"The pages of '{streamId}' a {command.GetType().Name} needs kept growing.");
    }

    /// <summary>The pages the decision changed: written when new or different, deleted when gone.</summary>
    private static List<PageWrite> ChangedPages(OrderBookState before, OrderBookState after)
    {
        var writes = new List<PageWrite>();
        Diff(before.Levels, after.Levels, price => new BookPage.Level(price), writes);
        Diff(before.Segments, after.Segments, id => new BookPage.Segment(id), writes);
        Diff(before.Locations, after.Locations, orderId => new BookPage.Location(orderId), writes);
        return writes;
    }

    private static void Diff<TKey, TPage>(ImmutableDictionary<TKey, TPage> before, ImmutableDictionary<TKey, TPage> after, Func<TKey, BookPage> page, List<PageWrite> writes)
        where TKey : notnull
        where TPage : class
    {
        foreach (var (key, value) in after)
        {
            if (!before.TryGetValue(key, out var old) || !Equals(old, value))
            {
                writes.Add(new PageWrite(PageId(page(key)), Json.ToElement(value)));
            }
        }

        foreach (var key in before.Keys.Where(key => !after.ContainsKey(key)))
        {
            writes.Add(new PageWrite(PageId(page(key)), null));
        }
    }
}
