using OkCow.Domain.Common;
using OkCow.Domain.Funds;
using OkCow.Domain.Index;
using OkCow.Domain.Investors;
using OkCow.Domain.Markets;
using OkCow.Domain.Positions;
using static OkCow.Domain.Funds.FundCommand;
using static OkCow.Domain.Funds.FundEvent;
using static OkCow.Domain.Investors.InvestorCommand;
using static OkCow.Domain.Investors.InvestorEvent;
using static OkCow.Domain.Markets.OrderBookEvent;

namespace OkCow.Domain.Tests.Scenarios;

/// <summary>SPEC §3, fee 0, all on one KST day, every saga step delivered by hand as soon as it is recorded.</summary>
public sealed class WorkedExampleTests
{
    private static readonly Guid F = Guid.Parse("f0000000-0000-0000-0000-000000000001");
    private static readonly Guid A = Guid.Parse("a0000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = Guid.Parse("b0000000-0000-0000-0000-00000000000b");
    private static readonly Guid C = Guid.Parse("c0000000-0000-0000-0000-00000000000c");
    private static readonly Guid Song1 = Guid.Parse("50000000-0000-0000-0000-000000000001");
    private static readonly DateOnly Today = new(2025, 3, 3);

    private readonly Orchestrator _system = new(Kst.StartOf(Today).AddHours(9));

    private int _ids;

    private Guid NextId() => new($"e0000000-0000-0000-0000-{++_ids:D12}");

    [Fact]
    public void GivenSpecSection3_WhenEveryStepRunsThroughTheSagas_ThenEveryFigureMatches()
    {
        Setup();
        Step1ASubscribes();
        Step2FundAcquiresSong1();
        Step3McpiRisesTo110();
        Step4BAndCSubscribe();
        Step5RoyaltyIsPaidOut();
        Step6Trading();
        Step7McpiCrashHaltsMarkets();
        Step8ARedeems();
        AfterwardsCancelsStillWorkWhileHalted();
    }

    private void Setup()
    {
        // "MCPI 100.00": published at the day's start, so that it is the R21 reference of step 7 (≤ 0.92 × 100).
        _system.Publish(10_000);
        _system.Fund(new CreateFund(F, "Fund F", 10_000, _system.Now));
        foreach (var (investor, name, deposit) in new[] { (A, "A", 1_000_000L), (B, "B", 600_000L), (C, "C", 500_000L) })
        {
            _system.Investor(new Register(investor, name, $"investor-{name.ToLowerInvariant()}", "salted-slow-hash", _system.Now));
            _system.Investor(new Deposit(investor, deposit, _system.Now));
        }

        AssertLedgerAgreesAndIsSettled();
        Assert.Equal(2_100_000, _system.Reconcile().Right);
    }

    private void Step1ASubscribes()
    {
        Subscribe(A, 1_000_000);

        var issued = Assert.Single(Events<UnitsIssued>());
        Assert.Equal((10_000m, 100L, 1_000_000L), (issued.Nav, issued.Units, issued.Cost));
        Assert.Equal(0, Investor(A).Available);
    }

    private void Step2FundAcquiresSong1()
    {
        _system.Fund(new AcquireProperty(F, Song1, "SONG-1", "C-2025-0001", "M-1", 1_000_000, _system.McpiNow, _system.Now));

        Assert.Equal(0, Fund().Cash);
        Assert.Equal(10_000, Fund().Properties[0].McpiAtAcquisition);
        AssertLedgerAgreesAndIsSettled();
    }

    private void Step3McpiRisesTo110()
    {
        Tick();
        _system.Publish(11_000);

        Assert.Equal(1_100_000, FundDecider.PropertyValue(Fund().Properties[0], _system.McpiNow));
        Assert.Equal(11_000m, _system.NavOf(F));
    }

    private void Step4BAndCSubscribe()
    {
        Subscribe(B, 550_000);
        Subscribe(C, 330_000);

        Assert.Equal([50L, 30L], Events<UnitsIssued>().Skip(1).Select(e => e.Units));
        Assert.All(Events<UnitsIssued>().Skip(1), e => Assert.Equal(11_000m, e.Nav));
        Assert.Equal((880_000L, 180L), (Fund().Cash, Fund().UnitsOutstanding));
        Assert.Equal(1_980_000, FundDecider.NetAssets(Fund(), _system.McpiNow));
    }

    private void Step5RoyaltyIsPaidOut()
    {
        var royalty = NextId();
        _system.Fund(new DistributeRoyalty(F, royalty, 18_000, _system.Now));

        // Between the fund's distribution and the holders' credits the shares are in transit, and R24 still holds.
        Assert.Equal(-18_000, _system.Reconcile().InTransit);
        Assert.True(_system.Reconcile().Agrees);
        _system.Drain();

        Assert.Equal([10_000L, 5_000L, 3_000L], Events<RoyaltyCredited>().OrderBy(e => e.InvestorId).Select(e => e.Amount));
        Assert.Equal((10_000L, 55_000L, 173_000L), (Investor(A).Available, Investor(B).Available, Investor(C).Available));
        Assert.Equal(880_000, Fund().Cash);
        AssertLedgerAgreesAndIsSettled();
    }

    private void Step6Trading()
    {
        Tick();
        var band = PriceBand.Around(_system.MarketFor(F).ReferencePrice);
        Assert.Equal((11_000L, 7_700L, 14_300L), (band.Reference, band.Low, band.High));

        var bSell = NextId();
        var placed = Assert.IsType<OrderPlaced>(Assert.Single(Place(B, bSell, OrderSide.Sell, 12_000, 20)));
        Assert.Equal((7_700L, 14_300L), (placed.BandLow, placed.BandHigh));

        var cHighBid = NextId();
        Place(C, cHighBid, OrderSide.Buy, 12_100, 10);
        Assert.Empty(Events<TradeExecuted>());
        Assert.Equal((52_000L, 121_000L), (Investor(C).Available, Investor(C).Pending));

        _system.Cancel(F, cHighBid);
        _system.Drain();
        Assert.Equal((173_000L, 0L), (Investor(C).Available, Investor(C).Pending));

        var cBid = NextId();
        Place(C, cBid, OrderSide.Buy, 12_000, 10);
        var trade = Assert.Single(Events<TradeExecuted>());
        Assert.Equal((12_000L, 10L, bSell, cBid), (trade.Price, trade.Quantity, trade.SellOrderId, trade.BuyOrderId));

        AssertRefused("INVALID_TICK", () => Place(C, NextId(), OrderSide.Buy, 12_050, 1));
        AssertRefused("PRICE_OUT_OF_BAND", () => Place(C, NextId(), OrderSide.Buy, 14_400, 1));
        AssertRefused("INSUFFICIENT_UNITS", () => Place(B, NextId(), OrderSide.Sell, 12_000, 31));

        Assert.Equal((10_000L, 175_000L, 53_000L), (Investor(A).Available, Investor(B).Available, Investor(C).Available));
        Assert.Equal((0L, 0L, 0L), (Investor(A).Pending, Investor(B).Pending, Investor(C).Pending));
        Assert.Equal(new Holding(100, 0), Investor(A).HoldingOf(F));
        Assert.Equal(new Holding(40, 10), Investor(B).HoldingOf(F));
        Assert.Equal(new Holding(40, 0), Investor(C).HoldingOf(F));
        var register = _system.RegisterOf(F);
        Assert.Equal((100L, 40L, 40L), (register[A], register[B], register[C]));

        Assert.Equal((120_000L, 120_000L, 120_000L), (TradingValueToday(B), TradingValueToday(C), FundTradingValueToday()));
        Assert.Equal(12_000, OrderBookDecider.CurrentPrice(_system.BookOf(F)));
        Assert.Equal([new PriceLevel(12_000, 10, 1)], OrderBookDecider.Levels(_system.BookOf(F), OrderSide.Sell));

        var a = Figures(A);
        Assert.Equal((1_100_000L, 1_200_000L), (a.NavValue, a.Valuation));
        Assert.Equal((0.1100m, 0.0273m, -0.0156m), (a.ReturnRate, Figures(B).ReturnRate, Figures(C).ReturnRate));
        Assert.Equal((550_000L, 125_000L, 5_000L), (Figures(B).TotalPaid, Figures(B).TotalReceived, Figures(B).RoyaltiesReceived));
        Assert.Equal((450_000L, 3_000L), (Figures(C).TotalPaid, Figures(C).TotalReceived));
        Assert.Equal(10, Figures(B).LockedUnits);
        AssertLedgerAgreesAndIsSettled();
    }

    private void Step7McpiCrashHaltsMarkets()
    {
        Tick();
        var published = _system.Publish(9_200);

        var halted = Assert.IsType<McpiEvent.MarketsHalted>(published[^1]);
        Assert.Equal((10_000L, _system.Now.AddMinutes(20)), (halted.ReferenceValue, halted.Until));
        Assert.True(_system.HaltedNow);
        AssertRefused("MARKET_HALTED", () => Place(C, NextId(), OrderSide.Buy, 12_000, 1));

        Assert.Equal(920_000, FundDecider.PropertyValue(Fund().Properties[0], _system.McpiNow));
        Assert.Equal(1_800_000, FundDecider.NetAssets(Fund(), _system.McpiNow));
        Assert.Equal(10_000m, _system.NavOf(F));
    }

    private void Step8ARedeems()
    {
        // Still within the 20-minute halt: redemptions go on (R21).
        _system.Now = _system.Now.AddMinutes(5);
        Assert.True(_system.HaltedNow);

        var redemption = NextId();
        _system.Investor(new RequestRedemption(A, redemption, F, 50, _system.Now));
        _system.Drain();

        var redeemed = Assert.Single(Events<UnitsRedeemed>());
        Assert.Equal((50L, 500_000L), (redeemed.Units, redeemed.Proceeds));
        Assert.Equal((380_000L, 130L), (Fund().Cash, Fund().UnitsOutstanding));
        Assert.Equal(10_000m, _system.NavOf(F));
        Assert.Equal(510_000, Investor(A).Available);

        var a = Figures(A);
        Assert.Equal((50L, 500_000L, 600_000L), (a.Units, a.NavValue, a.Valuation));
        Assert.Equal((0.0100m, 0.1100m), (a.ReturnRate, a.MarketReturnRate));

        AssertLedgerAgreesAndIsSettled();
        var report = _system.Reconcile();
        Assert.Equal((738_000L, 380_000L, 1_118_000L, 1_118_000L), (report.InvestorCash, report.FundCash, report.Left, report.Right));
        Assert.Equal((2_100_000L, 0L, 18_000L, 1_000_000L), (report.Deposits, report.Withdrawals, report.RoyaltyIncome, report.PropertyPurchases));
    }

    private void AfterwardsCancelsStillWorkWhileHalted()
    {
        var bSell = Events<OrderPlaced>().First(e => e.InvestorId == B).OrderId;

        var cancelled = Assert.IsType<OrderCancelled>(Assert.Single(_system.Cancel(F, bSell)));
        _system.Drain();

        Assert.Equal(10, cancelled.RemainingQuantity);
        Assert.Equal(new Holding(40, 0), Investor(B).HoldingOf(F));
        Assert.Empty(OrderBookDecider.RestingOrders(_system.BookOf(F)));
        AssertLedgerAgreesAndIsSettled();
    }

    private void Subscribe(Guid investor, long amount)
    {
        _system.Investor(new RequestSubscription(investor, NextId(), F, amount, _system.Now));
        _system.Drain();
        AssertLedgerAgreesAndIsSettled();
    }

    private IReadOnlyList<InvestorEvent> Place(Guid investor, Guid orderId, OrderSide side, long price, long quantity)
    {
        var placed = _system.PlaceOrder(investor, orderId, F, side, price, quantity);
        _system.Drain();
        return placed;
    }

    private static void AssertRefused(string code, Action command) =>
        Assert.Equal(code, Assert.Throws<DomainException>(command).Code);

    private void AssertLedgerAgreesAndIsSettled()
    {
        var report = _system.Reconcile();
        Assert.True(report.Agrees, $"R24 disagrees: {report}");
        Assert.True(report.Settled, $"Sagas still open: {report}");
        Assert.Equal(0, report.InTransit);
        var states = _system.Investors.Values.Sum(i => i.Available + i.Pending) + _system.Funds.Values.Sum(f => f.Cash);
        Assert.Equal(states, report.Left);
    }

    private void Tick() => _system.Now = _system.Now.AddMinutes(30);

    private InvestorState Investor(Guid id) => _system.InvestorOf(id);

    private FundState Fund() => _system.FundOf(F);

    private IEnumerable<T> Events<T>() => _system.Log.Select(entry => entry.Event).OfType<T>();

    private PositionFigures Figures(Guid investor) =>
        Position
            .Fold(F, _system.Log.Where(entry => entry.Stream == Orchestrator.InvestorStream(investor)).Select(entry => (InvestorEvent)entry.Event))
            .Figures(FundQuote.Of(Fund(), _system.McpiNow, _system.BookOf(F)));

    private long TradingValueToday(Guid investor) =>
        Events<BuyOrderFilled>().Where(e => e.InvestorId == investor && Kst.Day(e.At) == Today).Sum(e => e.Price * e.Quantity)
        + Events<SellOrderFilled>().Where(e => e.InvestorId == investor && Kst.Day(e.At) == Today).Sum(e => e.Price * e.Quantity);

    private long FundTradingValueToday() =>
        Events<TradeExecuted>().Where(e => e.FundId == F && Kst.Day(e.At) == Today).Sum(e => e.Price * e.Quantity);
}
