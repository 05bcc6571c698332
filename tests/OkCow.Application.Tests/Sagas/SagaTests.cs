using OkCow.Application.Commands;
using OkCow.Application.ReadModels.Register;
using OkCow.Domain.Common;
using OkCow.Domain.Funds;
using OkCow.Domain.Investors;
using InvestorState = OkCow.Domain.Investors.InvestorState;

namespace OkCow.Application.Tests.Sagas;

public sealed class SagaTests : IDisposable
{
    private readonly WriteSideHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task GivenFundedInvestor_WhenSubscribing_ThenFundIssuesUnitsAndInvestorSettles()
    {
        var (investor, fund) = await InvestorAndFundAsync(deposit: 1_005_000, basePrice: 10_000);

        await _harness.Commands.SubscribeAsync(fund, Guid.NewGuid(), investor, 1_005_000, WriteSideHarness.Operator, default);
        await _harness.DrainAsync();

        var state = await InvestorAsync(investor);
        Assert.Equal(100, state.HoldingOf(fund).Units);
        Assert.Equal(0, state.Pending);
        Assert.Equal(5_000, state.Available);
        var fundState = await FundAsync(fund);
        Assert.Equal(1_000_000, fundState.Cash);
        Assert.Equal(100, await RegisterUnitsAsync(fund, investor));
    }

    [Fact]
    public async Task GivenAmountBelowNav_WhenSubscribing_ThenFundRefusesAndReservationIsReleased()
    {
        var (investor, fund) = await InvestorAndFundAsync(deposit: 50_000, basePrice: 10_000);

        await _harness.Commands.SubscribeAsync(fund, Guid.NewGuid(), investor, 9_999, WriteSideHarness.Operator, default);
        var pendingBefore = (await InvestorAsync(investor)).Pending;
        await _harness.DrainAsync();

        Assert.Equal(9_999, pendingBefore);
        var state = await InvestorAsync(investor);
        Assert.Equal(50_000, state.Available);
        Assert.Equal(0, state.Pending);
        var released = Assert.Single((await _harness.EventsOfAsync(Streams.Investor(investor))).OfType<InvestorEvent.SubscriptionReleased>());
        Assert.Equal(ErrorCodes.AmountBelowNav, released.Code);
        Assert.Equal(0, (await FundAsync(fund)).UnitsOutstanding);
    }

    [Fact]
    public async Task GivenDeliveredSteps_WhenTheWholeFeedIsRedelivered_ThenNothingHappensTwice()
    {
        var (investor, fund) = await InvestorAndFundAsync(deposit: 1_000_000, basePrice: 10_000);
        await _harness.Commands.SubscribeAsync(fund, Guid.NewGuid(), investor, 500_000, WriteSideHarness.Operator, default);
        var all = await _harness.DrainAsync();
        var versionsBefore = await VersionsAsync(investor, fund);

        await _harness.Dispatcher.DispatchAsync(all);
        await _harness.Dispatcher.DispatchAsync(all.Reverse().ToList());

        Assert.Equal(versionsBefore, await VersionsAsync(investor, fund));
        Assert.Equal(50, (await InvestorAsync(investor)).HoldingOf(fund).Units);
        Assert.Equal(500_000, (await FundAsync(fund)).Cash);
    }

    [Fact]
    public async Task GivenIlliquidFund_WhenRedeeming_ThenRefusedAndUnitsUnlocked()
    {
        var (investor, fund) = await InvestorAndFundAsync(deposit: 1_000_000, basePrice: 10_000);
        await _harness.Commands.SubscribeAsync(fund, Guid.NewGuid(), investor, 1_000_000, WriteSideHarness.Operator, default);
        await _harness.DrainAsync();
        await _harness.Commands.AcquirePropertyAsync(fund, Guid.NewGuid(), "SONG-1", "REG-1", "M-1", 900_000, WriteSideHarness.Operator, default);

        await _harness.Commands.RedeemAsync(fund, Guid.NewGuid(), investor, 20, WriteSideHarness.Operator, default);
        Assert.Equal(20, (await InvestorAsync(investor)).HoldingOf(fund).Locked);
        await _harness.DrainAsync();

        var state = await InvestorAsync(investor);
        Assert.Equal(100, state.HoldingOf(fund).Units);
        Assert.Equal(0, state.HoldingOf(fund).Locked);
        var released = Assert.Single((await _harness.EventsOfAsync(Streams.Investor(investor))).OfType<InvestorEvent.RedemptionReleased>());
        Assert.Equal(ErrorCodes.FundIlliquid, released.Code);
    }

    [Fact]
    public async Task GivenHolders_WhenRoyaltyArrives_ThenEachHolderIsCreditedAndRemainderStaysInFund()
    {
        var fund = await NewFundAsync(10_000);
        var a = await NewInvestorAsync(1_000_000);
        var b = await NewInvestorAsync(1_000_000);
        await _harness.Commands.SubscribeAsync(fund, Guid.NewGuid(), a, 20_000, WriteSideHarness.Operator, default);
        await _harness.Commands.SubscribeAsync(fund, Guid.NewGuid(), b, 10_000, WriteSideHarness.Operator, default);
        await _harness.DrainAsync();

        await _harness.Commands.DistributeRoyaltyAsync(fund, Guid.NewGuid(), 100, WriteSideHarness.Operator, default);
        await _harness.DrainAsync();

        Assert.Equal(1_000_000 - 20_000 + 66, (await InvestorAsync(a)).Available);
        Assert.Equal(1_000_000 - 10_000 + 33, (await InvestorAsync(b)).Available);
        Assert.Equal(30_000 + 1, (await FundAsync(fund)).Cash);
        Assert.Null((await FundAsync(fund)).Royalty);
    }

    [Fact]
    public async Task GivenHoldersOverThreePages_WhenRoyaltyArrivesAndTheFeedIsRedelivered_ThenEveryHolderOfRecordIsPaidOnce()
    {
        var fund = await NewFundAsync(10_000);
        var holders = new List<Guid>();
        for (var i = 0; i < (2 * RegisterDocuments.PageSize) + 5; i++)
        {
            var holder = await NewInvestorAsync(10_000);
            await _harness.Commands.SubscribeAsync(fund, Guid.NewGuid(), holder, 10_000, WriteSideHarness.Operator, default);
            holders.Add(holder);
        }

        await _harness.DrainAsync();
        var royalty = Guid.NewGuid();
        await _harness.Commands.DistributeRoyaltyAsync(fund, royalty, 1_000_000, WriteSideHarness.Operator, default);

        // A holder who joins after the record version is no holder of record.
        var late = await NewInvestorAsync(10_000);
        await _harness.Commands.SubscribeAsync(fund, Guid.NewGuid(), late, 10_000, WriteSideHarness.Operator, default);
        var all = await _harness.DrainAsync();
        await _harness.Dispatcher.DispatchAsync(all);

        // 205 holders of 1 unit each: floor(1,000,000 / 205) = 4,878 each, 10 remain in the fund.
        Assert.All(await Task.WhenAll(holders.Select(InvestorAsync)), state => Assert.Equal(4_878, state.Available));
        Assert.Equal(0, (await InvestorAsync(late)).Available);
        var events = await _harness.EventsOfAsync(Streams.Fund(fund));
        Assert.Equal([0, 1, 2], events.OfType<FundEvent.RoyaltyPagePaid>().Select(page => page.Page));
        var completed = Assert.Single(events.OfType<FundEvent.RoyaltyCompleted>());
        Assert.Equal((205L, 999_990L, 10L), (completed.HoldersPaid, completed.Paid, completed.Retained));
        Assert.Equal(205, events.OfType<FundEvent.RoyaltyPagePaid>().First().HoldersOfRecord);
        Assert.Equal((206 * 10_000) + 10, (await FundAsync(fund)).Cash);
    }

    [Fact]
    public async Task GivenRestingSell_WhenMatchingBuyArrives_ThenTradeSettlesBuyerSellerAndRegister()
    {
        var fund = await NewFundAsync(10_000);
        var seller = await NewInvestorAsync(100_000);
        var buyer = await NewInvestorAsync(100_000);
        await _harness.Commands.SubscribeAsync(fund, Guid.NewGuid(), seller, 100_000, WriteSideHarness.Operator, default);
        await _harness.DrainAsync();

        await _harness.Commands.PlaceOrderAsync(fund, Guid.NewGuid(), seller, OrderSide.Sell, 10_000, 4, WriteSideHarness.Operator, default);
        await _harness.DrainAsync();
        var buy = Guid.NewGuid();
        await _harness.Commands.PlaceOrderAsync(fund, buy, buyer, OrderSide.Buy, 10_000, 3, WriteSideHarness.Operator, default);
        await _harness.DrainAsync();

        var buyerState = await InvestorAsync(buyer);
        var sellerState = await InvestorAsync(seller);
        Assert.Equal(3, buyerState.HoldingOf(fund).Units);
        Assert.Equal(70_000, buyerState.Available);
        Assert.Equal(0, buyerState.Pending);
        Assert.Equal(7, sellerState.HoldingOf(fund).Units);
        Assert.Equal(1, sellerState.HoldingOf(fund).Locked);
        Assert.Equal(30_000, sellerState.Available);
        Assert.Equal(3, await RegisterUnitsAsync(fund, buyer));
        Assert.Equal(7, await RegisterUnitsAsync(fund, seller));
    }

    [Fact]
    public async Task GivenRestingBuy_WhenCancelled_ThenReservationReturnsToAvailable()
    {
        var fund = await NewFundAsync(10_000);
        var buyer = await NewInvestorAsync(100_000);
        var order = Guid.NewGuid();
        await _harness.Commands.PlaceOrderAsync(fund, order, buyer, OrderSide.Buy, 10_000, 5, WriteSideHarness.Operator, default);
        await _harness.DrainAsync();
        Assert.Equal(50_000, (await InvestorAsync(buyer)).Pending);

        await _harness.Commands.CancelOrderAsync(fund, order, WriteSideHarness.Operator, default);
        await _harness.DrainAsync();

        var state = await InvestorAsync(buyer);
        Assert.Equal(100_000, state.Available);
        Assert.Equal(0, state.Pending);
        var error = await Assert.ThrowsAsync<DomainException>(() => _harness.Commands.CancelOrderAsync(fund, order, WriteSideHarness.Operator, default));
        Assert.Equal(ErrorCodes.OrderNotOpen, error.Code);
    }

    [Fact]
    public async Task GivenOrderPlacedBeforeHalt_WhenItReachesTheBookDuringTheHalt_ThenRejectedAndReleased()
    {
        var fund = await NewFundAsync(10_000);
        var buyer = await NewInvestorAsync(100_000);
        await _harness.Commands.PublishMcpiAsync(10_000, null, WriteSideHarness.Operator, default);
        await _harness.Commands.PlaceOrderAsync(fund, Guid.NewGuid(), buyer, OrderSide.Buy, 10_000, 1, WriteSideHarness.Operator, default);

        await _harness.Commands.PublishMcpiAsync(9_200, null, WriteSideHarness.Operator, default);
        await _harness.DrainAsync();

        var released = Assert.Single((await _harness.EventsOfAsync(Streams.Investor(buyer))).OfType<InvestorEvent.OrderReleased>());
        Assert.Equal(ErrorCodes.MarketHalted, released.Reason);
        Assert.Equal(100_000, (await InvestorAsync(buyer)).Available);
    }

    private async Task<(Guid Investor, Guid Fund)> InvestorAndFundAsync(long deposit, long basePrice) =>
        (await NewInvestorAsync(deposit), await NewFundAsync(basePrice));

    private async Task<Guid> NewInvestorAsync(long deposit)
    {
        var id = Guid.NewGuid();
        await _harness.Commands.RegisterInvestorAsync(id, "Investor", $"inv{id.ToString("N")[..12]}", "password-1", WriteSideHarness.Operator, default);
        await _harness.Commands.DepositAsync(id, deposit, WriteSideHarness.Operator, default);
        return id;
    }

    private async Task<Guid> NewFundAsync(long basePrice)
    {
        var id = Guid.NewGuid();
        await _harness.Commands.CreateFundAsync(id, $"Fund {id}", basePrice, WriteSideHarness.Operator, default);
        return id;
    }

    private Task<long> RegisterUnitsAsync(Guid fund, Guid investor) =>
        new RegisterReader(_harness.Documents).UnitsOfAsync(fund, investor);

    private Task<InvestorState> InvestorAsync(Guid id) =>
        _harness.LoadAsync<InvestorDecider, InvestorCommand, InvestorEvent, InvestorState>(Streams.Investor(id));

    private Task<FundState> FundAsync(Guid id) =>
        _harness.LoadAsync<FundDecider, FundCommand, FundEvent, FundState>(Streams.Fund(id));

    private async Task<(long, long)> VersionsAsync(Guid investor, Guid fund) =>
        ((await _harness.Events.ReadHeadAsync(Streams.Investor(investor)))!.Version, (await _harness.Events.ReadHeadAsync(Streams.Fund(fund)))!.Version);
}
