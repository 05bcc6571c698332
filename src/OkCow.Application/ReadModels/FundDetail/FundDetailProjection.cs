using OkCow.Domain.Funds;
using OkCow.Domain.Investors;
using OkCow.Domain.Markets;
using static OkCow.Domain.Funds.FundEvent;

namespace OkCow.Application.ReadModels.FundDetail;

public static class FundDetailProjection
{
    public static FundDetailView Apply(FundDetailView view, FundEvent @event) => @event switch
    {
        FundCreated e => view with { Created = true, Name = e.Name, BasePrice = e.BasePrice, CreatedAt = e.At },
        PropertyAcquired e => view with { Cash = view.Cash - e.Price, Properties = view.Properties.Add(PropertyView.From(e)) },
        UnitsIssued e => view with { Cash = view.Cash + e.Cost, UnitsOutstanding = view.UnitsOutstanding + e.Units },
        UnitsRedeemed e => view with { Cash = view.Cash - e.Proceeds, UnitsOutstanding = view.UnitsOutstanding - e.Units },
        RoyaltyDistributed e => view with { Cash = view.Cash + e.Retained },
        RoyaltyCompleted e => view with { Cash = view.Cash + e.Retained },
        UnitsTransferred e => view with { Cash = view.Cash + e.FeeIncome },
        _ => view,
    };

    /// <summary>The fund's trading value counts each trade once (SPEC §3: one trade of 120,000 gives F 120,000).</summary>
    public static FundDetailView Apply(FundDetailView view, OrderBookEvent @event) => @event switch
    {
        OrderBookEvent.TradeExecuted e => view with
        {
            LastTradePrice = e.Price,
            LastTradeAt = e.At,
            TradingValue = DailyTotal.Add(view.TradingValue, e.At, InvestorBalances.Gross(e.Price, e.Quantity)),
        },
        _ => view,
    };
}
