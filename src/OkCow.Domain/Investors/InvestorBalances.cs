using OkCow.Domain.Common;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Domain.Investors;

/// <summary>
/// How each investor event moves cash and units: the one definition behind <see cref="InvestorDecider.Evolve"/> and
/// every read model that shows an investor's balances, so the two cannot drift apart.
/// </summary>
public static class InvestorBalances
{
    /// <summary>The change of available and of pending cash.</summary>
    public static (long Available, long Pending) Cash(InvestorEvent @event) => @event switch
    {
        CashDeposited e => (e.Amount, 0),
        CashWithdrawn e => (-e.Amount, 0),
        SubscriptionRequested e => (-e.Amount, e.Amount),
        SubscriptionSettled e => (e.Amount - e.Cost, -e.Amount),
        SubscriptionReleased e => (e.Amount, -e.Amount),
        RedemptionSettled e => (e.Proceeds, 0),
        OrderPlaced { Side: OrderSide.Buy } e => (-e.ReservedCash, e.ReservedCash),
        BuyOrderFilled e => (0, -BuyCost(e)),
        SellOrderFilled e => (SellProceeds(e), 0),
        OrderReleased e => (e.ReleasedCash, -e.ReleasedCash),
        RoyaltyCredited e => (e.Amount, 0),
        _ => (0, 0),
    };

    /// <summary>The fund whose units the event moves, with the change of held and of locked units; null if none.</summary>
    public static (Guid FundId, long Units, long Locked)? Units(InvestorEvent @event) => @event switch
    {
        SubscriptionSettled e => (e.FundId, e.Units, 0),
        RedemptionRequested e => (e.FundId, 0, e.Units),
        RedemptionSettled e => (e.FundId, -e.Units, -e.Units),
        RedemptionReleased e => (e.FundId, 0, -e.Units),
        OrderPlaced { Side: OrderSide.Sell } e => (e.FundId, 0, e.Quantity),
        BuyOrderFilled e => (e.FundId, e.Quantity, 0),
        SellOrderFilled e => (e.FundId, -e.Quantity, -e.Quantity),
        OrderReleased { ReleasedUnits: not 0 } e => (e.FundId, 0, -e.ReleasedUnits),
        _ => null,
    };

    public static long Gross(long price, long quantity) => Money.MulDivFloor(price, quantity, 1);

    /// <summary>R19/R22: a buyer pays the amount and the fee.</summary>
    public static long BuyCost(BuyOrderFilled e) => checked(Gross(e.Price, e.Quantity) + e.Fee);

    /// <summary>R19/R22: a seller receives the amount net of the fee.</summary>
    public static long SellProceeds(SellOrderFilled e) => Gross(e.Price, e.Quantity) - e.Fee;

    /// <summary>The state with the event's cash and unit movements applied (reservations are the decider's business).</summary>
    public static InvestorState Apply(InvestorState state, InvestorEvent @event)
    {
        var (available, pending) = Cash(@event);
        var moved = state with { Available = state.Available + available, Pending = state.Pending + pending };
        if (Units(@event) is not var (fundId, units, locked))
        {
            return moved;
        }

        var holding = moved.HoldingOf(fundId);
        return moved.WithHolding(fundId, new Holding(holding.Units + units, holding.Locked + locked));
    }
}
