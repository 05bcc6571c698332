using OkCow.Application.Commands;
using OkCow.Application.Queries;
using OkCow.Application.Tests.Support;
using static OkCow.Domain.Funds.FundEvent;
using static OkCow.Domain.Index.McpiEvent;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Application.Tests.Queries;

public sealed class ReadQueriesTests
{
    private static readonly DateTimeOffset T0 = TestClock.Start;

    [Fact]
    public async Task Given_no_publication_Then_the_mcpi_is_100_and_not_halted()
    {
        using var readSide = ReadSide.Create();

        var mcpi = await readSide.Queries.GetMcpiAsync();

        Assert.Equal((100.00m, false, (DateTimeOffset?)null, (decimal?)null), (mcpi.Value, mcpi.Halted, mcpi.At, mcpi.ReferenceValue));
        Assert.Equal("100.00", mcpi.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Given_a_crash_Then_markets_are_halted_for_twenty_minutes()
    {
        using var readSide = ReadSide.Create();
        await readSide.AppendAsync(
            Streams.Mcpi,
            T0,
            new McpiPublished(10_000, T0, 10_000, T0));
        await readSide.AppendAsync(
            Streams.Mcpi,
            T0.AddMinutes(1),
            new McpiPublished(9_200, T0.AddMinutes(1), 10_000, T0.AddMinutes(1)),
            new MarketsHalted(T0.AddMinutes(1), T0.AddMinutes(21), 9_200, 10_000));
        await readSide.ProjectAsync();
        readSide.Clock.Now = T0.AddMinutes(2);

        var halted = await readSide.Queries.GetMcpiAsync();
        readSide.Clock.Now = T0.AddMinutes(21);
        var resumed = await readSide.Queries.GetMcpiAsync();

        Assert.Equal((92.00m, 100.00m, true, T0.AddMinutes(21)), (halted.Value, halted.ReferenceValue!.Value, halted.Halted, halted.HaltedUntil!.Value));
        Assert.False(resumed.Halted);
        Assert.Null(resumed.HaltedUntil);
    }

    [Fact]
    public async Task Given_a_fund_with_a_property_Then_its_detail_values_the_property_at_the_current_mcpi_and_lists_it()
    {
        var fund = Guid.NewGuid();
        using var readSide = ReadSide.Create();
        await readSide.AppendAsync(
            Streams.Fund(fund),
            T0,
            new FundCreated(fund, "Hits", 10_000, T0),
            new UnitsIssued(fund, Guid.NewGuid(), Guid.NewGuid(), 1_000_000, 100, 1_000_000, 10_000m, 0, 0, 10_000, T0),
            new PropertyAcquired(fund, Guid.NewGuid(), "SONG-1", "REG-1", "M-1", 1_000_000, 10_000, T0));
        await readSide.AppendAsync(Streams.Mcpi, T0, new McpiPublished(11_000, T0, 11_000, T0));
        await readSide.ProjectAsync();

        var detail = await readSide.Queries.GetFundAsync(fund);
        var list = await readSide.Queries.ListFundsAsync(OkCow.Application.Queries.PageRequest.First());

        Assert.NotNull(detail);
        var property = Assert.Single(detail.Properties);
        Assert.Equal((1_100_000L, 100.00m), (property.Value, property.McpiAtAcquisition));
        Assert.Equal((0L, 1_100_000L, 11_000m, 11_000L, false), (detail.Cash, detail.NetAssets, detail.Nav, detail.CurrentPrice, detail.Halted));
        Assert.Equal(0, detail.TradingValueToday);
        Assert.Equal(new OkCow.Application.Queries.FundSummaryDto(fund, "Hits", 10_000, T0), Assert.Single(list.Items));
        Assert.Empty((await readSide.Queries.GetOrderBookAsync(fund))!.Bids);
        Assert.Null(await readSide.Queries.GetOrderBookAsync(Guid.NewGuid()));
        Assert.Null(await readSide.Queries.GetFundAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task Given_a_registered_investor_Then_the_audit_trail_has_metadata_and_no_password_hash()
    {
        var investor = Guid.NewGuid();
        using var readSide = ReadSide.Create();
        await readSide.AppendAsync(Streams.Investor(investor), T0, new InvestorRegistered(investor, "Ann", "ann", "pbkdf2$secret", T0), new CashDeposited(investor, 5, T0));

        var page = await readSide.Queries.GetStreamEventsAsync(Streams.Investor(investor), PageRequest.First());

        Assert.NotNull(page);
        Assert.False(page.HasMore);
        var events = page.Items;
        Assert.Equal([("V2.InvestorRegistered", 1L), ("V1.CashDeposited", 2L)], events.Select(e => (e.Type, e.Version)));
        Assert.All(events, e => Assert.Equal("test", e.Actor));
        Assert.False(events[0].Data.TryGetProperty("passwordHash", out _));
        Assert.Equal("ann", events[0].Data.GetProperty("loginId").GetString());
        Assert.DoesNotContain("secret", events[0].Data.GetRawText(), StringComparison.Ordinal);
        Assert.Null(await readSide.Queries.GetStreamEventsAsync(Streams.Investor(Guid.NewGuid()), PageRequest.First()));
        Assert.Null(await readSide.Queries.GetStreamEventsAsync("bad stream/id", PageRequest.First()));
    }

    [Fact]
    public async Task Given_a_subscription_status_When_read_as_an_order_Then_it_is_not_found()
    {
        var (investor, subscription) = (Guid.NewGuid(), Guid.NewGuid());
        using var readSide = ReadSide.Create();
        await readSide.AppendAsync(
            Streams.Investor(investor),
            T0,
            new InvestorRegistered(investor, "Ann", "ann", "h", T0),
            new CashDeposited(investor, 10_000, T0),
            new SubscriptionRequested(investor, subscription, Guid.NewGuid(), 10_000, T0));
        await readSide.ProjectAsync();

        Assert.Equal("pending", (await readSide.Queries.GetSubscriptionAsync(subscription))!.Status);
        Assert.Null(await readSide.Queries.GetOrderAsync(subscription));
        Assert.Null(await readSide.Queries.GetRedemptionAsync(subscription));
        Assert.Null(await readSide.Queries.GetSubscriptionAsync(Guid.NewGuid()));
    }

    [Fact]
    public void Every_projection_is_registered_once_with_a_stable_name()
    {
        using var readSide = ReadSide.Create();

        Assert.Equal(
            [
                "projection:investor-profile",
                "projection:portfolio",
                "projection:investor-list",
                "projection:fund-list",
                "projection:fund-detail",
                "projection:nav-history",
                "projection:orderbook",
                "projection:statuses",
                "projection:mcpi",
                "projection:reconciliation",
            ],
            readSide.Dispatcher.HandlerNames);
    }
}
