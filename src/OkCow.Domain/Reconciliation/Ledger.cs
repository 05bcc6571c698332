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

/// <summary>
/// R24 folded over the events of every investor and fund stream (order books and the MCPI move no cash). Cash only
/// enters or leaves through deposits, withdrawals, royalty income and property purchases; every other movement is a
/// saga between two streams, keyed here by its saga id (subscription, redemption, royalty or trade id).
/// </summary>
public sealed record LedgerState(
    long InvestorCash,
    long FundCash,
    long Deposits,
    long Withdrawals,
    long RoyaltyIncome,
    long PropertyPurchases,
    ImmutableDictionary<Guid, OpenLeg> OpenLegs)
{
    public static LedgerState Empty { get; } = new(0, 0, 0, 0, 0, 0, ImmutableDictionary<Guid, OpenLeg>.Empty);
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

public static class Ledger
{
    public static LedgerState Initial => LedgerState.Empty;

    /// <summary>Folds an event of any stream; events that move no cash leave the ledger as it is.</summary>
    public static LedgerState Apply(LedgerState ledger, object @event) => @event switch
    {
        InvestorEvent investor => Apply(ledger, investor),
        FundEvent fund => Apply(ledger, fund),
        _ => ledger,
    };

    public static LedgerState Apply(LedgerState ledger, InvestorEvent @event) => @event switch
    {
        CashDeposited e => ledger with { InvestorCash = ledger.InvestorCash + e.Amount, Deposits = ledger.Deposits + e.Amount },
        CashWithdrawn e => ledger with { InvestorCash = ledger.InvestorCash - e.Amount, Withdrawals = ledger.Withdrawals + e.Amount },
        SubscriptionSettled e => Investor(ledger, SagaKind.Subscription, e.SubscriptionId, -e.Cost),
        RedemptionSettled e => Investor(ledger, SagaKind.Redemption, e.RedemptionId, e.Proceeds),
        BuyOrderFilled e => Investor(ledger, SagaKind.Trade, e.TradeId, -(checked(e.Price * e.Quantity) + e.Fee)),
        SellOrderFilled e => Investor(ledger, SagaKind.Trade, e.TradeId, checked(e.Price * e.Quantity) - e.Fee),
        RoyaltyCredited e => Investor(ledger, SagaKind.Royalty, e.RoyaltyId, e.Amount),

        // Reservations and their releases move cash between available and pending: the deposit balance stays.
        _ => ledger,
    };

    public static LedgerState Apply(LedgerState ledger, FundEvent @event) => @event switch
    {
        PropertyAcquired e => ledger with { FundCash = ledger.FundCash - e.Price, PropertyPurchases = ledger.PropertyPurchases + e.Price },
        UnitsIssued e => Fund(ledger, SagaKind.Subscription, e.SubscriptionId, e.Cost),
        UnitsRedeemed e => Fund(ledger, SagaKind.Redemption, e.RedemptionId, -e.Proceeds),

        // The whole royalty enters the fund from outside (left and right both grow by it); the holders' shares leave
        // the fund at once and are in transit until each holder's stream credits its own.
        RoyaltyDistributed e => Leg(
            ledger with { FundCash = ledger.FundCash + e.Retained, RoyaltyIncome = ledger.RoyaltyIncome + e.Amount },
            SagaKind.Royalty,
            e.RoyaltyId,
            e.Retained - e.Amount),
        UnitsTransferred e => Fund(ledger, SagaKind.Trade, e.TradeId, e.FeeIncome),

        // Paged royalties (R14 amended): the whole income enters at once and is in transit, owed to holders, until
        // each holder's stream credits its share and the completion retains the remainder in fund cash.
        RoyaltyRecorded e => Leg(ledger with { RoyaltyIncome = ledger.RoyaltyIncome + e.Amount }, SagaKind.Royalty, e.RoyaltyId, -e.Amount),
        RoyaltyCompleted e => Fund(ledger, SagaKind.Royalty, e.RoyaltyId, e.Retained),
        _ => ledger,
    };

    public static LedgerState Fold(IEnumerable<object> events) => events.Aggregate(Initial, Apply);

    public static ReconciliationReport Reconcile(LedgerState ledger)
    {
        var left = ledger.InvestorCash + ledger.FundCash;
        var right = ledger.Deposits - ledger.Withdrawals + ledger.RoyaltyIncome - ledger.PropertyPurchases;
        var inTransit = ledger.OpenLegs.Values.Sum(leg => leg.Amount);
        return new ReconciliationReport(
            ledger.InvestorCash,
            ledger.FundCash,
            left,
            ledger.Deposits,
            ledger.Withdrawals,
            ledger.RoyaltyIncome,
            ledger.PropertyPurchases,
            right,
            inTransit,
            ledger.OpenLegs.Count,
            left - inTransit == right,
            ledger.OpenLegs.IsEmpty);
    }

    private static LedgerState Investor(LedgerState ledger, SagaKind kind, Guid sagaId, long amount) =>
        Leg(ledger with { InvestorCash = ledger.InvestorCash + amount }, kind, sagaId, amount);

    private static LedgerState Fund(LedgerState ledger, SagaKind kind, Guid sagaId, long amount) =>
        Leg(ledger with { FundCash = ledger.FundCash + amount }, kind, sagaId, amount);

    private static LedgerState Leg(LedgerState ledger, SagaKind kind, Guid sagaId, long amount)
    {
        var open = ledger.OpenLegs.GetValueOrDefault(sagaId)?.Amount ?? 0;
        var after = open + amount;

        // A saga whose legs net to zero has nothing in transit: every stream it touches has recorded its part.
        return ledger with
        {
            OpenLegs = after == 0 ? ledger.OpenLegs.Remove(sagaId) : ledger.OpenLegs.SetItem(sagaId, new OpenLeg(kind, after)),
        };
    }
}
