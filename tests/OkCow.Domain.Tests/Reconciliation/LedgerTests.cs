using OkCow.Domain.Funds;
using OkCow.Domain.Investors;
using OkCow.Domain.Markets;
using OkCow.Domain.Reconciliation;
using static OkCow.Domain.Funds.FundEvent;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Domain.Tests.Reconciliation;

public sealed class LedgerTests
{
    private static readonly Guid F = Guid.Parse("f0000000-0000-0000-0000-000000000001");
    private static readonly Guid A = Guid.Parse("a0000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = Guid.Parse("b0000000-0000-0000-0000-00000000000b");
    private static readonly Guid Saga = Guid.Parse("5a000000-0000-0000-0000-000000000001");
    private static readonly Guid Order = Guid.Parse("0d000000-0000-0000-0000-000000000001");
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 10, 0, 0, TimeSpan.FromHours(9));

    private static readonly object[] Funded =
    [
        new InvestorRegistered(A, "A", "investor-a", "hash", Now),
        new CashDeposited(A, 1_000_000, Now),
        new InvestorRegistered(B, "B", "investor-b", "hash", Now),
        new CashDeposited(B, 500_000, Now),
        new FundCreated(F, "Fund F", 10_000, Now),
    ];

    private static ReconciliationReport After(params object[] events)
    {
        var full = Ledger.Reconcile(Ledger.Fold([.. Funded, .. events]));
        Assert.Equal(full, Ledger.Reconcile(Running([.. Funded, .. events]).Totals));
        return full;
    }

    /// <summary>As the running totals keep it: fixed totals, and each open leg apart (a document each), stepped and settled.</summary>
    private static (LedgerTotals Totals, Dictionary<Guid, OpenLeg> Legs) Running(IEnumerable<object> events)
    {
        var (totals, legs) = (LedgerTotals.Zero, new Dictionary<Guid, OpenLeg>());
        foreach (var @event in events)
        {
            totals = Advance(totals, legs, @event);
        }

        return (totals, legs);
    }

    private static LedgerTotals Advance(LedgerTotals totals, Dictionary<Guid, OpenLeg> legs, object @event)
    {
        var (moved, move) = Ledger.Step(totals, @event);
        if (move is null)
        {
            return moved;
        }

        var (settled, leg) = Ledger.Settle(moved, legs.GetValueOrDefault(move.SagaId), move);
        if (leg is null)
        {
            legs.Remove(move.SagaId);
        }
        else
        {
            legs[move.SagaId] = leg;
        }

        return settled;
    }

    [Fact]
    public void GivenNoEvents_WhenReconciled_ThenBothSidesAreZeroAndSettled() =>
        Assert.Equal(new ReconciliationReport(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, true, true), Ledger.Reconcile(Ledger.Initial));

    [Fact]
    public void GivenDepositsWithdrawalAndPurchase_WhenReconciled_ThenTheyMakeTheRightSide()
    {
        var report = After(
            new CashWithdrawn(B, 100_000, Now),
            new UnitsIssued(F, Saga, A, 600_000, 60, 600_000, 10_000m, 0, 0, 10_000, Now),
            new SubscriptionSettled(A, Saga, F, 600_000, 60, 600_000, Now),
            new PropertyAcquired(F, Guid.NewGuid(), "SONG-1", "REG-1", "M-1", 250_000, 10_000, Now));

        Assert.Equal((1_500_000L, 100_000L, 0L, 250_000L, 1_150_000L), (report.Deposits, report.Withdrawals, report.RoyaltyIncome, report.PropertyPurchases, report.Right));
        Assert.Equal((800_000L, 350_000L, 1_150_000L), (report.InvestorCash, report.FundCash, report.Left));
        Assert.True(report.Agrees && report.Settled);
    }

    [Fact]
    public void GivenReservationsAndReleases_WhenReconciled_ThenNothingMoves() =>
        Assert.Equal(
            After(),
            After(
                new SubscriptionRequested(A, Saga, F, 300_000, Now),
                new SubscriptionReleased(A, Saga, F, 300_000, "AMOUNT_BELOW_NAV", Now),
                new OrderPlaced(A, Order, F, OrderSide.Buy, 12_000, 10, 120_000, 0m, 11_000, 7_700, 14_300, Now),
                new OrderReleased(A, Order, F, 120_000, 0, "cancelled", Now)));

    [Fact]
    public void GivenFundIssuedButInvestorNotSettled_WhenReconciled_ThenTheCostIsInTransit()
    {
        var report = After(
            new SubscriptionRequested(A, Saga, F, 600_000, Now),
            new UnitsIssued(F, Saga, A, 600_000, 60, 600_000, 10_000m, 0, 0, 10_000, Now));

        Assert.Equal((2_100_000L, 1_500_000L, 600_000L), (report.Left, report.Right, report.InTransit));
        Assert.True(report.Agrees);
        Assert.False(report.Settled);
        Assert.Equal(1, report.OpenSagas);
    }

    [Fact]
    public void GivenFundRedeemedButInvestorNotSettled_WhenReconciled_ThenProceedsAreInTransitNegatively()
    {
        var redemption = Guid.NewGuid();
        object[] issued =
        [
            new UnitsIssued(F, Saga, A, 600_000, 60, 600_000, 10_000m, 0, 0, 10_000, Now),
            new SubscriptionSettled(A, Saga, F, 600_000, 60, 600_000, Now),
            new RedemptionRequested(A, redemption, F, 10, Now),
            new UnitsRedeemed(F, redemption, A, 10, 100_000, 600_000, 60, 10_000, Now),
        ];

        var midway = After(issued);
        var settled = After([.. issued, new RedemptionSettled(A, redemption, F, 10, 100_000, Now)]);

        Assert.Equal((-100_000L, true, false), (midway.InTransit, midway.Agrees, midway.Settled));
        Assert.Equal((0L, true, true), (settled.InTransit, settled.Agrees, settled.Settled));
    }

    [Fact]
    public void GivenRoyaltyDistributedAndOneOfTwoSharesCredited_WhenReconciled_ThenTheOtherShareIsInTransit()
    {
        var report = After(
            new RoyaltyDistributed(F, Saga, 1_001, 3, [new RoyaltyShare(A, 2, 667), new RoyaltyShare(B, 1, 333)], 1, Now),
            new RoyaltyCredited(A, Saga, F, 667, Now));

        Assert.Equal((1_001L, 1L, -333L), (report.RoyaltyIncome, report.FundCash, report.InTransit));
        Assert.True(report.Agrees);
        Assert.False(report.Settled);
    }

    [Fact]
    public void GivenTradeWithFeesRecordedLegByLeg_WhenReconciled_ThenItAgreesThroughoutAndSettlesWithTheLastLeg()
    {
        // 12,000 × 10 with fees 180 (buyer) and 120 (seller): buyer −120,180, seller +119,880, fund +300.
        var trade = Guid.NewGuid();
        object[] legs =
        [
            new BuyOrderFilled(A, Order, trade, F, 12_000, 10, 180, Now),
            new SellOrderFilled(B, Guid.NewGuid(), trade, F, 12_000, 10, 120, Now),
            new UnitsTransferred(F, trade, B, A, 10, 12_000, 300, Now),
        ];

        var reports = Enumerable.Range(1, 3).Select(n => After(legs[..n])).ToList();

        Assert.Equal([-120_180L, -300L, 0L], reports.Select(r => r.InTransit));
        Assert.All(reports, r => Assert.True(r.Agrees));
        Assert.Equal([false, false, true], reports.Select(r => r.Settled));
        Assert.Equal(1_500_000, reports[^1].Left);
    }

    [Fact]
    public void GivenTheFundLegFirst_WhenReconciled_ThenFeesAreInTransitPositively()
    {
        var report = After(new UnitsTransferred(F, Saga, B, A, 10, 12_000, 300, Now));

        Assert.Equal((300L, true, false), (report.InTransit, report.Agrees, report.Settled));
    }

    [Fact]
    public void GivenOpenLegs_WhenStateRoundTripsThroughJson_ThenItReconcilesTheSame()
    {
        var state = Ledger.Fold([.. Funded, new UnitsIssued(F, Saga, A, 600_000, 60, 600_000, 10_000m, 0, 0, 10_000, Now)]);

        var copy = SnapshotJson.RoundTrip(state);

        Assert.Equal(new OpenLeg(SagaKind.Subscription, 600_000), copy.OpenLegs[Saga]);
        Assert.Equal((600_000L, 1), (copy.Totals.InTransit, copy.Totals.OpenSagas));
        Assert.Equal(Ledger.Reconcile(state), Ledger.Reconcile(copy));
    }

    [Fact]
    public void GivenManySagasOpenAtOnce_WhenTheySettleInAnotherOrder_ThenTotalsAndLegsAgreeWithTheFullFoldAtEveryStep()
    {
        var random = new Random(11);
        var opening = new List<object>();
        var closing = new List<object>();
        for (var i = 0; i < 300; i++)
        {
            var subscription = Guid.NewGuid();
            var cost = 1_000 + random.Next(9_000);
            opening.Add(new SubscriptionRequested(A, subscription, F, cost, Now));
            opening.Add(new UnitsIssued(F, subscription, A, cost, 1, cost, 10_000m, 0, 0, 10_000, Now));
            closing.Add(new SubscriptionSettled(A, subscription, F, cost, 1, cost, Now));
        }

        for (var i = 0; i < 100; i++)
        {
            var trade = Guid.NewGuid();
            opening.Add(new BuyOrderFilled(A, Guid.NewGuid(), trade, F, 100, 3, 2, Now));
            closing.Add(new SellOrderFilled(B, Guid.NewGuid(), trade, F, 100, 3, 1, Now));
            closing.Add(new UnitsTransferred(F, trade, B, A, 3, 100, 3, Now));
        }

        var royalty = Guid.NewGuid();
        opening.Add(new RoyaltyRecorded(F, royalty, 1_001, 3, 7, Now));
        closing.Add(new RoyaltyCredited(A, royalty, F, 667, Now));
        closing.Add(new RoyaltyCredited(B, royalty, F, 333, Now));
        closing.Add(new RoyaltyCompleted(F, royalty, 1_001, 1_000, 2, 1, Now));

        // The closing legs of each saga in any order among themselves and with the others'.
        object[] log = [.. Funded, .. opening, .. closing.OrderBy(_ => random.Next())];
        var full = Ledger.Initial;
        var (totals, legs) = (LedgerTotals.Zero, new Dictionary<Guid, OpenLeg>());
        var midway = 0;
        foreach (var @event in log)
        {
            full = Ledger.Apply(full, @event);
            totals = Advance(totals, legs, @event);
            Assert.Equal(full.Totals, totals);
            Assert.Equal(full.OpenLegs.Count, legs.Count);
            Assert.All(legs, leg => Assert.Equal(full.OpenLegs[leg.Key], leg.Value));
            Assert.Equal((full.OpenLegs.Values.Sum(l => l.Amount), full.OpenLegs.Count), (totals.InTransit, totals.OpenSagas));
            Assert.True(Ledger.Reconcile(full).Agrees);
            midway = Math.Max(midway, totals.OpenSagas);
        }

        Assert.Equal(401, midway);
        Assert.Empty(legs);
        Assert.Equal((0L, true), (Ledger.Reconcile(full).InTransit, Ledger.Reconcile(full).Settled));
    }
}
