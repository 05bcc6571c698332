using OkCow.Application.EventStore;
using OkCow.Application.Serialization;
using OkCow.Domain.Reconciliation;

namespace OkCow.Application.ReadModels.Reconciliation;

/// <summary>R24 over the whole log: the ledger, how many events it folded and the last version of each stream in it.</summary>
public sealed record LedgerFold(LedgerState State, long Events, IReadOnlyDictionary<string, long> Versions);

public static class LedgerLog
{
    private const int FeedPageSize = 1000;

    /// <summary>Whether a stream's events move cash: only investors' and funds' do.</summary>
    public static bool MovesCash(string streamId) =>
        streamId.StartsWith("investor-", StringComparison.Ordinal) || streamId.StartsWith("fund-", StringComparison.Ordinal);

    /// <summary>
    /// Every event read through the change feed from the beginning and folded with the domain's <see cref="Ledger"/>.
    /// The feed delivers at least once, so each stream's versions are taken once.
    /// </summary>
    public static async Task<LedgerFold> FoldAsync(IChangeFeed changeFeed, EventTypes eventTypes, CancellationToken cancellationToken)
    {
        var ledger = Ledger.Initial;
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        var events = 0L;
        string? continuation = null;
        while (true)
        {
            var page = await changeFeed.ReadAsync(continuation, FeedPageSize, cancellationToken).ConfigureAwait(false);
            foreach (var stored in page.Events)
            {
                if (!MovesCash(stored.StreamId) || (versions.TryGetValue(stored.StreamId, out var last) && stored.Version <= last))
                {
                    continue;
                }

                versions[stored.StreamId] = stored.Version;
                events++;
                ledger = Ledger.Apply(ledger, eventTypes.Deserialize(stored));
            }

            if (page.Events.Count == 0 || page.Continuation == continuation)
            {
                break;
            }

            continuation = page.Continuation;
        }

        return new LedgerFold(ledger, events, versions);
    }
}
