using Microsoft.Extensions.Logging;
using OkCow.Application.ChangeFeed;
using OkCow.Application.Documents;
using OkCow.Application.EventStore;
using OkCow.Application.Projections;
using OkCow.Application.Serialization;
using OkCow.Domain.Reconciliation;

namespace OkCow.Application.ReadModels.Reconciliation;

/// <summary>
/// Keeps R24's running totals: each investor or fund event is folded into the totals once, recognised by its stream's
/// <see cref="LedgerSeen"/> version, which is written in the same all-or-none group as the totals; so a redelivered
/// batch, or a crash between two writes, counts nothing twice. The first event it sees without totals (a new store, or
/// a data folder from before the totals existed) seeds them from the whole log.
/// </summary>
public sealed class ReconciliationProjector(
    ViewWriter views,
    IChangeFeed changeFeed,
    EventTypes eventTypes,
    TimeProvider clock,
    ILogger<ReconciliationProjector> logger) : IPrefetchingHandler
{
    public string Name => "projection:reconciliation";

    public Task PrefetchAsync(IReadOnlyList<EventEnvelope> batch, CancellationToken cancellationToken) =>
        views.PrefetchAsync<LedgerSeen>(
            Containers.Directory,
            batch.Select(e => e.StreamId).Where(LedgerLog.MovesCash).Select(s => (LedgerTotalsView.Partition, LedgerSeen.IdOf(s))),
            cancellationToken);

    public Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken) =>
        LedgerLog.MovesCash(envelope.StreamId) ? views.InBatchAsync(_ => ApplyAsync(envelope, cancellationToken), cancellationToken) : Task.CompletedTask;

    private async Task ApplyAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var totals = await GetAsync<LedgerTotalsView>(LedgerTotalsView.DocumentId, cancellationToken).ConfigureAwait(false);
        if (totals is null)
        {
            // The whole log, this event included.
            await SeedAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var seenId = LedgerSeen.IdOf(envelope.StreamId);
        if (await GetAsync<LedgerSeen>(seenId, cancellationToken).ConfigureAwait(false) is { } seen && seen.Version >= envelope.Version)
        {
            return;
        }

        var next = totals with { State = Ledger.Apply(totals.State, envelope.Event), Events = totals.Events + 1 };
        await views.WriteTogetherAsync(
            Containers.Directory,
            LedgerTotalsView.Partition,
            [(seenId, new LedgerSeen(envelope.StreamId, envelope.Version)), (LedgerTotalsView.DocumentId, next)],
            cancellationToken).ConfigureAwait(false);
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        var fold = await LedgerLog.FoldAsync(changeFeed, eventTypes, cancellationToken).ConfigureAwait(false);

        // Every stream's mark first, the totals last: until the totals exist, a crash just seeds again.
        foreach (var chunk in fold.Versions.Chunk(DocumentGroup.MaxWrites))
        {
            var marks = new List<(string, object)>(chunk.Length);
            foreach (var (streamId, version) in chunk)
            {
                await GetAsync<LedgerSeen>(LedgerSeen.IdOf(streamId), cancellationToken).ConfigureAwait(false);
                marks.Add((LedgerSeen.IdOf(streamId), new LedgerSeen(streamId, version)));
            }

            await views.WriteTogetherAsync(Containers.Directory, LedgerTotalsView.Partition, marks, cancellationToken).ConfigureAwait(false);
        }

        await views.WriteTogetherAsync(
            Containers.Directory,
            LedgerTotalsView.Partition,
            [(LedgerTotalsView.DocumentId, new LedgerTotalsView(fold.State, fold.Events, clock.GetUtcNow()))],
            cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Reconciliation totals seeded from the log: {Events} events of {Streams} streams", fold.Events, fold.Versions.Count);
    }

    private Task<T?> GetAsync<T>(string id, CancellationToken cancellationToken)
        where T : class =>
        views.GetAsync<T>(Containers.Directory, LedgerTotalsView.Partition, id, cancellationToken);
}
