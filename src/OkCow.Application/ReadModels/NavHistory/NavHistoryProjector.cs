using Microsoft.Extensions.Logging;
using OkCow.Application.ChangeFeed;
using OkCow.Application.Commands;
using OkCow.Application.Documents;
using OkCow.Application.EventStore;
using OkCow.Application.Projections;
using OkCow.Application.ReadModels.FundList;
using OkCow.Application.Serialization;
using OkCow.Domain.Funds;
using OkCow.Domain.Index;

namespace OkCow.Application.ReadModels.NavHistory;

/// <summary>
/// Projects fund events into their fund's history and fans each MCPI publication out to every fund in the fund list.
/// A fund the list does not show yet would miss publications, so its creation reads the MCPI in force and every later
/// publication from the log; both paths key observations by MCPI version, so overlaps change nothing.
/// </summary>
public sealed class NavHistoryProjector(
    ViewWriter views,
    IDocumentStore documents,
    IEventStore eventStore,
    EventTypes eventTypes,
    ILogger<NavHistoryProjector> logger) : IEventHandler
{
    private const int PageSize = 100;

    public string Name => "projection:nav-history";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        switch (envelope.Event)
        {
            case FundEvent.FundCreated created:
                var seed = await PublicationsSinceAsync(created.At, cancellationToken).ConfigureAwait(false);
                await WriteAsync(created.FundId, envelope, view => NavHistoryProjection.Apply(Seed(view, seed), created), cancellationToken).ConfigureAwait(false);
                break;
            case FundEvent e:
                await WriteAsync(StreamKeys.FundId(envelope.StreamId), envelope, view => NavHistoryProjection.Apply(view, e), cancellationToken).ConfigureAwait(false);
                break;
            case McpiEvent.McpiPublished published:
                await FanOutAsync(envelope, published, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task FanOutAsync(EventEnvelope envelope, McpiEvent.McpiPublished published, CancellationToken cancellationToken)
    {
        var funds = 0;
        for (var skip = 0; ; skip += PageSize)
        {
            var page = await documents.ListAsync<FundListItemView>(Containers.Directory, FundListItemView.Partition, skip, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var fund in page)
            {
                await WriteAsync(fund.FundId, envelope, view => NavHistoryProjection.Observe(view, envelope.Version, published), cancellationToken).ConfigureAwait(false);
            }

            funds += page.Count;
            if (page.Count < PageSize)
            {
                break;
            }
        }

        logger.LogDebug("MCPI {Version} applied to the NAV history of {Funds} funds", envelope.Version, funds);
    }

    /// <summary>The publication in force at <paramref name="since"/> and every later one, with their versions.</summary>
    private async Task<IReadOnlyList<(long Version, McpiEvent.McpiPublished Published)>> PublicationsSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var stored = await eventStore.ReadStreamAsync(Streams.Mcpi, StreamReadOptions.All, cancellationToken).ConfigureAwait(false);
        var publications = stored
            .Select(e => (e.Version, Event: eventTypes.Deserialize(e)))
            .Where(e => e.Event is McpiEvent.McpiPublished)
            .Select(e => (e.Version, Published: (McpiEvent.McpiPublished)e.Event))
            .ToList();
        var inForce = publications.FindLastIndex(p => p.Published.At <= since);
        return publications[Math.Max(inForce, 0)..];
    }

    private static NavHistoryView Seed(NavHistoryView view, IReadOnlyList<(long Version, McpiEvent.McpiPublished Published)> publications) =>
        publications.Aggregate(view, (seeded, p) => NavHistoryProjection.Observe(seeded, p.Version, p.Published));

    private Task WriteAsync(Guid fundId, EventEnvelope envelope, Func<NavHistoryView, NavHistoryView> apply, CancellationToken cancellationToken) =>
        views.ApplyAsync<NavHistoryView>(
            Containers.Funds,
            StreamKeys.Key(fundId),
            NavHistoryView.DocumentId,
            envelope,
            view => apply(view ?? NavHistoryView.Empty(fundId)),
            cancellationToken);
}
