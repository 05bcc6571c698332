using OkCow.Application.Commands;
using OkCow.Application.Documents;
using OkCow.Application.Queries;
using OkCow.Application.ReadModels.Reconciliation;
using OkCow.Application.Tests.Support;
using static OkCow.Domain.Funds.FundEvent;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Application.Tests.Queries;

/// <summary>
/// SPEC §10: reconciliation from the running totals the projection keeps equals the full fold of the log (kept as
/// <c>verify=full</c>) whatever the batches, repeats and arrival order.
/// </summary>
public sealed class RunningTotalsTests
{
    private static readonly DateTimeOffset T0 = TestClock.Start;

    [Fact]
    public async Task Given_a_history_projected_in_batches_delivered_again_and_out_of_stream_order_Then_the_running_totals_equal_the_full_fold_at_every_step()
    {
        using var readSide = ReadSide.Create();
        var (fund, investor, royalty) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var delivered = new List<OkCow.Application.EventStore.StoredEvent>();
        var steps = new List<Func<Task<IReadOnlyList<OkCow.Application.EventStore.StoredEvent>>>>
        {
            () => readSide.AppendAsync(Streams.Investor(investor), T0, new InvestorRegistered(investor, "A", "a-login", "h", T0), new CashDeposited(investor, 3_000_000, T0)),
            () => readSide.AppendAsync(Streams.Fund(fund), T0, new FundCreated(fund, "F", 10_000, T0)),
        };
        for (var i = 0; i < 12; i++)
        {
            var subscription = Guid.NewGuid();
            steps.Add(() => readSide.AppendAsync(Streams.Investor(investor), T0, new SubscriptionRequested(investor, subscription, fund, 100_000, T0)));
            steps.Add(() => readSide.AppendAsync(Streams.Fund(fund), T0, new UnitsIssued(fund, subscription, investor, 100_000, 10, 100_000, 10_000m, 0, 0, 10_000, T0)));
            steps.Add(() => readSide.AppendAsync(Streams.Investor(investor), T0, new SubscriptionSettled(investor, subscription, fund, 100_000, 10, 100_000, T0)));
        }

        steps.Add(() => readSide.AppendAsync(Streams.Fund(fund), T0, new PropertyAcquired(fund, Guid.NewGuid(), "SONG-1", "REG-1", "M-1", 600_000, 10_000, T0)));
        steps.Add(() => readSide.AppendAsync(Streams.Fund(fund), T0, new RoyaltyRecorded(fund, royalty, 12_001, 120, 40, T0)));
        steps.Add(() => readSide.AppendAsync(Streams.Investor(investor), T0, new RoyaltyCredited(investor, royalty, fund, 12_000, T0)));
        steps.Add(() => readSide.AppendAsync(Streams.Fund(fund), T0, new RoyaltyCompleted(fund, royalty, 12_001, 12_000, 1, 1, T0)));
        steps.Add(() => readSide.AppendAsync(Streams.Investor(investor), T0, new CashWithdrawn(investor, 5_000, T0)));

        var compared = 0;
        foreach (var (step, index) in steps.Select((s, i) => (s, i)))
        {
            var appended = await step();
            delivered.AddRange(appended);

            // Every third step: project what arrived, newest stream first, then deliver it all again in other cuts.
            if (index % 3 != 2 && index != steps.Count - 1)
            {
                continue;
            }

            var batch = delivered.OrderByDescending(e => e.StreamId, StringComparer.Ordinal).ToList();
            await readSide.DispatchAsync(batch);
            await readSide.DispatchAsync(batch);
            foreach (var cut in batch.Chunk(4))
            {
                await readSide.DispatchAsync(cut);
            }

            await AssertAgreesAsync(readSide.Queries);
            compared++;
        }

        var final = await readSide.Queries.ReconcileAsync();
        Assert.Equal((3_000_000L - 1_200_000 + 12_000 - 5_000, 1_200_000L - 600_000 + 1, 12_001L), (final.InvestorCash, final.FundCash, final.RoyaltyIncome));
        Assert.True(final.Agrees && final.Settled);
        Assert.Equal(delivered.Count, final.EventsRead);
        Assert.True(compared > 10);
    }

    [Fact]
    public async Task Given_events_stored_before_the_totals_existed_Then_the_first_event_seeds_them_from_the_whole_log()
    {
        using var readSide = ReadSide.Create();
        var investor = Guid.NewGuid();
        var earlier = await readSide.AppendAsync(Streams.Investor(investor), T0, new InvestorRegistered(investor, "A", "a-login", "h", T0), new CashDeposited(investor, 1_000, T0));
        var later = await readSide.AppendAsync(Streams.Investor(investor), T0, new CashDeposited(investor, 500, T0), new CashWithdrawn(investor, 200, T0));

        // The projection sees only the later events (its checkpoint was past the earlier ones).
        await readSide.DispatchAsync(later);
        await readSide.DispatchAsync(later);

        var totals = await readSide.GetAsync<LedgerTotalsView>(Containers.Directory, LedgerTotalsView.Partition, LedgerTotalsView.DocumentId);
        Assert.Equal((1_300L, 1_500L, 200L, 4L), (totals!.Totals.InvestorCash, totals.Totals.Deposits, totals.Totals.Withdrawals, totals.Events));
        await AssertAgreesAsync(readSide.Queries);
        Assert.Equal(2, earlier.Count);
    }

    [Fact]
    public async Task Given_a_folder_with_the_first_shape_of_totals_Then_the_report_comes_from_the_log_until_the_next_event_seeds_the_new_totals_and_legs()
    {
        using var readSide = ReadSide.Create();
        var (fund, investor, open, settled) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var history = new List<OkCow.Application.EventStore.StoredEvent>();
        history.AddRange(await readSide.AppendAsync(Streams.Investor(investor), T0, new InvestorRegistered(investor, "A", "a-login", "h", T0), new CashDeposited(investor, 1_000_000, T0)));
        history.AddRange(await readSide.AppendAsync(
            Streams.Fund(fund),
            T0,
            new FundCreated(fund, "F", 10_000, T0),
            new UnitsIssued(fund, settled, investor, 100_000, 10, 100_000, 10_000m, 0, 0, 10_000, T0),
            new UnitsIssued(fund, open, investor, 200_000, 20, 200_000, 10_000m, 0, 0, 10_000, T0)));
        history.AddRange(await readSide.AppendAsync(Streams.Investor(investor), T0, new SubscriptionSettled(investor, settled, fund, 100_000, 10, 100_000, T0)));

        // As the first shape of the projection left them: every open leg inside the one totals document, and (as a
        // crash while seeding could leave) a leg document of a saga the log has since settled.
        var ledger = (Containers.Directory, LedgerTotalsView.Partition);
        await readSide.Documents.UpsertAsync(ledger.Directory, ledger.Partition, LedgerTotalsView.RetiredDocumentId, new
        {
            state = new { investorCash = 900_000, fundCash = 300_000, deposits = 1_000_000, withdrawals = 0, royaltyIncome = 0, propertyPurchases = 0, openLegs = new Dictionary<string, object> { [open.ToString()] = new { kind = "Subscription", amount = 200_000 } } },
            events = history.Count,
            seededAt = T0,
        });
        await readSide.Documents.UpsertAsync(ledger.Directory, ledger.Partition, LedgerLeg.IdOf(settled), new LedgerLeg(settled, OkCow.Domain.Reconciliation.SagaKind.Subscription, 100_000));

        var before = await readSide.Queries.ReconcileAsync();
        Assert.Equal((1_200_000L, 200_000L, 1, true), (before.Left, before.InTransit, before.OpenSagas, before.Agrees));
        await AssertAgreesAsync(readSide.Queries);

        var later = await readSide.AppendAsync(Streams.Investor(investor), T0, new CashWithdrawn(investor, 1_000, T0));
        await readSide.DispatchAsync(later);
        await readSide.DispatchAsync(later);

        var totals = await readSide.GetAsync<LedgerTotalsView>(ledger.Directory, ledger.Partition, LedgerTotalsView.DocumentId);
        Assert.Equal((200_000L, 1, history.Count + 1L), (totals!.Totals.InTransit, totals.Totals.OpenSagas, totals.Events));
        Assert.Equal(new LedgerLeg(open, OkCow.Domain.Reconciliation.SagaKind.Subscription, 200_000), await readSide.GetAsync<LedgerLeg>(ledger.Directory, ledger.Partition, LedgerLeg.IdOf(open)));
        Assert.Null(await readSide.GetAsync<LedgerLeg>(ledger.Directory, ledger.Partition, LedgerLeg.IdOf(settled)));
        Assert.Null(await readSide.GetAsync<object>(ledger.Directory, ledger.Partition, LedgerTotalsView.RetiredDocumentId));
        await AssertAgreesAsync(readSide.Queries);

        // The open saga settles through the running totals: its leg document goes with it.
        var settling = await readSide.AppendAsync(Streams.Investor(investor), T0, new SubscriptionSettled(investor, open, fund, 200_000, 20, 200_000, T0));
        await readSide.DispatchAsync(settling);
        Assert.Null(await readSide.GetAsync<LedgerLeg>(ledger.Directory, ledger.Partition, LedgerLeg.IdOf(open)));
        var final = await readSide.Queries.ReconcileAsync();
        Assert.True(final.Agrees && final.Settled);
        await AssertAgreesAsync(readSide.Queries);
    }

    private static async Task AssertAgreesAsync(ReadQueries queries)
    {
        var running = await queries.ReconcileAsync();
        var full = await queries.ReconcileAsync(fullFold: true);
        Assert.Equal(full with { At = running.At }, running);
    }
}
