using OkCow.Domain.Investors;
using OkCow.Domain.Positions;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Domain.Tests.Positions;

public sealed class PositionTests
{
    private static readonly Guid F = Guid.Parse("f0000000-0000-0000-0000-000000000001");
    private static readonly Guid G = Guid.Parse("f0000000-0000-0000-0000-000000000002");
    private static readonly Guid A = Guid.Parse("a0000000-0000-0000-0000-00000000000a");
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 10, 0, 0, TimeSpan.FromHours(9));

    private static Position Fold(params InvestorEvent[] events) => Position.Fold(F, events);

    private static SubscriptionSettled Subscribed(long units, long cost, Guid? fund = null) =>
        new(A, Guid.NewGuid(), fund ?? F, cost, units, cost, Now);

    [Theory]
    [InlineData(20_001, 20_000, -0.0000)]
    [InlineData(20_000, 20_001, 0.0001)]
    [InlineData(20_000, 19_999, -0.0001)]
    [InlineData(30_000, 30_001, 0.0000)]
    public void GivenGainsOnTheFourthDecimalsMidpoint_WhenFigures_ThenRatesRoundHalfAwayFromZero(long paid, long navValue, double expected)
    {
        // One unit at NAV navValue: (navValue − paid) / paid; 1 / 20,000 = 0.00005 exactly, a midpoint.
        var figures = Fold(Subscribed(1, paid)).Figures(new FundQuote(navValue, 1, 10_000, null));

        Assert.Equal((decimal)expected, figures.ReturnRate);
    }

    [Fact]
    public void GivenFractionalNav_WhenFigures_ThenNavValueIsFlooredOnTheExactFraction()
    {
        // NAV = 1,000,001 / 100 = 10,000.01: 3 units are worth floor(30,000.03) = 30,000.
        var figures = Fold(Subscribed(3, 30_003)).Figures(new FundQuote(1_000_001, 100, 10_000, null));

        Assert.Equal(30_000, figures.NavValue);
        Assert.Equal(-0.0001m, figures.ReturnRate);
    }

    [Fact]
    public void GivenNeverTraded_WhenFigures_ThenValuationUsesNavRoundedDownToTheTick()
    {
        var quote = new FundQuote(1_234_567, 100, 10_000, null);

        Assert.Equal(12_300, quote.CurrentPrice);
        Assert.Equal(24_600, Fold(Subscribed(2, 24_692)).Figures(quote).Valuation);
    }

    [Fact]
    public void GivenTraded_WhenFigures_ThenValuationUsesTheLastTradePrice() =>
        Assert.Equal(26_000, Fold(Subscribed(2, 24_692)).Figures(new FundQuote(1_234_567, 100, 10_000, 13_000)).Valuation);

    [Fact]
    public void GivenNoUnitsOutstanding_WhenFigures_ThenNavIsTheBasePrice() =>
        Assert.Equal(10_000m, new FundQuote(5_000, 0, 10_000, null).Nav);

    [Fact]
    public void GivenTradesRedemptionAndRoyalty_WhenFolded_ThenPaidReceivedAndLockedFollowR22()
    {
        var buy = Guid.NewGuid();
        var sell = Guid.NewGuid();
        var redemption = Guid.NewGuid();
        var position = Fold(
            Subscribed(100, 1_000_000),
            new OrderPlaced(A, buy, F, OrderSide.Buy, 12_000, 5, 60_090, 0.0015m, 11_000, 7_700, 14_300, Now),
            new BuyOrderFilled(A, buy, Guid.NewGuid(), F, 12_000, 5, 90, Now),
            new OrderPlaced(A, sell, F, OrderSide.Sell, 12_500, 30, 0, 0.001m, 11_000, 7_700, 14_300, Now),
            new SellOrderFilled(A, sell, Guid.NewGuid(), F, 12_500, 10, 125, Now),
            new OrderReleased(A, sell, F, 0, 15, "cancelled", Now),
            new RedemptionRequested(A, redemption, F, 20, Now),
            new RoyaltyCredited(A, Guid.NewGuid(), F, 7_000, Now),
            new RoyaltyCredited(A, Guid.NewGuid(), G, 99_999, Now),
            Subscribed(1_000, 9_999_999, G));

        Assert.Equal(new Position(F, 95, 25, 7_000, 1_060_090, 131_875), position);

        var settled = Position.Apply(position, new RedemptionSettled(A, redemption, F, 20, 210_000, Now));
        Assert.Equal(new Position(F, 75, 5, 7_000, 1_060_090, 341_875), settled);
    }

    [Fact]
    public void GivenRedemptionReleased_WhenFolded_ThenUnitsAreNoLongerLocked()
    {
        var redemption = Guid.NewGuid();

        var position = Fold(
            Subscribed(10, 100_000),
            new RedemptionRequested(A, redemption, F, 4, Now),
            new RedemptionReleased(A, redemption, F, 4, "FUND_ILLIQUID", Now));

        Assert.Equal((10L, 0L), (position.Units, position.LockedUnits));
    }

    [Fact]
    public void GivenNothingPaid_WhenFigures_ThenRatesAreUndefined()
    {
        var figures = Position.Empty(F).Figures(new FundQuote(0, 0, 10_000, null));

        Assert.Null(figures.ReturnRate);
        Assert.Null(figures.MarketReturnRate);
    }
}
