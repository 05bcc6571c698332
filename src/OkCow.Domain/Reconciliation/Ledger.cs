using System.Collections.Immutable;
using OkCow.Domain.Funds;
using OkCow.Domain.Investors;
using static OkCow.Domain.Funds.FundEvent;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Domain.Reconciliation;

/// <summary>The saga a cross-stream cash movement belongs to.</summary>
public enum SagaKind
{
    Subscription,
    Redemption,
    Royalty,
    Trade,
}

/// <summary>
/// Cash one stream of a saga recorded that its other streams have not yet: the signed sum of every leg recorded so far
/// (positive while the receiving side is ahead, negative while the paying side is ahead). It nets to zero once all legs
/// are recorded.
/// </summary>
public sealed record OpenLeg(SagaKind Kind, long Amount);

/// <summary>A move of one saga's open leg: the signed cash an event records on one of the saga's streams.</summary>
public sealed record LegMove(Guid SagaId, SagaKind Kind, long Amount);

/// <summary>
/// R24's fixed-size figures: the cash sums, and what is in transit between the streams of open sagas (the sum of
/// their legs) with how many sagas are open. Its size does not depend on how many sagas are in flight.
/// </summary>
public sealed record LedgerTotals(
    long InvestorCash,
    long FundCash,
    long Deposits,
    long Withdrawals,
    long RoyaltyIncome,
    long PropertyPurchases,
    long InTransit,
    int OpenSagas)
{
    public static LedgerTotals Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);
}

/// <summary>What one event does to the ledger: the totals with its cash moved (legs not yet counted), and its leg move, if any.</summary>
public readonly record struct LedgerStep(LedgerTotals Totals, LegMove? Move);

/// <summary>
/// R24 folded over the events of every investor and fund stream (order books and the MCPI move no cash), with every
/// open leg in memory. Cash only enters or leaves through deposits, withdrawals, royalty income and property
/// purchases; every other movement is a saga between two streams, keyed here by its saga id (subscription,
/// redemption, royalty or trade id).
/// </summary>
public sealed record LedgerState(LedgerTotals Totals, ImmutableDictionary<Guid, OpenLeg> OpenLegs)
{
    public static LedgerState Empty { get; } = new(LedgerTotals.Zero, ImmutableDictionary<Guid, OpenLeg>.Empty);
}

/// <summary>
/// The two sides of R24 and what reconciles them: <c>Left − InTransit == Right</c> at every instant, and
/// <c>InTransit == 0</c> once every saga has settled.
/// </summary>
public sealed record ReconciliationReport(
    long InvestorCash,
    long FundCash,
    long Left,
    long Deposits,
    long Withdrawals,
    long RoyaltyIncome,
    long PropertyPurchases,
    long Right,
    long InTransit,
    int OpenSagas,
    bool Agrees,
    bool Settled);

/// <summary>
/// How each event moves cash, once: <see cref="Step(LedgerTotals, object)"/> moves the cash sums and names the leg the
/// event moves; <see cref="Settle"/> adds that move to the leg as it stood. The full fold keeps the legs in memory; the
/// running totals keep each in a document of its own. Both reconcile with <see cref="Reconcile(LedgerTotals)"/>.
/// </summary>
public static class Ledger
{
    public static LedgerState Initial => LedgerState.Empty;

    /// <summary>Folds an event of any stream; events that move no cash leave the ledger as it is.</summary>
    public static LedgerState Apply(LedgerState ledger, object @event)
    {
        var (totals, move) = Step(ledger.Totals, @event);
        if (move is null)
        {
            return ReferenceEquals(totals, ledger.Totals) ? ledger : ledger with { Totals = totals };
        }

        var (settled, leg) = Settle(totals, ledger.OpenLegs.GetValueOrDefault(move.SagaId), move);
        return new LedgerState(settled, leg is null ? ledger.OpenLegs.Remove(move.SagaId) : ledger.OpenLegs.SetItem(move.SagaId, leg));
    }

    /// <summary>The cash an event of any stream moves, and the saga leg it moves (none for deposits, withdrawals, purchases).</summary>
    public static LedgerStep Step(LedgerTotals totals, object @event) => @event switch
    {
        InvestorEvent investor => Step(totals, investor),
        FundEvent fund => Step(totals, fund),
        _ => new LedgerStep(totals, null),
    };

    public static LedgerStep Step(LedgerTotals totals, InvestorEvent @event) => @event switch
    {
        CashDeposited e => new(totals with { InvestorCash = totals.InvestorCash + e.Amount, Deposits = totals.Deposits + e.Amount }, null),
        CashWithdrawn e => new(totals with { InvestorCash = totals.InvestorCash - e.Amount, Withdrawals = totals.Withdrawals + e.Amount }, null),
        SubscriptionSettled e => Investor(totals, SagaKind.Subscription, e.SubscriptionId, -e.Cost),
        RedemptionSettled e => Investor(totals, SagaKind.Redemption, e.RedemptionId, e.Proceeds),
        BuyOrderFilled e => Investor(totals, SagaKind.Trade, e.TradeId, -(checked(e.Price * e.Quantity) + e.Fee)),
        SellOrderFilled e => Investor(totals, SagaKind.Trade, e.TradeId, checked(e.Price * e.Quantity) - e.Fee),
        RoyaltyCredited e => Investor(totals, SagaKind.Royalty, e.RoyaltyId, e.Amount),

        // Reservations and their releases move cash between available and pending: the deposit balance stays.
        _ => new(totals, null),
    };

    public static LedgerStep Step(LedgerTotals totals, FundEvent @event) => @event switch
    {
        PropertyAcquired e => new(totals with { FundCash = totals.FundCash - e.Price, PropertyPurchases = totals.PropertyPurchases + e.Price }, null),
        UnitsIssued e => Fund(totals, SagaKind.Subscription, e.SubscriptionId, e.Cost),
        UnitsRedeemed e => Fund(totals, SagaKind.Redemption, e.RedemptionId, -e.Proceeds),

        // The whole royalty enters the fund from outside (left and right both grow by it); the holders' shares leave
        // the fund at once and are in transit until each holder's stream credits its own.
        RoyaltyDistributed e => new(
            totals with { FundCash = totals.FundCash + e.Retained, RoyaltyIncome = totals.RoyaltyIncome + e.Amount },
            new LegMove(e.RoyaltyId, SagaKind.Royalty, e.Retained - e.Amount)),
        UnitsTransferred e => Fund(totals, SagaKind.Trade, e.TradeId, e.FeeIncome),

        // Paged royalties (R14 amended): the whole income enters at once and is in transit, owed to holders, until
        // each holder's stream credits its share and the completion retains the remainder in fund cash.
        RoyaltyRecorded e => new(totals with { RoyaltyIncome = totals.RoyaltyIncome + e.Amount }, new LegMove(e.RoyaltyId, SagaKind.Royalty, -e.Amount)),
        RoyaltyCompleted e => Fund(totals, SagaKind.Royalty, e.RoyaltyId, e.Retained),
        _ => new(totals, null),
    };

    /// <summary>
    /// Adds a leg move to the saga's open leg (null: none open): the leg after it, null once it nets to zero (every
    /// stream the saga touches has recorded its part), and the totals with what is in transit and how many sagas are
    /// open brought up to date.
    /// </summary>
    public static (LedgerTotals Totals, OpenLeg? Leg) Settle(LedgerTotals totals, OpenLeg? open, LegMove move)
    {
        var after = checked((open?.Amount ?? 0) + move.Amount);
        var leg = after == 0 ? null : new OpenLeg(move.Kind, after);
        var opened = (open, leg) switch
        {
            (null, not null) => 1,
            (not null, null) => -1,
            _ => 0,
        };
        return (totals with { InTransit = checked(totals.InTransit + move.Amount), OpenSagas = totals.OpenSagas + opened }, leg);
    }

    public static LedgerState Fold(IEnumerable<object> events) => events.Aggregate(Initial, Apply);

    public static ReconciliationReport Reconcile(LedgerState ledger) => Reconcile(ledger.Totals);

    public static ReconciliationReport Reconcile(LedgerTotals ledger)
    {
        var left = ledger.InvestorCash + ledger.FundCash;
        var right = ledger.Deposits - ledger.Withdrawals + ledger.RoyaltyIncome - ledger.PropertyPurchases;
        return new ReconciliationReport(
            ledger.InvestorCash,
            ledger.FundCash,
            left,
            ledger.Deposits,
            ledger.Withdrawals,
            ledger.RoyaltyIncome,
            ledger.PropertyPurchases,
            right,
            ledger.InTransit,
            ledger.OpenSagas,
            left - ledger.InTransit == right,
            ledger.OpenSagas == 0);
    }

    private static LedgerStep Investor(LedgerTotals totals, SagaKind kind, Guid sagaId, long amount) =>
        new(totals with { InvestorCash = totals.InvestorCash + amount }, new LegMove(sagaId, kind, amount));

    private static LedgerStep Fund(LedgerTotals totals, SagaKind kind, Guid sagaId, long amount) =>
        new(totals with { FundCash = totals.FundCash + amount }, new LegMove(sagaId, kind, amount));
}
