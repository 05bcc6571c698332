using OkCow.Domain.Investors;
using OkCow.Domain.Positions;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Application.ReadModels.Portfolio;

public static class PortfolioProjection
{
    public static PortfolioView Apply(PortfolioView view, InvestorEvent @event) =>
        Traded(Positions(Cash(view, @event), @event), @event);

    private static PortfolioView Cash(PortfolioView view, InvestorEvent @event)
    {
        var (available, pending) = InvestorBalances.Cash(@event);
        return available == 0 && pending == 0
            ? view
            : view with { AvailableCash = view.AvailableCash + available, PendingCash = view.PendingCash + pending };
    }

    /// <summary>The domain's <see cref="Position.Apply"/> decides what each event does to a holding and its totals.</summary>
    private static PortfolioView Positions(PortfolioView view, InvestorEvent @event)
    {
        if (FundIdOf(@event) is not { } fundId)
        {
            return view;
        }

        var before = view.Holdings.GetValueOrDefault(fundId) ?? Position.Empty(fundId);
        var after = Position.Apply(before, @event);
        return after == before ? view : view with { Holdings = view.Holdings.SetItem(fundId, after) };
    }

    /// <summary>Trading value counts the gross amount of every fill, buy or sell (SPEC §3: B 120,000 and C 120,000).</summary>
    private static PortfolioView Traded(PortfolioView view, InvestorEvent @event) => @event switch
    {
        BuyOrderFilled e => view with { TradingValue = DailyTotal.Add(view.TradingValue, e.At, InvestorBalances.Gross(e.Price, e.Quantity)) },
        SellOrderFilled e => view with { TradingValue = DailyTotal.Add(view.TradingValue, e.At, InvestorBalances.Gross(e.Price, e.Quantity)) },
        _ => view,
    };

    private static Guid? FundIdOf(InvestorEvent @event) => @event switch
    {
        SubscriptionSettled e => e.FundId,
        RedemptionRequested e => e.FundId,
        RedemptionSettled e => e.FundId,
        RedemptionReleased e => e.FundId,
        OrderPlaced e => e.FundId,
        BuyOrderFilled e => e.FundId,
        SellOrderFilled e => e.FundId,
        OrderReleased e => e.FundId,
        RoyaltyCredited e => e.FundId,
        _ => null,
    };
}
