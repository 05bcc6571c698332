using OkCow.Application.Commands;
using OkCow.Application.Tests.Support;
using static OkCow.Domain.Funds.FundEvent;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Application.Tests.Queries;

public sealed class ReconciliationTests
{
    private static readonly DateTimeOffset T0 = TestClock.Start;

    [Fact]
    public async Task Given_a_scripted_history_Then_both_sides_of_R24_agree_with_cash_in_transit_while_a_saga_is_open()
    {
        var (fund, investor, subscription, royalty) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        using var readSide = ReadSide.Create();
        await readSide.AppendAsync(Streams.Investor(investor), T0, new InvestorRegistered(investor, "A", "a-login", "h", T0), new CashDeposited(investor, 1_000_000, T0));
        await readSide.AppendAsync(Streams.Investor(investor), T0, new SubscriptionRequested(investor, subscription, fund, 1_000_000, T0));
        await readSide.AppendAsync(Streams.Fund(fund), T0, new FundCreated(fund, "F", 10_000, T0));
        await readSide.AppendAsync(Streams.Fund(fund), T0, new UnitsIssued(fund, subscription, investor, 1_000_000, 100, 1_000_000, 10_000m, 0, 0, 10_000, T0));

        var midSaga = await readSide.Queries.ReconcileAsync();

        // The fund has the cost; the investor's stream still holds the amount as pending.
        Assert.Equal((2_000_000L, 1_000_000L, 1_000_000L), (midSaga.Left, midSaga.Right, midSaga.InTransit));
        Assert.True(midSaga.Agrees);
        Assert.False(midSaga.Settled);

        await readSide.AppendAsync(Streams.Investor(investor), T0, new SubscriptionSettled(investor, subscription, fund, 1_000_000, 100, 1_000_000, T0));
        await readSide.AppendAsync(Streams.Fund(fund), T0, new PropertyAcquired(fund, Guid.NewGuid(), "SONG-1", "REG-1", "M-1", 600_000, 10_000, T0));
        await readSide.AppendAsync(Streams.Fund(fund), T0, new RoyaltyDistributed(fund, royalty, 10_001, 100, [new(investor, 100, 10_001)], 0, T0));
        await readSide.AppendAsync(Streams.Investor(investor), T0, new RoyaltyCredited(investor, royalty, fund, 10_001, T0), new CashWithdrawn(investor, 5_000, T0));

        var settled = await readSide.Queries.ReconcileAsync();

        Assert.Equal((5_001L, 400_000L, 405_001L), (settled.InvestorCash, settled.FundCash, settled.Left));
        Assert.Equal((1_000_000L, 5_000L, 10_001L, 600_000L, 405_001L), (settled.Deposits, settled.Withdrawals, settled.RoyaltyIncome, settled.PropertyPurchases, settled.Right));
        Assert.Equal(0, settled.InTransit);
        Assert.True(settled.Agrees);
        Assert.True(settled.Settled);
        Assert.Equal(10, settled.EventsRead);
    }
}
