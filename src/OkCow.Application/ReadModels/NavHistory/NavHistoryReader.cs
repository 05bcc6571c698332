using OkCow.Application.Commands;
using OkCow.Application.Documents;
using OkCow.Application.EventStore;
using OkCow.Application.Serialization;
using OkCow.Domain.Funds;
using OkCow.Domain.Index;

namespace OkCow.Application.ReadModels.NavHistory;

/// <summary>A fund and the MCPI as of an instant.</summary>
public sealed record FundAt(FundState Fund, McpiState Mcpi);

/// <summary>
/// Reads the NAV history pages: the whole history (walking the fund's pages and the shared MCPI pages), and a fund's
/// state as of an instant from the page checkpoints plus at most the rest of one page read from the log.
/// </summary>
public sealed class NavHistoryReader(IDocumentStore documents, IEventStore eventStore, EventTypes eventTypes)
{
    /// <summary>The history's points, oldest first; null when the fund does not exist (or is not projected yet).</summary>
    public async Task<IReadOnlyList<NavPoint>?> GetPointsAsync(Guid fundId, CancellationToken cancellationToken = default)
    {
        var key = StreamKeys.Key(fundId);
        var pages = new List<FundNavPage>();
        while (await documents.GetAsync<FundNavPage>(Containers.Funds, key, FundNavPage.IdOf(pages.Count), cancellationToken).ConfigureAwait(false) is { } page)
        {
            pages.Add(page.Value);
        }

        if (pages.Count == 0)
        {
            var legacy = await documents.GetAsync<LegacyNavHistoryView>(Containers.Funds, key, LegacyNavHistoryView.DocumentId, cancellationToken).ConfigureAwait(false);
            return legacy?.Value is { Created: true } old ? old.Points() : null;
        }

        var state = pages[^1].State;
        if (!state.Created)
        {
            return null;
        }

        var publications = new List<McpiObservation>();
        for (var n = 0L; await documents.GetAsync<McpiPage>(Containers.Directory, McpiPage.Partition, McpiPage.IdOf(n), cancellationToken).ConfigureAwait(false) is { } page; n++)
        {
            publications.AddRange(page.Value.Publications);
        }

        return NavHistoryProjection.Points(state.BasePrice, state.Properties, [.. pages.SelectMany(p => p.Entries)], publications);
    }

    /// <summary>
    /// At most <paramref name="limit"/> points of the history after <paramref name="after"/> (null: from the start),
    /// oldest first; null when the fund does not exist. The points are at distinct instants, so the instant of the last
    /// point given is where the next page starts. Pages by time: per stream, a bisection of its pages by the instant of
    /// their last entry finds the first page with an entry after <paramref name="after"/>; the page before it gives the
    /// figures in force at <paramref name="after"/> (its end state), and pages are read on from there only until
    /// <paramref name="limit"/> entries are in. Costs O(log pages) point reads plus about limit / 256 + 1 pages per
    /// stream, however long the history.
    /// </summary>
    public async Task<IReadOnlyList<NavPoint>?> GetPointsAsync(Guid fundId, DateTimeOffset? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var key = StreamKeys.Key(fundId);
        var fundPage = async (long n) => (await documents.GetAsync<FundNavPage>(Containers.Funds, key, FundNavPage.IdOf(n), cancellationToken).ConfigureAwait(false))?.Value;
        if (await fundPage(0).ConfigureAwait(false) is not { } first)
        {
            // A fund from before paging (or not projected yet): the one-document history, if any.
            var all = await GetPointsAsync(fundId, cancellationToken).ConfigureAwait(false);
            return all is null ? null : [.. all.Where(p => after is null || p.At > after).Take(limit)];
        }

        var fund = await WindowAsync(
            Streams.Fund(fundId),
            after,
            limit,
            first,
            fundPage,
            p => p.LastAt,
            p => p.Entries.Select(e => (e.At, e)),
            p => p.LastAt is { } at ? new FundFiguresAt(p.Version, at, p.State.Cash, p.State.UnitsOutstanding, p.State.Properties.Count) : null,
            cancellationToken).ConfigureAwait(false);
        var state = fund.Newest.State;
        if (!state.Created)
        {
            return null;
        }

        var mcpiPage = async (long n) => (await documents.GetAsync<McpiPage>(Containers.Directory, McpiPage.Partition, McpiPage.IdOf(n), cancellationToken).ConfigureAwait(false))?.Value;
        var publications = await mcpiPage(0).ConfigureAwait(false) is { } firstMcpi
            ? (await WindowAsync(
                Streams.Mcpi,
                after,
                limit,
                firstMcpi,
                mcpiPage,
                p => p.State.LastAt,
                p => p.Publications.Select(o => (o.At, o)),
                p => p.State is { LastAt: { } at, LastValue: { } value } ? new McpiObservation(p.Version, at, value) : null,
                cancellationToken).ConfigureAwait(false)).Items
            : [];

        var points = NavHistoryProjection.Points(state.BasePrice, state.Properties, fund.Items, publications);
        return [.. points.Where(p => after is null || p.At > after).Take(limit)];
    }

    /// <summary>
    /// The entries of one stream's pages that a page of the history after <paramref name="after"/> needs, in order:
    /// the one in force at the end of the page before the first page with a later entry, that page's entries, and the
    /// following pages' until <paramref name="limit"/> entries after <paramref name="after"/> are in. <paramref name="lastAt"/> is the instant of a page's
    /// last entry as of its end (carried over empty pages), which grows with the page number.
    /// </summary>
    private async Task<(List<TEntry> Items, TPage Newest)> WindowAsync<TPage, TEntry>(
        string streamId,
        DateTimeOffset? after,
        int limit,
        TPage first,
        Func<long, Task<TPage?>> page,
        Func<TPage, DateTimeOffset?> lastAt,
        Func<TPage, IEnumerable<(DateTimeOffset At, TEntry Entry)>> entries,
        Func<TPage, TEntry?> inForceAtEnd,
        CancellationToken cancellationToken)
        where TPage : class
        where TEntry : class
    {
        var items = new List<TEntry>();
        var (from, newest) = (0L, first);
        if (after is { } instant)
        {
            // The first page whose last entry is after `instant`; a page not projected yet counts as after.
            var head = await eventStore.ReadHeadAsync(streamId, cancellationToken).ConfigureAwait(false);
            var (low, high) = (0L, StreamPages.PageOf(Math.Max(head?.Version ?? 1, 1)) + 1);
            while (low < high)
            {
                var middle = low + ((high - low) / 2);
                var candidate = middle == 0 ? first : await page(middle).ConfigureAwait(false);
                if (candidate is not null && (lastAt(candidate) is not { } last || last <= instant))
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            from = low;
            if (from > 0 && (from == 1 ? first : await page(from - 1).ConfigureAwait(false)) is { } before)
            {
                newest = before;
                if (inForceAtEnd(before) is { } inForce)
                {
                    items.Add(inForce);
                }
            }
        }

        var later = 0;
        for (var n = from; later < limit && (n == 0 ? first : await page(n).ConfigureAwait(false)) is { } current; n++)
        {
            newest = current;
            foreach (var (at, entry) in entries(current))
            {
                // Entries by `after` in the first page read are in force before the later ones; they do not count.
                items.Add(entry);
                later += after is null || at > after ? 1 : 0;
            }
        }

        return (items, newest);
    }

    /// <summary>
    /// R11 from checkpoints: the fund and the MCPI folded with the domain's Evolve over their events stored by
    /// <paramref name="at"/>, starting from the checkpoint at the end of the page before the one <paramref name="at"/>
    /// falls in. Costs the two stream heads, a binary search over each stream's pages (a point read each) and at most a
    /// page of events per stream (more only while the projection lags behind the log). Equals <see cref="FoldAsync"/>
    /// whenever each stream's stored instants do not step back.
    /// </summary>
    public async Task<FundAt> GetAtAsync(Guid fundId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var key = StreamKeys.Key(fundId);
        var fund = await StateAtAsync(
            Streams.Fund(fundId),
            at,
            async n => (await documents.GetAsync<FundNavPage>(Containers.Funds, key, FundNavPage.IdOf(n), cancellationToken).ConfigureAwait(false))?.Value is { } p
                ? new Checkpoint<FundState>(p.Version, p.FirstTimestamp, p.State)
                : null,
            FundDecider.Initial,
            (state, e) => FundDecider.Evolve(state, (FundEvent)e),
            cancellationToken).ConfigureAwait(false);
        var mcpi = await StateAtAsync(
            Streams.Mcpi,
            at,
            async n => (await documents.GetAsync<McpiPage>(Containers.Directory, McpiPage.Partition, McpiPage.IdOf(n), cancellationToken).ConfigureAwait(false))?.Value is { } p
                ? new Checkpoint<McpiState>(p.Version, p.FirstTimestamp, p.State)
                : null,
            McpiDecider.Initial,
            (state, e) => McpiDecider.Evolve(state, (McpiEvent)e),
            cancellationToken).ConfigureAwait(false);
        return new FundAt(fund, mcpi);
    }

    /// <summary>R11 from the whole log: both streams folded from their first event. Kept to verify the checkpoints.</summary>
    public async Task<FundAt> FoldAsync(Guid fundId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var until = new StreamReadOptions(Until: at);
        var fundEvents = await eventStore.ReadStreamAsync(Streams.Fund(fundId), until, cancellationToken).ConfigureAwait(false);
        var fund = fundEvents.Aggregate(FundDecider.Initial, (state, stored) => FundDecider.Evolve(state, (FundEvent)eventTypes.Deserialize(stored)));
        var mcpiEvents = await eventStore.ReadStreamAsync(Streams.Mcpi, until, cancellationToken).ConfigureAwait(false);
        var mcpi = mcpiEvents.Aggregate(McpiDecider.Initial, (state, stored) => McpiDecider.Evolve(state, (McpiEvent)eventTypes.Deserialize(stored)));
        return new FundAt(fund, mcpi);
    }

    private async Task<TState> StateAtAsync<TState>(
        string streamId,
        DateTimeOffset at,
        Func<long, Task<Checkpoint<TState>?>> page,
        TState initial,
        Func<TState, object, TState> evolve,
        CancellationToken cancellationToken)
    {
        var head = await eventStore.ReadHeadAsync(streamId, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return initial;
        }

        // The last page that exists and began by `at`. Pages are written in version order, so the ones missing (not
        // projected yet) are the last ones, and instants grow with versions: both are monotone, so bisect.
        var (low, high) = (0L, StreamPages.PageOf(head.Version));
        var found = -1L;
        var firstPageExists = false;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var candidate = await page(middle).ConfigureAwait(false);
            firstPageExists |= middle == 0 && candidate is not null;
            if (candidate is not null && candidate.FirstTimestamp <= at)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        if (found < 0 && (firstPageExists || await page(0).ConfigureAwait(false) is not null))
        {
            // The stream's first event was stored after `at`.
            return initial;
        }

        var (from, state) = (1L, initial);
        if (found > 0 && await page(found - 1).ConfigureAwait(false) is { } previous && previous.Version == StreamPages.LastVersionOf(found - 1))
        {
            // The checkpoint: the state at the end of the page before.
            (from, state) = (previous.Version + 1, previous.State);
        }

        // The next page began after `at` (or it would have been found), so none of its events count; while it is not
        // projected yet, the log is read to `at`.
        long? to = found >= 0 && await page(found + 1).ConfigureAwait(false) is not null ? StreamPages.LastVersionOf(found) : null;
        var events = await eventStore.ReadStreamAsync(streamId, new StreamReadOptions(from, to, at), cancellationToken).ConfigureAwait(false);
        return events.Aggregate(state, (folded, stored) => evolve(folded, eventTypes.Deserialize(stored)));
    }

    private sealed record Checkpoint<TState>(long Version, DateTimeOffset FirstTimestamp, TState State);
}
