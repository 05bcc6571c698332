using OkCow.Application.Commands;
using OkCow.Application.EventStore;
using OkCow.Application.Tests.Support;
using OkCow.Domain.Investors;
using static OkCow.Domain.Funds.FundEvent;
using static OkCow.Domain.Index.McpiEvent;
using static OkCow.Domain.Investors.InvestorEvent;
using static OkCow.Domain.Markets.OrderBookEvent;

namespace OkCow.Application.Tests.ReadModels;

/// <summary>
/// Read models fed by two streams: whichever stream's events the change feed delivers first, and however often, the
/// views end the same.
/// </summary>
public sealed class TwoStreamOrderTests
{
    private static readonly DateTimeOffset T0 = TestClock.Start;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Given_fund_and_order_book_events_in_either_order_Then_the_fund_detail_is_the_same(bool fundFirst)
    {
        var (fund, buyer, seller) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        using var readSide = ReadSide.Create();
        readSide.Clock.Now = T0.AddMinutes(5);
        var fundEvents = await readSide.AppendAsync(
            Streams.Fund(fund),
            T0,
            new FundCreated(fund, "F", 10_000, T0),
            new UnitsIssued(fund, Guid.NewGuid(), seller, 1_000_000, 100, 1_000_000, 10_000m, 0, 0, 10_000, T0));
        var bookEvents = await readSide.AppendAsync(
            Streams.OrderBook(fund),
            T0.AddMinutes(1),
            new OrderAccepted(fund, Guid.NewGuid(), buyer, OrderSide.Buy, 12_000, 10, 0m, T0.AddMinutes(1)),
            new TradeExecuted(fund, Guid.NewGuid(), 12_000, 10, Guid.NewGuid(), buyer, 0, true, Guid.NewGuid(), seller, 0, true, T0.AddMinutes(1)));

        await DispatchInOrderAsync(readSide, fundFirst, fundEvents, bookEvents);
        var detail = await readSide.Queries.GetFundAsync(fund);

        Assert.NotNull(detail);
        Assert.Equal(("F", 1_000_000L, 100L), (detail.Name, detail.Cash, detail.UnitsOutstanding));
        Assert.Equal((12_000L, 120_000L), (detail.CurrentPrice, detail.TradingValueToday));
        Assert.Equal(10_000m, detail.Nav);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Given_fund_and_mcpi_events_in_either_order_Then_the_nav_history_is_the_same(bool fundFirst)
    {
        var fund = Guid.NewGuid();
        using var readSide = ReadSide.Create();
        var before = await readSide.AppendAsync(Streams.Mcpi, T0, new McpiPublished(10_000, T0, 10_000, T0));
        var fundEvents = await readSide.AppendAsync(
            Streams.Fund(fund),
            T0.AddMinutes(1),
            new FundCreated(fund, "F", 10_000, T0.AddMinutes(1)),
            new UnitsIssued(fund, Guid.NewGuid(), Guid.NewGuid(), 1_000_000, 100, 1_000_000, 10_000m, 0, 0, 10_000, T0.AddMinutes(2)),
            new PropertyAcquired(fund, Guid.NewGuid(), "SONG-1", "REG-1", "M-1", 1_000_000, 10_000, T0.AddMinutes(3)));
        var after = await readSide.AppendAsync(Streams.Mcpi, T0.AddMinutes(4), new McpiPublished(11_000, T0.AddMinutes(4), 10_000, T0.AddMinutes(4)));

        await DispatchInOrderAsync(readSide, fundFirst, fundEvents, [.. before, .. after]);
        var history = await readSide.Queries.GetNavHistoryAsync(fund);

        Assert.NotNull(history);
        Assert.Equal(
            [
                (T0.AddMinutes(1), 10_000m, 0L, 0L),
                (T0.AddMinutes(2), 10_000m, 1_000_000L, 100L),
                (T0.AddMinutes(3), 10_000m, 1_000_000L, 100L),
                (T0.AddMinutes(4), 11_000m, 1_100_000L, 100L),
            ],
            history.Points.Select(p => (p.At, p.Nav, p.NetAssets, p.UnitsOutstanding)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Given_investor_and_order_book_events_in_either_order_and_twice_Then_the_order_status_is_the_same(bool investorFirst)
    {
        var (fund, buyer, order) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        using var readSide = ReadSide.Create();
        var investorEvents = await readSide.AppendAsync(
            Streams.Investor(buyer),
            T0,
            new InvestorRegistered(buyer, "C", "c-login", "hash", T0),
            new CashDeposited(buyer, 500_000, T0),
            new OrderPlaced(buyer, order, fund, OrderSide.Buy, 12_000, 10, 120_000, 0m, 11_000, 7_700, 14_300, T0));
        var bookEvents = await readSide.AppendAsync(
            Streams.OrderBook(fund),
            T0,
            new OrderAccepted(fund, order, buyer, OrderSide.Buy, 12_000, 10, 0m, T0),
            new TradeExecuted(fund, Guid.NewGuid(), 12_000, 4, order, buyer, 0, false, Guid.NewGuid(), Guid.NewGuid(), 0, true, T0));

        await DispatchInOrderAsync(readSide, investorFirst, investorEvents, bookEvents);
        await DispatchInOrderAsync(readSide, !investorFirst, investorEvents, bookEvents);
        var status = await readSide.Queries.GetOrderAsync(order);
        var book = await readSide.Queries.GetOrderBookAsync(fund);

        Assert.NotNull(status);
        Assert.Equal(("partiallyFilled", 4L, 6L), (status.Status, status.FilledQuantity, status.RemainingQuantity));
        Assert.Equal((OrderSide.Buy, 12_000L, 10L), (status.Side!.Value, status.Price!.Value, status.Quantity!.Value));
        Assert.Equal([new OkCow.Application.Queries.PriceLevelDto(12_000, 6, 1)], book!.Bids);
    }

    private static async Task DispatchInOrderAsync(ReadSide readSide, bool firstFirst, IReadOnlyList<StoredEvent> first, IReadOnlyList<StoredEvent> second)
    {
        var (a, b) = firstFirst ? (first, second) : (second, first);
        await readSide.DispatchAsync(a);
        await readSide.DispatchAsync(b);
    }
}
