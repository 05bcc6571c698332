using OkCow.Domain.Common;
using OkCow.Domain.Investors;
using static OkCow.Domain.Investors.InvestorCommand;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Domain.Tests.Investors;

public partial class InvestorTests
{
    private static SettleTrade Trade(long quantity, long fee = 0, bool filled = false, Guid? tradeId = null, long price = 12_000) =>
        new(InvestorId, OrderId, tradeId ?? TradeId, price, quantity, fee, filled, Now);

    [Fact]
    public void GivenBuyOrderOpen_WhenSettlePartOfIt_ThenBuyOrderFilled() =>
        Spec()
            .Given(Registered, Deposited(200_000), BuyPlaced(12_000, 10))
            .When(Trade(4))
            .Then(new BuyOrderFilled(InvestorId, OrderId, TradeId, FundId, 12_000, 4, 0, Now));

    [Fact]
    public void GivenBuyOrderOpen_WhenSettlePartOfIt_ThenPendingPaysAndUnitsArrive()
    {
        var state = Spec().Given(Registered, Deposited(200_000), BuyPlaced(12_000, 10)).When(Trade(4)).ThenState();

        Assert.Equal(80_000, state.Available);
        Assert.Equal(72_000, state.Pending);
        Assert.Equal(new Holding(4, 0), state.HoldingOf(FundId));
        AssertOpenOrder(new OpenOrder(FundId, OrderSide.Buy, 12_000, 10, 6, 72_000, 0m), state.Orders[OrderId]);
    }

    [Fact]
    public void GivenBuyOrderOpen_WhenSettleAllOfItWithoutLeftover_ThenOnlyFilledAndOrderIsGone()
    {
        var spec = Spec().Given(Registered, Deposited(200_000), BuyPlaced(12_000, 10)).When(Trade(10, filled: true));

        spec.Then(new BuyOrderFilled(InvestorId, OrderId, TradeId, FundId, 12_000, 10, 0, Now));
        var state = spec.ThenState();
        Assert.Empty(state.Orders);
        Assert.Equal(0, state.Pending);
        Assert.Equal(80_000, state.Available);
        Assert.Equal(10, state.HoldingOf(FundId).Units);
    }

    [Fact]
    public void GivenBuyWithFeeFilledInTwoTrades_WhenLastTradeSettles_ThenTruncatedFeeLeftoverIsReleased()
    {
        // Reserved 84,700 + floor(127.05) = 84,827; fills pay floor(54.45) = 54 and floor(72.6) = 72, leaving 1.
        var spec = Spec()
            .Given(
                Registered,
                Deposited(100_000),
                BuyPlaced(12_100, 7, 0.0015m),
                new BuyOrderFilled(InvestorId, OrderId, TradeId, FundId, 12_100, 3, 54, Now))
            .When(Trade(4, 72, filled: true, tradeId: SecondTradeId, price: 12_100));

        spec.Then(
            new BuyOrderFilled(InvestorId, OrderId, SecondTradeId, FundId, 12_100, 4, 72, Now),
            new OrderReleased(InvestorId, OrderId, FundId, 1, 0, "filled", Now));
        var state = spec.ThenState();
        Assert.Equal(100_000 - 84_826, state.Available);
        Assert.Equal(0, state.Pending);
        Assert.Equal(7, state.HoldingOf(FundId).Units);
        Assert.Empty(state.Orders);
    }

    [Fact]
    public void GivenBuyOrderOpen_WhenBookReportsItFilledEarly_ThenRestOfReservationIsReleased() =>
        Spec()
            .Given(Registered, Deposited(200_000), BuyPlaced(12_000, 10))
            .When(Trade(4, filled: true))
            .Then(
                new BuyOrderFilled(InvestorId, OrderId, TradeId, FundId, 12_000, 4, 0, Now),
                new OrderReleased(InvestorId, OrderId, FundId, 72_000, 0, "filled", Now));

    [Fact]
    public void GivenOrderFilledAndGone_WhenSettleLastTradeAgain_ThenNothing() =>
        Spec()
            .Given(Registered, Deposited(200_000), BuyPlaced(12_000, 10), new BuyOrderFilled(InvestorId, OrderId, TradeId, FundId, 12_000, 10, 0, Now))
            .When(Trade(10, filled: true))
            .ThenNothing();

    [Fact]
    public void GivenNoOrder_WhenSettleTrade_ThenNothing() =>
        Spec().Given(Registered, Deposited(200_000)).When(Trade(4)).ThenNothing();

    [Fact]
    public void GivenSellOrderOpen_WhenSettlePartOfIt_ThenSellOrderFilled() =>
        Spec()
            .Given([Registered, .. Holds(40), SellPlaced(12_000, 20)])
            .When(Trade(10, 180))
            .Then(new SellOrderFilled(InvestorId, OrderId, TradeId, FundId, 12_000, 10, 180, Now));

    [Fact]
    public void GivenSellOrderOpen_WhenSettlePartOfIt_ThenUnitsLeaveAndNetProceedsArrive()
    {
        var state = Spec().Given([Registered, .. Holds(40), SellPlaced(12_000, 20)]).When(Trade(10, 180)).ThenState();

        Assert.Equal(new Holding(30, 10), state.HoldingOf(FundId));
        Assert.Equal(119_820, state.Available);
        Assert.Equal(0, state.Pending);
        AssertOpenOrder(new OpenOrder(FundId, OrderSide.Sell, 12_000, 20, 10, 0, 0m), state.Orders[OrderId]);
    }

    [Fact]
    public void GivenSellOrderOpen_WhenSettleAllOfIt_ThenOnlyFilledAndOrderIsGone()
    {
        var spec = Spec().Given([Registered, .. Holds(40), SellPlaced(12_000, 20)]).When(Trade(20, filled: true));

        spec.Then(new SellOrderFilled(InvestorId, OrderId, TradeId, FundId, 12_000, 20, 0, Now));
        var state = spec.ThenState();
        Assert.Empty(state.Orders);
        Assert.Equal(new Holding(20, 0), state.HoldingOf(FundId));
        Assert.Equal(240_000, state.Available);
    }

    [Fact]
    public void GivenSellOrderOpen_WhenBookReportsItFilledEarly_ThenRemainingUnitsAreUnlocked() =>
        Spec()
            .Given([Registered, .. Holds(40), SellPlaced(12_000, 20)])
            .When(Trade(5, filled: true))
            .Then(
                new SellOrderFilled(InvestorId, OrderId, TradeId, FundId, 12_000, 5, 0, Now),
                new OrderReleased(InvestorId, OrderId, FundId, 0, 15, "filled", Now));

    [Theory]
    [InlineData(11, 0, 12_000)]
    [InlineData(0, 0, 12_000)]
    [InlineData(5, -1, 12_000)]
    [InlineData(5, 0, 12_100)]
    [InlineData(10, 1, 12_000)]
    [InlineData(4, long.MaxValue, 12_000)]
    public void GivenBuyOrderOpen_WhenTradeDoesNotFitTheOrder_ThenValidationFailed(long quantity, long fee, long price) =>
        Spec()
            .Given(Registered, Deposited(200_000), BuyPlaced(12_000, 10))
            .When(Trade(quantity, fee, price: price))
            .ThenFails(ErrorCodes.ValidationFailed);

    [Fact]
    public void GivenSellOrderOpen_WhenFeeExceedsTradeAmount_ThenValidationFailed() =>
        Spec()
            .Given([Registered, .. Holds(40), SellPlaced(12_000, 20)])
            .When(Trade(1, 12_001))
            .ThenFails(ErrorCodes.ValidationFailed);
}
