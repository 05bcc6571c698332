using OkCow.Domain.Common;
using OkCow.Domain.Investors;
using static OkCow.Domain.Investors.InvestorCommand;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Domain.Tests.Investors;

public partial class InvestorTests
{
    private static readonly MarketConditions HaltedMarket = OpenMarket with { Halted = true };

    private static PlaceOrder Buy(long price, long quantity, decimal feeRate = 0m, MarketConditions? market = null) =>
        new(InvestorId, OrderId, FundId, OrderSide.Buy, price, quantity, feeRate, market ?? OpenMarket, Now);

    private static PlaceOrder Sell(long price, long quantity, decimal feeRate = 0m, MarketConditions? market = null) =>
        new(InvestorId, OrderId, FundId, OrderSide.Sell, price, quantity, feeRate, market ?? OpenMarket, Now);

    [Fact]
    public void GivenAvailableCash_WhenPlaceBuy_ThenOrderPlacedRecordsReservationAndBand() =>
        Spec()
            .Given(Registered, Deposited(173_000))
            .When(Buy(12_100, 10))
            .Then(new OrderPlaced(InvestorId, OrderId, FundId, OrderSide.Buy, 12_100, 10, 121_000, 0m, 11_000, 7_700, 14_300, Now));

    [Fact]
    public void GivenAvailableCash_WhenPlaceBuy_ThenReservedCashMovesToPending()
    {
        var state = Spec().Given(Registered, Deposited(173_000)).When(Buy(12_100, 10)).ThenState();

        Assert.Equal(52_000, state.Available);
        Assert.Equal(121_000, state.Pending);
        AssertOpenOrder(new OpenOrder(FundId, OrderSide.Buy, 12_100, 10, 10, 121_000, 0m), state.Orders[OrderId]);
    }

    [Theory]
    [InlineData(12_000, 7, 126)]
    [InlineData(12_100, 7, 127)]
    [InlineData(7_700, 1, 11)]
    public void GivenFeeRate_WhenPlaceBuy_ThenFeeIsTruncatedAndReserved(long price, long quantity, long fee) =>
        Spec()
            .Given(Registered, Deposited(1_000_000))
            .When(Buy(price, quantity, 0.0015m))
            .ThenMatches(events =>
            {
                var placed = Assert.IsType<OrderPlaced>(Assert.Single(events));
                Assert.Equal(price * quantity + fee, placed.ReservedCash);
                Assert.Equal(0.0015m, placed.FeeRate);
            });

    [Fact]
    public void GivenExactlyEnoughCashIncludingFee_WhenPlaceBuy_ThenOrderPlaced() =>
        Spec()
            .Given(Registered, Deposited(84_126))
            .When(Buy(12_000, 7, 0.0015m))
            .ThenMatches(events => Assert.Equal(84_126, Assert.IsType<OrderPlaced>(Assert.Single(events)).ReservedCash));

    [Fact]
    public void GivenCashForAmountButNotFee_WhenPlaceBuy_ThenInsufficientCash() =>
        Spec().Given(Registered, Deposited(84_125)).When(Buy(12_000, 7, 0.0015m)).ThenFails(ErrorCodes.InsufficientCash);

    [Fact]
    public void GivenCashPending_WhenPlaceBuyAboveAvailable_ThenInsufficientCash() =>
        Spec()
            .Given(Registered, Deposited(173_000), BuyPlaced(12_100, 10, orderId: Guid.NewGuid()))
            .When(Buy(12_000, 5))
            .ThenFails(ErrorCodes.InsufficientCash);

    [Fact]
    public void GivenSomeCash_WhenPlaceBuyWorthMoreThanALong_ThenInsufficientCash() =>
        Spec()
            .Given(Registered, Deposited(1_000_000_000))
            .When(Buy(14_300, long.MaxValue / 1_000))
            .ThenFails(ErrorCodes.InsufficientCash);

    [Fact]
    public void GivenUnitsHeld_WhenPlaceSell_ThenOrderPlacedWithoutCash() =>
        Spec()
            .Given([Registered, .. Holds(40)])
            .When(Sell(12_000, 20, 0.0015m))
            .Then(new OrderPlaced(InvestorId, OrderId, FundId, OrderSide.Sell, 12_000, 20, 0, 0.0015m, 11_000, 7_700, 14_300, Now));

    [Fact]
    public void GivenUnitsHeld_WhenPlaceSell_ThenUnitsAreLockedAndCashUntouched()
    {
        var state = Spec().Given([Registered, .. Holds(40)]).When(Sell(12_000, 20)).ThenState();

        Assert.Equal(new Holding(40, 20), state.HoldingOf(FundId));
        Assert.Equal(0, state.Available);
        Assert.Equal(0, state.Pending);
    }

    [Fact]
    public void GivenUnitsPartlyLocked_WhenSellAllFreeUnits_ThenOrderPlaced() =>
        Spec()
            .Given([Registered, .. Holds(40), SellPlaced(12_000, 10, orderId: Guid.NewGuid())])
            .When(Sell(12_000, 30))
            .ThenMatches(events => Assert.IsType<OrderPlaced>(Assert.Single(events)));

    [Fact]
    public void GivenUnitsPartlyLocked_WhenSellMoreThanFree_ThenInsufficientUnits() =>
        Spec()
            .Given([Registered, .. Holds(40), SellPlaced(12_000, 10, orderId: Guid.NewGuid())])
            .When(Sell(12_000, 31))
            .ThenFails(ErrorCodes.InsufficientUnits);

    [Fact]
    public void GivenUnitsLockedForRedemption_WhenSellThem_ThenInsufficientUnits() =>
        Spec()
            .Given([Registered, .. Holds(40), new RedemptionRequested(InvestorId, RedemptionId, FundId, 40, Now)])
            .When(Sell(12_000, 1))
            .ThenFails(ErrorCodes.InsufficientUnits);

    [Fact]
    public void GivenUnitsOfAnotherFund_WhenPlaceSell_ThenInsufficientUnits() =>
        Spec().Given([Registered, .. Holds(40, OtherFundId)]).When(Sell(12_000, 1)).ThenFails(ErrorCodes.InsufficientUnits);

    [Fact]
    public void GivenOrderOpen_WhenPlaceSameOrderAgain_ThenNothing() =>
        Spec()
            .Given(Registered, Deposited(121_000), BuyPlaced(12_100, 10))
            .When(Buy(12_100, 10))
            .ThenNothing();

    [Theory]
    [InlineData(0, 1, 0)]
    [InlineData(-100, 1, 0)]
    [InlineData(12_000, 0, 0)]
    [InlineData(12_000, -1, 0)]
    [InlineData(12_000, 1, -0.001)]
    [InlineData(12_000, 1, 1)]
    public void GivenAvailableCash_WhenPlaceMalformedOrder_ThenValidationFailed(long price, long quantity, double feeRate) =>
        Spec()
            .Given(Registered, Deposited(1_000_000))
            .When(Buy(price, quantity, (decimal)feeRate))
            .ThenFails(ErrorCodes.ValidationFailed);

    [Fact]
    public void GivenAvailableCash_WhenPlaceOrderOfUnknownSide_ThenValidationFailed() =>
        Spec()
            .Given(Registered, Deposited(1_000_000))
            .When(Buy(12_000, 1) with { Side = (OrderSide)7 })
            .ThenFails(ErrorCodes.ValidationFailed);

    [Theory]
    [InlineData(12_050)]
    [InlineData(12_001)]
    [InlineData(99)]
    public void GivenAvailableCash_WhenPlaceOffTick_ThenInvalidTick(long price) =>
        Spec().Given(Registered, Deposited(1_000_000)).When(Buy(price, 1)).ThenFails(ErrorCodes.InvalidTick);

    [Fact]
    public void GivenHaltedMarket_WhenPlaceOrder_ThenMarketHalted() =>
        Spec().Given(Registered, Deposited(1_000_000)).When(Buy(12_000, 1, market: HaltedMarket)).ThenFails(ErrorCodes.MarketHalted);

    [Fact]
    public void GivenHaltedMarket_WhenPlaceSell_ThenMarketHalted() =>
        Spec().Given([Registered, .. Holds(40)]).When(Sell(12_000, 1, market: HaltedMarket)).ThenFails(ErrorCodes.MarketHalted);

    [Fact]
    public void GivenHaltedMarket_WhenPlaceMalformedOrder_ThenValidationFailedComesFirst() =>
        Spec().Given(Registered, Deposited(1_000_000)).When(Buy(-12_050, 1, market: HaltedMarket)).ThenFails(ErrorCodes.ValidationFailed);

    [Fact]
    public void GivenHaltedMarket_WhenPlaceOffTick_ThenInvalidTickComesFirst() =>
        Spec().Given(Registered, Deposited(1_000_000)).When(Buy(12_050, 1, market: HaltedMarket)).ThenFails(ErrorCodes.InvalidTick);

    [Fact]
    public void GivenHaltedMarket_WhenPlaceOutOfBand_ThenMarketHaltedComesFirst() =>
        Spec().Given(Registered, Deposited(1_000_000)).When(Buy(14_400, 1, market: HaltedMarket)).ThenFails(ErrorCodes.MarketHalted);

    [Fact]
    public void GivenNoCash_WhenPlaceBuyOutOfBand_ThenPriceOutOfBandComesBeforeCash() =>
        Spec().Given(Registered).When(Buy(14_400, 1)).ThenFails(ErrorCodes.PriceOutOfBand);

    [Theory]
    [InlineData(7_700)]
    [InlineData(14_300)]
    public void GivenReference11000_WhenPlaceAtBandEdge_ThenOrderPlaced(long price) =>
        Spec()
            .Given(Registered, Deposited(1_000_000))
            .When(Buy(price, 1))
            .ThenMatches(events => Assert.Equal(price, Assert.IsType<OrderPlaced>(Assert.Single(events)).Price));

    [Theory]
    [InlineData(7_600)]
    [InlineData(14_400)]
    public void GivenReference11000_WhenPlaceOneTickOutsideBand_ThenPriceOutOfBand(long price) =>
        Spec().Given(Registered, Deposited(1_000_000)).When(Buy(price, 1)).ThenFails(ErrorCodes.PriceOutOfBand);

    [Fact]
    public void GivenReference10050_WhenPlaceOrder_ThenBandIsCeilingAndFloorToTick() =>
        Spec()
            .Given(Registered, Deposited(1_000_000))
            .When(Buy(12_000, 1, market: new MarketConditions(10_050, false)))
            .ThenMatches(events =>
            {
                var placed = Assert.IsType<OrderPlaced>(Assert.Single(events));
                Assert.Equal((10_050L, 7_100L, 13_000L), (placed.ReferencePrice, placed.BandLow, placed.BandHigh));
            });

    [Theory]
    [InlineData(7_100, true)]
    [InlineData(7_000, false)]
    [InlineData(13_000, true)]
    [InlineData(13_100, false)]
    public void GivenReference10050_WhenPlaceNearBandEdge_ThenOnlyPricesInsideAreAccepted(long price, bool accepted)
    {
        var spec = Spec().Given([Registered, .. Holds(10)]).When(Sell(price, 1, market: new MarketConditions(10_050, false)));
        if (accepted)
        {
            spec.ThenMatches(events => Assert.IsType<OrderPlaced>(Assert.Single(events)));
        }
        else
        {
            spec.ThenFails(ErrorCodes.PriceOutOfBand);
        }
    }
}
