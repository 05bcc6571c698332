using OkCow.Domain.Common;
using OkCow.Domain.Investors;
using static OkCow.Domain.Investors.InvestorCommand;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Domain.Tests.Investors;

public partial class InvestorTests
{
    [Fact]
    public void GivenBuyOrderOpen_WhenReleaseOrder_ThenReservedCashIsReleased() =>
        Spec()
            .Given(Registered, Deposited(173_000), BuyPlaced(12_100, 10))
            .When(new ReleaseOrder(InvestorId, OrderId, "cancelled", Now))
            .Then(new OrderReleased(InvestorId, OrderId, FundId, 121_000, 0, "cancelled", Now));

    [Fact]
    public void GivenBuyOrderOpen_WhenReleaseOrder_ThenPendingReturnsToAvailableAndOrderIsGone()
    {
        var state = Spec()
            .Given(Registered, Deposited(173_000), BuyPlaced(12_100, 10))
            .When(new ReleaseOrder(InvestorId, OrderId, "cancelled", Now))
            .ThenState();

        Assert.Equal(173_000, state.Available);
        Assert.Equal(0, state.Pending);
        Assert.Empty(state.Orders);
    }

    [Fact]
    public void GivenBuyOrderPartlyFilled_WhenReleaseOrder_ThenOnlyWhatIsLeftIsReleased()
    {
        var spec = Spec()
            .Given(Registered, Deposited(200_000), BuyPlaced(12_000, 10, 0.0015m), new BuyOrderFilled(InvestorId, OrderId, TradeId, FundId, 12_000, 4, 72, Now))
            .When(new ReleaseOrder(InvestorId, OrderId, "cancelled", Now));

        // Reserved 120,180; the fill used 48,072.
        spec.Then(new OrderReleased(InvestorId, OrderId, FundId, 72_108, 0, "cancelled", Now));
        var state = spec.ThenState();
        Assert.Equal(200_000 - 48_072, state.Available);
        Assert.Equal(0, state.Pending);
        Assert.Equal(4, state.HoldingOf(FundId).Units);
    }

    [Fact]
    public void GivenSellOrderPartlyFilled_WhenReleaseOrder_ThenRemainingUnitsAreUnlocked()
    {
        var spec = Spec()
            .Given([Registered, .. Holds(40), SellPlaced(12_000, 20), new SellOrderFilled(InvestorId, OrderId, TradeId, FundId, 12_000, 10, 0, Now)])
            .When(new ReleaseOrder(InvestorId, OrderId, ErrorCodes.MarketHalted, Now));

        spec.Then(new OrderReleased(InvestorId, OrderId, FundId, 0, 10, ErrorCodes.MarketHalted, Now));
        var state = spec.ThenState();
        Assert.Equal(new Holding(30, 0), state.HoldingOf(FundId));
        Assert.Equal(120_000, state.Available);
        Assert.Empty(state.Orders);
    }

    [Fact]
    public void GivenOrderReleased_WhenReleaseAgain_ThenNothing() =>
        Spec()
            .Given(Registered, Deposited(173_000), BuyPlaced(12_100, 10), new OrderReleased(InvestorId, OrderId, FundId, 121_000, 0, "cancelled", Now))
            .When(new ReleaseOrder(InvestorId, OrderId, "cancelled", Now))
            .ThenNothing();

    [Fact]
    public void GivenNoOrder_WhenReleaseOrder_ThenNothing() =>
        Spec().Given(Registered, Deposited(173_000)).When(new ReleaseOrder(InvestorId, OrderId, "cancelled", Now)).ThenNothing();
}
