using OkCow.Application.Documents;
using OkCow.Application.ReadModels.InvestorList;
using OkCow.Application.ReadModels.InvestorProfile;
using OkCow.Application.ReadModels.Portfolio;
using OkCow.Application.Tests.Support;
using OkCow.Domain.Investors;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Application.Tests.ReadModels;

public sealed class PortfolioProjectionTests
{
    private static readonly Guid Investor = Guid.NewGuid();
    private static readonly Guid Fund = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = TestClock.Start;

    private static PortfolioView Fold(params InvestorEvent[] events) =>
        events.Aggregate(PortfolioView.Empty(Investor), PortfolioProjection.Apply);

    [Fact]
    public void Given_a_deposit_and_a_withdrawal_Then_available_cash_is_their_difference()
    {
        var view = Fold(new CashDeposited(Investor, 1_000, T0), new CashWithdrawn(Investor, 300, T0));

        Assert.Equal(700, view.AvailableCash);
        Assert.Equal(0, view.PendingCash);
    }

    [Fact]
    public void Given_a_settled_subscription_Then_the_cost_is_paid_and_the_rest_of_the_amount_is_available_again()
    {
        var subscription = Guid.NewGuid();
        var view = Fold(
            new CashDeposited(Investor, 600_000, T0),
            new SubscriptionRequested(Investor, subscription, Fund, 550_000, T0),
            new SubscriptionSettled(Investor, subscription, Fund, 550_000, 49, 539_000, T0));

        Assert.Equal(61_000, view.AvailableCash);
        Assert.Equal(0, view.PendingCash);
        Assert.Equal(49, view.Holdings[Fund].Units);
        Assert.Equal(539_000, view.Holdings[Fund].TotalPaid);
    }

    [Fact]
    public void Given_a_requested_subscription_Then_its_amount_is_pending()
    {
        var view = Fold(new CashDeposited(Investor, 600_000, T0), new SubscriptionRequested(Investor, Guid.NewGuid(), Fund, 550_000, T0));

        Assert.Equal(50_000, view.AvailableCash);
        Assert.Equal(550_000, view.PendingCash);
        Assert.Empty(view.Holdings);
    }

    [Fact]
    public void Given_a_buy_fill_with_a_fee_Then_paid_includes_the_fee_and_trading_value_counts_the_gross_amount()
    {
        var order = Guid.NewGuid();
        var view = Fold(
            new CashDeposited(Investor, 200_000, T0),
            new OrderPlaced(Investor, order, Fund, OrderSide.Buy, 12_000, 10, 120_120, 0.001m, 11_000, 7_700, 14_300, T0),
            new BuyOrderFilled(Investor, order, Guid.NewGuid(), Fund, 12_000, 10, 120, T0),
            new OrderReleased(Investor, order, Fund, 0, 0, "filled", T0));

        Assert.Equal(79_880, view.AvailableCash);
        Assert.Equal(0, view.PendingCash);
        Assert.Equal(10, view.Holdings[Fund].Units);
        Assert.Equal(120_120, view.Holdings[Fund].TotalPaid);
        Assert.Equal(new(Domain.Common.Kst.Day(T0), 120_000), view.TradingValue);
    }

    [Fact]
    public void Given_a_partly_filled_sell_then_a_cancel_Then_units_leave_and_the_rest_is_unlocked()
    {
        var subscription = Guid.NewGuid();
        var order = Guid.NewGuid();
        var view = Fold(
            new SubscriptionSettled(Investor, subscription, Fund, 550_000, 50, 550_000, T0),
            new OrderPlaced(Investor, order, Fund, OrderSide.Sell, 12_000, 20, 0, 0m, 11_000, 7_700, 14_300, T0),
            new SellOrderFilled(Investor, order, Guid.NewGuid(), Fund, 12_000, 10, 0, T0),
            new RoyaltyCredited(Investor, Guid.NewGuid(), Fund, 5_000, T0));

        Assert.Equal(40, view.Holdings[Fund].Units);
        Assert.Equal(10, view.Holdings[Fund].LockedUnits);
        Assert.Equal(125_000, view.Holdings[Fund].TotalReceived);
        Assert.Equal(5_000, view.Holdings[Fund].RoyaltiesReceived);

        var cancelled = PortfolioProjection.Apply(view, new OrderReleased(Investor, order, Fund, 0, 10, "cancelled", T0));
        Assert.Equal(0, cancelled.Holdings[Fund].LockedUnits);
    }

    [Fact]
    public void Given_fills_on_two_days_Then_trading_value_restarts_on_the_new_day()
    {
        var order = Guid.NewGuid();
        var view = Fold(
            new SellOrderFilled(Investor, order, Guid.NewGuid(), Fund, 10_000, 1, 0, T0),
            new SellOrderFilled(Investor, order, Guid.NewGuid(), Fund, 10_000, 2, 0, T0.AddDays(1)));

        Assert.Equal(20_000, view.TradingValue!.Value);
        Assert.Equal(Domain.Common.Kst.Day(T0.AddDays(1)), view.TradingValue.Day);
    }

    [Fact]
    public async Task Given_investor_events_delivered_twice_Then_profile_portfolio_and_list_count_them_once()
    {
        using var readSide = ReadSide.Create();
        var stream = OkCow.Application.Commands.Streams.Investor(Investor);
        await readSide.AppendAsync(stream, T0, new InvestorRegistered(Investor, "Ann", "ann", "secret-hash", T0), new CashDeposited(Investor, 1_000_000, T0));
        var batch = await readSide.ProjectAsync();
        await readSide.DispatchAsync(batch);
        await readSide.DispatchAsync([batch[1]]);

        var portfolio = await readSide.Queries.GetPortfolioAsync(Investor);
        var profile = await readSide.Queries.GetInvestorAsync(Investor);
        var page = await readSide.Queries.ListInvestorsAsync(0, 10);

        Assert.Equal(1_000_000, portfolio!.AvailableCash);
        Assert.Equal(new("Ann", "ann"), (profile!.Name, profile.LoginId));
        Assert.Equal(1_000_000, Assert.Single(page.Items).DepositBalance);
        var stored = await readSide.GetAsync<InvestorListItemView>(Containers.Directory, InvestorListItemView.Partition, Investor.ToString());
        Assert.Equal(1_000_000, stored!.AvailableCash);
        var profileDocument = await readSide.Store.Documents.GetAsync<System.Text.Json.JsonElement>(Containers.Investors, Investor.ToString(), InvestorProfileView.DocumentId);
        Assert.DoesNotContain("secret-hash", profileDocument!.Value.GetRawText(), StringComparison.Ordinal);
    }
}
