using OkCow.Application.Commands;
using OkCow.Application.Tests.Support;
using static OkCow.Domain.Funds.FundEvent;
using static OkCow.Domain.Index.McpiEvent;

namespace OkCow.Application.Tests.Queries;

/// <summary>R11: a fund's figures as of past instants, rebuilt from the log, against figures worked out by hand.</summary>
public sealed class FundNavAtTests
{
    private static readonly DateTimeOffset T0 = TestClock.Start;
    private static readonly Guid Fund = Guid.NewGuid();

    public static TheoryData<int, long, long, long, decimal, decimal> Instants => new()
    {
        // minutes after T0: cash, units outstanding, net assets, NAV, MCPI
        { 10, 0, 0, 0, 10_000m, 100.00m },                              // created, nothing issued: the base price
        { 15, 1_000_000, 100, 1_000_000, 10_000m, 100.00m },            // 100 units at 10,000
        { 20, 400_000, 100, 1_000_000, 10_000m, 100.00m },              // property bought for 600,000 at MCPI 100.00
        { 29, 400_000, 100, 1_000_000, 10_000m, 100.00m },              // one minute before the MCPI moves
        { 30, 400_000, 100, 1_060_000, 10_600m, 110.00m },              // 600,000 × 110 / 100 = 660,000
        { 40, 506_000, 110, 1_166_000, 10_600m, 110.00m },              // 10 units at 10,600
        { 50, 506_000, 110, 1_079_000, 1_079_000m / 110, 95.50m },      // 600,000 × 95.50 / 100 = 573,000
    };

    [Theory]
    [MemberData(nameof(Instants))]
    public async Task Given_a_scripted_history_When_asked_as_of_an_instant_Then_the_figures_are_those_of_that_instant(
        int minutes, long cash, long units, long netAssets, decimal nav, decimal mcpi)
    {
        using var readSide = await ScriptedHistoryAsync();

        var figures = await readSide.Queries.GetFundNavAtAsync(Fund, T0.AddMinutes(minutes));

        Assert.NotNull(figures);
        Assert.Equal((cash, units, netAssets, nav, mcpi), (figures.Cash, figures.UnitsOutstanding, figures.NetAssets, figures.Nav, figures.Mcpi));
    }

    [Fact]
    public async Task Given_a_scripted_history_When_asked_before_the_fund_existed_Then_there_is_nothing()
    {
        using var readSide = await ScriptedHistoryAsync();

        Assert.Null(await readSide.Queries.GetFundNavAtAsync(Fund, T0.AddMinutes(9)));
        Assert.Null(await readSide.Queries.GetFundNavAtAsync(Guid.NewGuid(), T0.AddMinutes(60)));
    }

    [Fact]
    public async Task Given_a_scripted_history_Then_the_projected_nav_history_has_the_same_figures()
    {
        using var readSide = await ScriptedHistoryAsync();
        await readSide.ProjectAsync();

        var history = await readSide.Queries.GetNavHistoryAsync(Fund);

        Assert.Equal(
            [
                (10, 10_000m, 0L, 0L),
                (15, 10_000m, 1_000_000L, 100L),
                (20, 10_000m, 1_000_000L, 100L),
                (30, 10_600m, 1_060_000L, 100L),
                (40, 10_600m, 1_166_000L, 110L),
                (50, 1_079_000m / 110, 1_079_000L, 110L),
            ],
            history!.Points.Select(p => ((int)(p.At - T0).TotalMinutes, p.Nav, p.NetAssets, p.UnitsOutstanding)));
    }

    private static async Task<ReadSide> ScriptedHistoryAsync()
    {
        var readSide = ReadSide.Create();
        var at = (int minutes) => T0.AddMinutes(minutes);
        await readSide.AppendAsync(Streams.Mcpi, at(0), new McpiPublished(10_000, at(0), 10_000, at(0)));
        await readSide.AppendAsync(Streams.Fund(Fund), at(10), new FundCreated(Fund, "Time Fund", 10_000, at(10)));
        await readSide.AppendAsync(Streams.Fund(Fund), at(15), new UnitsIssued(Fund, Guid.NewGuid(), Guid.NewGuid(), 1_000_000, 100, 1_000_000, 10_000m, 0, 0, 10_000, at(15)));
        await readSide.AppendAsync(Streams.Fund(Fund), at(20), new PropertyAcquired(Fund, Guid.NewGuid(), "SONG-1", "REG-1", "M-1", 600_000, 10_000, at(20)));
        await readSide.AppendAsync(Streams.Mcpi, at(30), new McpiPublished(11_000, at(30), 10_000, at(30)));
        await readSide.AppendAsync(Streams.Fund(Fund), at(40), new UnitsIssued(Fund, Guid.NewGuid(), Guid.NewGuid(), 106_000, 10, 106_000, 10_600m, 1_060_000, 100, 11_000, at(40)));
        await readSide.AppendAsync(Streams.Mcpi, at(50), new McpiPublished(9_550, at(50), 10_000, at(50)));
        return readSide;
    }
}
