using Microsoft.Extensions.Logging;
using OkCow.Application.ChangeFeed;
using OkCow.Application.Documents;
using OkCow.Application.EventStore;
using OkCow.Application.Projections;
using OkCow.Application.Serialization;
using OkCow.Domain.Reconciliation;

namespace OkCow.Application.ReadModels.Reconciliation;

/// <summary>
/// Keeps R24's running totals: each investor or fund event is stepped into the fixed-size totals once, recognised by
/// its stream's <see cref="LedgerSeen"/> version; the saga leg it moves is settled in that saga's own
/// <see cref="LedgerLeg"/> (deleted once it nets to zero). Mark, leg and totals are written in one all-or-none group, so
/// a redelivered batch, or a crash between two writes, counts nothing twice. The first event it sees without totals (a
/// new store, or a data folder from before these totals existed) seeds them from the whole log.
/// </summary>
public sealed class ReconciliationProjector(
    ViewWriter views,
    IChangeFeed changeFeed,
    EventTypes eventTypes,
    TimeProvider clock,
    ILogger<ReconciliationProjector> logger) : IPrefetchingHandler
{
    private const int ListPageSize = 1000;

    public string Name => "projection:reconciliation";

    /// <summary>The batch's marks and the legs its events move, each kind in one round.</summary>
    public async Task PrefetchAsync(IReadOnlyList<EventEnvelope> batch, CancellationToken cancellationToken)
    {
        var cash = batch.Where(e => LedgerLog.MovesCash(e.StreamId)).ToList();
        await views.PrefetchAsync<LedgerSeen>(
            Containers.Directory,
            cash.Select(e => (LedgerTotalsView.Partition, LedgerSeen.IdOf(e.StreamId))),
            cancellationToken).ConfigureAwait(false);
        await views.PrefetchAsync<LedgerLeg>(
            Containers.Directory,
            cash.Select(e => Ledger.Step(LedgerTotals.Zero, e.Event).Move).OfType<LegMove>().Select(m => (LedgerTotalsView.Partition, LedgerLeg.IdOf(m.SagaId))),
            cancellationToken).ConfigureAwait(false);
    }

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

        var (next, move) = Ledger.Step(totals.Totals, envelope.Event);
        var changes = new List<(string, object?)>(3) { (seenId, new LedgerSeen(envelope.StreamId, envelope.Version)) };
        if (move is not null)
        {
            var legId = LedgerLeg.IdOf(move.SagaId);
            var open = await GetAsync<LedgerLeg>(legId, cancellationToken).ConfigureAwait(false);
            (next, var leg) = Ledger.Settle(next, open?.Open, move);
            if (open is not null || leg is not null)
            {
                changes.Add((legId, leg is null ? null : new LedgerLeg(move.SagaId, leg.Kind, leg.Amount)));
            }
        }

        changes.Add((LedgerTotalsView.DocumentId, totals with { Totals = next, Events = totals.Events + 1 }));
        await views.WriteTogetherAsync(Containers.Directory, LedgerTotalsView.Partition, changes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Every stream's mark first, then every open leg of the fold (and the deletion of any leg a crashed seed left that
    /// the fold has closed), the totals last: until the totals exist, a crash just seeds again. The first shape's totals
    /// document is deleted with them.
    /// </summary>
    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        var fold = await LedgerLog.FoldAsync(changeFeed, eventTypes, cancellationToken).ConfigureAwait(false);
        var stale = await StoredLegsAsync(cancellationToken).ConfigureAwait(false);
        stale.ExceptWith(fold.State.OpenLegs.Keys);

        var marks = fold.Versions.Select(v => (LedgerSeen.IdOf(v.Key), (object?)new LedgerSeen(v.Key, v.Value)));
        var legs = fold.State.OpenLegs.Select(l => (LedgerLeg.IdOf(l.Key), (object?)new LedgerLeg(l.Key, l.Value.Kind, l.Value.Amount)));
        var closed = stale.Select(sagaId => (LedgerLeg.IdOf(sagaId), (object?)null));
        foreach (var chunk in marks.Concat(legs).Concat(closed).Chunk(DocumentGroup.MaxWrites))
        {
            // Read so the batch knows each one's ETag (a mark or leg from before is replaced, not created again).
            await views.PrefetchAsync<LedgerLeg>(Containers.Directory, chunk.Where(c => c.Item1.StartsWith("leg-", StringComparison.Ordinal)).Select(c => (LedgerTotalsView.Partition, c.Item1)), cancellationToken).ConfigureAwait(false);
            await views.PrefetchAsync<LedgerSeen>(Containers.Directory, chunk.Where(c => !c.Item1.StartsWith("leg-", StringComparison.Ordinal)).Select(c => (LedgerTotalsView.Partition, c.Item1)), cancellationToken).ConfigureAwait(false);
            await views.WriteTogetherAsync(Containers.Directory, LedgerTotalsView.Partition, chunk, cancellationToken).ConfigureAwait(false);
        }

        var retired = await GetAsync<LegProbe>(LedgerTotalsView.RetiredDocumentId, cancellationToken).ConfigureAwait(false);
        var totals = new LedgerTotalsView(fold.State.Totals, fold.Events, clock.GetUtcNow());
        await views.WriteTogetherAsync(
            Containers.Directory,
            LedgerTotalsView.Partition,
            retired is null
                ? [(LedgerTotalsView.DocumentId, totals)]
                : [(LedgerTotalsView.DocumentId, totals), (LedgerTotalsView.RetiredDocumentId, null)],
            cancellationToken).ConfigureAwait(false);
        logger.LogInformation(
            "Reconciliation totals seeded from the log: {Events} events of {Streams} streams, {Legs} sagas open",
            fold.Events,
            fold.Versions.Count,
            fold.State.OpenLegs.Count);
    }

    /// <summary>The sagas whose leg documents are stored now (after a crash mid-seed some may since have closed).</summary>
    private async Task<HashSet<Guid>> StoredLegsAsync(CancellationToken cancellationToken)
    {
        var sagas = new HashSet<Guid>();
        string? continuation = null;
        do
        {
            var page = await views.ListPageAsync<LegProbe>(Containers.Directory, LedgerTotalsView.Partition, ListPageSize, continuation, cancellationToken).ConfigureAwait(false);
            sagas.UnionWith(page.Items.Select(p => p.SagaId).OfType<Guid>());
            continuation = page.Continuation;
        }
        while (continuation is not null);

        return sagas;
    }

    private Task<T?> GetAsync<T>(string id, CancellationToken cancellationToken)
        where T : class =>
        views.GetAsync<T>(Containers.Directory, LedgerTotalsView.Partition, id, cancellationToken);

    /// <summary>Any document of the partition read for its saga id: only legs have one.</summary>
    private sealed record LegProbe(Guid? SagaId);
}
