using Microsoft.Extensions.DependencyInjection;
using OkCow.Application.Commands;
using OkCow.Application.Queries;
using OkCow.Application.Tests.Support;
using OkCow.Domain.Common;
using OkCow.Domain.Investors;

namespace OkCow.Application.Tests.Queries;

/// <summary>SPEC §3 end to end: real commands, the sagas and every projection over the embedded store, read through the queries.</summary>
public sealed class WorkedExampleTests
{
    private static readonly CommandContext Context = new("worked-example", null, "test");

    [Fact]
    public async Task Given_the_worked_example_Then_the_read_side_shows_the_figures_of_the_spec()
    {
        using var readSide = ReadSide.Create(services => services.AddOkCowWriteSide(new MarketOptions(), passwordIterations: 1_000));
        var commands = readSide.Services.GetRequiredService<OkCowCommands>();
        var queries = readSide.Queries;
        var (fund, a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var ct = CancellationToken.None;

        await commands.PublishMcpiAsync(10_000, null, Context, ct);
        await commands.CreateFundAsync(fund, "F", 10_000, Context, ct);
        foreach (var (id, login, deposit) in new[] { (a, "a-login", 1_000_000L), (b, "b-login", 600_000L), (c, "c-login", 500_000L) })
        {
            await commands.RegisterInvestorAsync(id, login.ToUpperInvariant(), login, "password-1", Context, ct);
            await commands.DepositAsync(id, deposit, Context, ct);
        }

        var subscriptionA = Guid.NewGuid();
        await commands.SubscribeAsync(fund, subscriptionA, a, 1_000_000, Context, ct);
        await SettleAsync(readSide);
        await commands.AcquirePropertyAsync(fund, Guid.NewGuid(), "SONG-1", "REG-1", "MUSIC-1", 1_000_000, Context, ct);
        await commands.PublishMcpiAsync(11_000, null, Context, ct);
        await SettleAsync(readSide);

        Assert.Equal(110.00m, (await queries.GetMcpiAsync()).Value);
        Assert.Equal(1_100_000, (await queries.GetFundAsync(fund))!.Properties.Single().Value);
        Assert.Equal(11_000m, (await queries.GetFundAsync(fund))!.Nav);

        await commands.SubscribeAsync(fund, Guid.NewGuid(), b, 550_000, Context, ct);
        await commands.SubscribeAsync(fund, Guid.NewGuid(), c, 330_000, Context, ct);
        await SettleAsync(readSide);
        var afterSubscriptions = await queries.GetFundAsync(fund);
        Assert.Equal((880_000L, 180L, 1_980_000L), (afterSubscriptions!.Cash, afterSubscriptions.UnitsOutstanding, afterSubscriptions.NetAssets));
        Assert.Equal(("completed", 100L, 1_000_000L), await SubscriptionAsync(queries, subscriptionA));

        var royalty = Guid.NewGuid();
        await commands.DistributeRoyaltyAsync(fund, royalty, 18_000, Context, ct);
        await SettleAsync(readSide);
        var payout = await queries.GetRoyaltyAsync(royalty);
        Assert.Equal(("completed", 3L, 3L, 18_000L, 0L), (payout!.Status, payout.HoldersPaid, payout.HoldersOfRecord!.Value, payout.Paid, payout.Retained!.Value));
        Assert.Equal(new long[] { 10_000, 55_000, 173_000 }, await AvailableAsync(queries, a, b, c));

        var (sell, firstBuy, secondBuy) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await commands.PlaceOrderAsync(fund, sell, b, OrderSide.Sell, 12_000, 20, Context, ct);
        await commands.PlaceOrderAsync(fund, firstBuy, c, OrderSide.Buy, 12_100, 10, Context, ct);
        await SettleAsync(readSide);
        var waiting = await queries.GetPortfolioAsync(c);
        Assert.Equal((52_000L, 121_000L), (waiting!.AvailableCash, waiting.PendingCash));
        Assert.Equal([new PriceLevelDto(12_100, 10, 1)], (await queries.GetOrderBookAsync(fund))!.Bids);

        await commands.CancelOrderAsync(fund, firstBuy, Context, ct);
        await SettleAsync(readSide);
        await commands.PlaceOrderAsync(fund, secondBuy, c, OrderSide.Buy, 12_000, 10, Context, ct);
        await SettleAsync(readSide);

        Assert.Equal(ErrorCodes.InvalidTick, await RefusalAsync(() => commands.PlaceOrderAsync(fund, Guid.NewGuid(), c, OrderSide.Buy, 12_050, 1, Context, ct)));
        Assert.Equal(ErrorCodes.PriceOutOfBand, await RefusalAsync(() => commands.PlaceOrderAsync(fund, Guid.NewGuid(), c, OrderSide.Buy, 14_400, 1, Context, ct)));
        Assert.Equal(ErrorCodes.InsufficientUnits, await RefusalAsync(() => commands.PlaceOrderAsync(fund, Guid.NewGuid(), b, OrderSide.Sell, 12_000, 31, Context, ct)));

        Assert.Equal(new long[] { 10_000, 175_000, 53_000 }, await AvailableAsync(queries, a, b, c));
        var (portfolioA, portfolioB, portfolioC) = (await queries.GetPortfolioAsync(a), await queries.GetPortfolioAsync(b), await queries.GetPortfolioAsync(c));
        var (holdingA, holdingB, holdingC) = (portfolioA!.Holdings.Single(), portfolioB!.Holdings.Single(), portfolioC!.Holdings.Single());
        Assert.Equal((100L, 40L, 10L, 40L), (holdingA.Units, holdingB.Units, holdingB.LockedUnits, holdingC.Units));
        Assert.Equal((0L, 120_000L, 120_000L), (portfolioA.TradingValueToday, portfolioB.TradingValueToday, portfolioC.TradingValueToday));
        Assert.Equal((12_000L, 1_200_000L), (holdingA.CurrentPrice, holdingA.Valuation));
        Assert.Equal((0.1100m, 0.0273m, -0.0156m), (holdingA.ReturnRate!.Value, holdingB.ReturnRate!.Value, holdingC.ReturnRate!.Value));
        var traded = await queries.GetFundAsync(fund);
        Assert.Equal((12_000L, 120_000L), (traded!.CurrentPrice, traded.TradingValueToday));
        Assert.Equal(("cancelled", "filled", "partiallyFilled"), ((await queries.GetOrderAsync(firstBuy))!.Status, (await queries.GetOrderAsync(secondBuy))!.Status, (await queries.GetOrderAsync(sell))!.Status));
        Assert.Equal([new PriceLevelDto(12_000, 10, 1)], (await queries.GetOrderBookAsync(fund))!.Asks);
        var rowA = (await queries.ListInvestorsAsync(0, 10)).Items.Single(i => i.InvestorId == a);
        Assert.Equal((1_200_000L, 10_000L), (rowA.TotalValuation, rowA.DepositBalance));

        await commands.PublishMcpiAsync(9_200, null, Context, ct);
        await SettleAsync(readSide);
        Assert.Equal(ErrorCodes.MarketHalted, await RefusalAsync(() => commands.PlaceOrderAsync(fund, Guid.NewGuid(), c, OrderSide.Buy, 12_000, 1, Context, ct)));
        var crashed = await queries.GetFundAsync(fund);
        Assert.Equal((920_000L, 1_800_000L, 10_000m, true), (crashed!.Properties.Single().Value, crashed.NetAssets, crashed.Nav, crashed.Halted));
        Assert.True((await queries.GetMcpiAsync()).Halted);

        var redemption = Guid.NewGuid();
        await commands.RedeemAsync(fund, redemption, a, 50, Context, ct);
        await SettleAsync(readSide);

        var redeemed = await queries.GetFundAsync(fund);
        Assert.Equal((380_000L, 130L, 10_000m), (redeemed!.Cash, redeemed.UnitsOutstanding, redeemed.Nav));
        Assert.Equal(("completed", 500_000L), ((await queries.GetRedemptionAsync(redemption))!.Status, (await queries.GetRedemptionAsync(redemption))!.Proceeds!.Value));
        var finalA = await queries.GetPortfolioAsync(a);
        Assert.Equal(510_000, finalA!.AvailableCash);
        Assert.Equal((0.0100m, 0.1100m), (finalA.Holdings.Single().ReturnRate!.Value, finalA.Holdings.Single().MarketReturnRate!.Value));

        var reconciliation = await queries.ReconcileAsync();
        Assert.True(reconciliation.Agrees);
        Assert.True(reconciliation.Settled);
        Assert.Equal(reconciliation.Left, reconciliation.Right);

        // The running totals are what the whole log folds to, and a batch delivered again changes nothing.
        Assert.Equal((await queries.ReconcileAsync(fullFold: true)) with { At = reconciliation.At }, reconciliation);
        var all = await readSide.Store.Events.ReadAsync(null, 10_000);
        await readSide.DispatchAsync(all.Events);
        Assert.Equal(reconciliation, await queries.ReconcileAsync());

        var now = readSide.Clock.GetUtcNow();
        var rebuilt = await queries.GetFundNavAtAsync(fund, now);
        Assert.Equal((380_000L, 130L, 1_300_000L, 10_000m), (rebuilt!.Cash, rebuilt.UnitsOutstanding, rebuilt.NetAssets, rebuilt.Nav));
        Assert.Equal(10_000m, (await queries.GetNavHistoryAsync(fund))!.Points[^1].Nav);
        Assert.Empty(await readSide.Dispatcher.ListParkedAsync());
    }

    /// <summary>Feeds the change feed to sagas and projections until the sagas write nothing more.</summary>
    private static async Task SettleAsync(ReadSide readSide)
    {
        for (var round = 0; round < 20; round++)
        {
            var batch = await readSide.ProjectAsync();
            if (batch.Count == 0)
            {
                return;
            }
        }

        throw new InvalidOperationException("The sagas did not settle.");
    }

    private static async Task<(string, long, long)> SubscriptionAsync(ReadQueries queries, Guid id)
    {
        var status = await queries.GetSubscriptionAsync(id);
        return (status!.Status, status.Units!.Value, status.Cost!.Value);
    }

    private static async Task<long[]> AvailableAsync(ReadQueries queries, params Guid[] investors)
    {
        var available = new List<long>();
        foreach (var investor in investors)
        {
            available.Add((await queries.GetPortfolioAsync(investor))!.AvailableCash);
        }

        return [.. available];
    }

    private static async Task<string> RefusalAsync(Func<Task> command) =>
        (await Assert.ThrowsAsync<DomainException>(command)).Code;
}
