using OkCow.Application.Documents;
using OkCow.Application.ReadModels.NavHistory;
using OkCow.Application.Tests.ReadModels;
using OkCow.Application.Tests.Support;

namespace OkCow.Application.Tests.Queries;

/// <summary>
/// SPEC §10: <c>nav?at=</c> from the NAV-history page checkpoints answers what the full fold of both streams answers,
/// at every instant of a history three fund pages and two MCPI pages long, and while the projection lags behind.
/// </summary>
public sealed class NavAtCheckpointTests
{
    private static readonly DateTimeOffset T0 = TestClock.Start;

    public static TheoryData<int> Lags => new() { 0, 300, 901 };

    [Theory]
    [MemberData(nameof(Lags))]
    public async Task Given_a_long_history_projected_but_for_the_last_events_Then_the_checkpointed_answer_is_the_full_fold_at_every_instant(int lag)
    {
        var fund = Guid.NewGuid();
        using var readSide = await NavHistoryPagesTests.LongHistoryAsync(fund);
        var all = await readSide.Store.Events.ReadAsync(null, 10_000);
        await readSide.DispatchAsync([.. all.Events.Take(all.Events.Count - lag)]);

        var (compared, afterCreation) = (0, 0);
        for (var seconds = -60; seconds <= 1_210 * 60; seconds += 97)
        {
            var at = T0.AddSeconds(seconds);
            var checkpointed = await readSide.Queries.GetFundNavAtAsync(fund, at);
            var folded = await readSide.Queries.GetFundNavAtAsync(fund, at, fullFold: true);
            Assert.Equal(folded, checkpointed);
            compared += folded is null ? 0 : 1;
            afterCreation += seconds >= 0 ? 1 : 0;
        }

        // Before the fund's creation there is nothing; from it on, every instant has figures.
        Assert.Equal(afterCreation, compared);
    }

    [Fact]
    public async Task Given_a_projected_long_history_When_asked_at_page_boundaries_Then_the_figures_are_those_worked_out_by_hand()
    {
        var fund = Guid.NewGuid();
        using var readSide = await NavHistoryPagesTests.LongHistoryAsync(fund);
        await readSide.ProjectAsync();
        Assert.NotNull(await readSide.GetAsync<FundNavPage>(Containers.Funds, fund.ToString("D"), FundNavPage.IdOf(2)));

        // Version 257 (page 1's first) is the unit issued at minute 2 × 255 = 510; the MCPI then is 100.00 + 254.
        var atPageStart = await readSide.Queries.GetFundNavAtAsync(fund, T0.AddMinutes(510));
        Assert.Equal((255L * 10_000 - 5_000, 255L, 102.54m), (atPageStart!.Cash, atPageStart.UnitsOutstanding, atPageStart.Mcpi));

        // After the last MCPI publication (minute 601, 103.00) and the last issue (minute 1,200).
        var atEnd = await readSide.Queries.GetFundNavAtAsync(fund, T0.AddMinutes(1_300));
        Assert.Equal((600L * 10_000 - 5_000, 600L, 103.00m), (atEnd!.Cash, atEnd.UnitsOutstanding, atEnd.Mcpi));
        Assert.Equal(atEnd.Cash + (5_000 * 10_300 / 10_000), atEnd.NetAssets);
    }
}
