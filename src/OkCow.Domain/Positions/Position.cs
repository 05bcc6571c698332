using OkCow.Domain.Common;
using OkCow.Domain.Funds;
using OkCow.Domain.Investors;
using OkCow.Domain.Markets;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Domain.Positions;

/// <summary>
/// What R22–R23 need to know of a fund at one instant. NAV stays the exact fraction
/// <see cref="NetAssets"/> / <see cref="UnitsOutstanding"/> (or the base price while none), so a NAV value is rounded once.
/// </summary>
public sealed record FundQuote(long NetAssets, long UnitsOutstanding, long BasePrice, long? LastTradePrice)
{
    public static FundQuote Of(FundState fund, long mcpi, OrderBookState book) =>
        new(FundDecider.NetAssets(fund, mcpi), fund.UnitsOutstanding, fund.BasePrice, OrderBookDecider.CurrentPrice(book));

    public decimal Nav => UnitsOutstanding == 0 ? BasePrice : (decimal)NetAssets / UnitsOutstanding;

    /// <summary>R22: the last trade price, or NAV rounded down to the tick while the fund has never traded.</summary>
    public long CurrentPrice => LastTradePrice ?? PriceBand.ReferenceFromNav(Nav);

    /// <summary>R22: floor(units × NAV), computed on the exact fraction.</summary>
    public long NavValueOf(long units) =>
        UnitsOutstanding == 0 ? checked(units * BasePrice) : Money.MulDivFloor(units, NetAssets, UnitsOutstanding);
}

/// <summary>The figures of one holding at one instant (R22–R23). Rates are null while nothing has been paid.</summary>
public sealed record PositionFigures(
    long Units,
    long LockedUnits,
    long NavValue,
    long Valuation,
    long RoyaltiesReceived,
    long TotalPaid,
    long TotalReceived,
    decimal? ReturnRate,
    decimal? MarketReturnRate);

/// <summary>
/// One investor's position in one fund, folded from the investor's own stream: every figure R22 names comes from
/// events the investor's stream records, so a position is rebuilt from a single partition.
/// </summary>
public sealed record Position(
    Guid FundId,
    long Units,
    long LockedUnits,
    long RoyaltiesReceived,
    long TotalPaid,
    long TotalReceived)
{
    public static Position Empty(Guid fundId) => new(fundId, 0, 0, 0, 0, 0);

    /// <summary>Folds an event of the investor's stream; events of other funds leave the position as it is.</summary>
    public static Position Apply(Position position, InvestorEvent @event) => @event switch
    {
        SubscriptionSettled e when e.FundId == position.FundId => position with
        {
            Units = position.Units + e.Units,
            TotalPaid = position.TotalPaid + e.Cost,
        },
        RedemptionRequested e when e.FundId == position.FundId => position with { LockedUnits = position.LockedUnits + e.Units },
        RedemptionReleased e when e.FundId == position.FundId => position with { LockedUnits = position.LockedUnits - e.Units },
        RedemptionSettled e when e.FundId == position.FundId => position with
        {
            Units = position.Units - e.Units,
            LockedUnits = position.LockedUnits - e.Units,
            TotalReceived = position.TotalReceived + e.Proceeds,
        },
        OrderPlaced { Side: OrderSide.Sell } e when e.FundId == position.FundId => position with
        {
            LockedUnits = position.LockedUnits + e.Quantity,
        },
        OrderReleased e when e.FundId == position.FundId => position with { LockedUnits = position.LockedUnits - e.ReleasedUnits },
        BuyOrderFilled e when e.FundId == position.FundId => position with
        {
            Units = position.Units + e.Quantity,
            TotalPaid = position.TotalPaid + checked(e.Price * e.Quantity) + e.Fee,
        },
        SellOrderFilled e when e.FundId == position.FundId => position with
        {
            Units = position.Units - e.Quantity,
            LockedUnits = position.LockedUnits - e.Quantity,
            TotalReceived = position.TotalReceived + checked(e.Price * e.Quantity) - e.Fee,
        },
        RoyaltyCredited e when e.FundId == position.FundId => position with
        {
            RoyaltiesReceived = position.RoyaltiesReceived + e.Amount,
            TotalReceived = position.TotalReceived + e.Amount,
        },
        _ => position,
    };

    public static Position Fold(Guid fundId, IEnumerable<InvestorEvent> events) => events.Aggregate(Empty(fundId), Apply);

    /// <summary>
    /// R23: (value + total received − total paid) / total paid to four decimals, halves away from zero; with the NAV
    /// value for the return rate and the valuation (units × current price) for the market return rate.
    /// </summary>
    public PositionFigures Figures(FundQuote quote)
    {
        var navValue = quote.NavValueOf(Units);
        var valuation = checked(Units * quote.CurrentPrice);
        return new PositionFigures(
            Units,
            LockedUnits,
            navValue,
            valuation,
            RoyaltiesReceived,
            TotalPaid,
            TotalReceived,
            Rate(navValue),
            Rate(valuation));
    }

    private decimal? Rate(long value) =>
        TotalPaid == 0
            ? null
            : Math.Round((decimal)(value + TotalReceived - TotalPaid) / TotalPaid, 4, MidpointRounding.AwayFromZero);
}
