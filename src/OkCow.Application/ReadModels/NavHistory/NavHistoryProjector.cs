using Microsoft.Extensions.Logging;
using OkCow.Application.ChangeFeed;
using OkCow.Application.Commands;
using OkCow.Application.Documents;
using OkCow.Application.EventStore;
using OkCow.Application.Projections;
using OkCow.Application.Serialization;
using OkCow.Domain.Funds;
using OkCow.Domain.Index;

namespace OkCow.Application.ReadModels.NavHistory;

/// <summary>
/// Folds each fund stream into its pages of NAV history and the MCPI stream into the one shared series of MCPI pages.
/// Each event lands in the page its version names, seeded by the previous page's state, so a repeat or a redelivered
/// batch finds its version applied and changes nothing. A stream whose pages miss versions before the one arriving (a
/// data folder from before paging, whose feed checkpoint is past them) is paged from the log first.
/// </summary>
public sealed class NavHistoryProjector(
    ViewWriter views,
    IEventStore eventStore,
    EventTypes eventTypes,
    ILogger<NavHistoryProjector> logger) : IEventHandler
{
    public string Name => "projection:nav-history";

    public Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken) => envelope.Event switch
    {
        FundEvent => HandleFundAsync(StreamKeys.FundId(envelope.StreamId), envelope, cancellationToken),
        McpiEvent => HandleMcpiAsync(envelope, cancellationToken),
        _ => Task.CompletedTask,
    };

    private async Task HandleFundAsync(Guid fundId, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var seen = await FundVersionAsync(fundId, envelope.Version, cancellationToken).ConfigureAwait(false);
        if (seen >= envelope.Version)
        {
            return;
        }

        if (seen < envelope.Version - 1)
        {
            logger.LogInformation("NAV history of fund {FundId} paged from the log, versions {From} to {To}", fundId, seen + 1, envelope.Version - 1);
            foreach (var missed in await ReadAsync(envelope.StreamId, seen + 1, envelope.Version - 1, cancellationToken).ConfigureAwait(false))
            {
                await ApplyFundAsync(fundId, missed, cancellationToken).ConfigureAwait(false);
            }

            if (seen == 0 && await GetMcpiPageAsync(0, cancellationToken).ConfigureAwait(false) is null)
            {
                // Pages of this fund did not exist at all: neither may the MCPI series it is valued with.
                await CatchUpMcpiAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await ApplyFundAsync(fundId, envelope, cancellationToken).ConfigureAwait(false);
    }

    private async Task HandleMcpiAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var seen = await McpiVersionAsync(envelope.Version, cancellationToken).ConfigureAwait(false);
        if (seen >= envelope.Version)
        {
            return;
        }

        foreach (var missed in await ReadAsync(Streams.Mcpi, seen + 1, envelope.Version - 1, cancellationToken).ConfigureAwait(false))
        {
            await ApplyMcpiAsync(missed, cancellationToken).ConfigureAwait(false);
        }

        await ApplyMcpiAsync(envelope, cancellationToken).ConfigureAwait(false);
    }

    private async Task CatchUpMcpiAsync(CancellationToken cancellationToken)
    {
        foreach (var stored in await ReadAsync(Streams.Mcpi, 1, null, cancellationToken).ConfigureAwait(false))
        {
            await ApplyMcpiAsync(stored, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ApplyFundAsync(Guid fundId, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var page = StreamPages.PageOf(envelope.Version);
        var previous = envelope.Version == StreamPages.FirstVersionOf(page) && page > 0
            ? await GetFundPageAsync(fundId, page - 1, cancellationToken).ConfigureAwait(false)
            : null;
        var (stored, @event) = (envelope.Stored.Timestamp, (FundEvent)envelope.Event);
        var at = NavHistoryProjection.AtOf(@event, stored);
        await views.ApplyAsync<FundNavPage>(
            Containers.Funds,
            StreamKeys.Key(fundId),
            FundNavPage.IdOf(page),
            envelope,
            view => NavHistoryProjection.Apply(view ?? NavHistoryProjection.Start(fundId, page, previous, stored), envelope.Version, at, @event),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task ApplyMcpiAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var page = StreamPages.PageOf(envelope.Version);
        var previous = envelope.Version == StreamPages.FirstVersionOf(page) && page > 0
            ? await GetMcpiPageAsync(page - 1, cancellationToken).ConfigureAwait(false)
            : null;
        var @event = (McpiEvent)envelope.Event;
        await views.ApplyAsync<McpiPage>(
            Containers.Directory,
            McpiPage.Partition,
            McpiPage.IdOf(page),
            envelope,
            view => NavHistoryProjection.Apply(view ?? NavHistoryProjection.Start(page, previous, envelope.Stored.Timestamp), envelope.Version, @event),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The last fund version the pages hold, looking at the page of <paramref name="version"/> and the one before.</summary>
    private async Task<long> FundVersionAsync(Guid fundId, long version, CancellationToken cancellationToken)
    {
        var page = StreamPages.PageOf(version);
        if (await GetFundPageAsync(fundId, page, cancellationToken).ConfigureAwait(false) is { } current)
        {
            return current.Version;
        }

        return page == 0 ? 0 : (await GetFundPageAsync(fundId, page - 1, cancellationToken).ConfigureAwait(false))?.Version ?? 0;
    }

    private async Task<long> McpiVersionAsync(long version, CancellationToken cancellationToken)
    {
        var page = StreamPages.PageOf(version);
        if (await GetMcpiPageAsync(page, cancellationToken).ConfigureAwait(false) is { } current)
        {
            return current.Version;
        }

        return page == 0 ? 0 : (await GetMcpiPageAsync(page - 1, cancellationToken).ConfigureAwait(false))?.Version ?? 0;
    }

    private Task<FundNavPage?> GetFundPageAsync(Guid fundId, long page, CancellationToken cancellationToken) =>
        views.GetAsync<FundNavPage>(Containers.Funds, StreamKeys.Key(fundId), FundNavPage.IdOf(page), cancellationToken);

    private Task<McpiPage?> GetMcpiPageAsync(long page, CancellationToken cancellationToken) =>
        views.GetAsync<McpiPage>(Containers.Directory, McpiPage.Partition, McpiPage.IdOf(page), cancellationToken);

    private async Task<IReadOnlyList<EventEnvelope>> ReadAsync(string streamId, long from, long? to, CancellationToken cancellationToken)
    {
        if (to < from)
        {
            return [];
        }

        var stored = await eventStore.ReadStreamAsync(streamId, new StreamReadOptions(from, to), cancellationToken).ConfigureAwait(false);
        return [.. stored.Select(e => new EventEnvelope(e, eventTypes.Deserialize(e)))];
    }
}
