using System.Text.Json;
using OkCow.Application.Commands;
using OkCow.Application.Documents;
using OkCow.Application.ReadModels.NavHistory;
using OkCow.Application.Tests.Support;
using OkCow.Domain.Funds;
using OkCow.Infrastructure.Embedded;
using static OkCow.Domain.Funds.FundEvent;
using static OkCow.Domain.Index.McpiEvent;

namespace OkCow.Application.Tests.ReadModels;

/// <summary>
/// SPEC §10: the NAV history is paged by version (256 per page), the MCPI series is shared by every fund, and the
/// history read by walking the pages is the one worked out point by point.
/// </summary>
public sealed class NavHistoryPagesTests
{
    private const int Issues = 600;
    private const int Publications = 300;
    private const long PropertyPrice = 5_000;
    private static readonly DateTimeOffset T0 = TestClock.Start;

    [Fact]
    public async Task Given_more_events_than_a_page_holds_Then_the_pages_stay_bounded_and_the_history_is_the_one_worked_out_by_hand()
    {
        var fund = Guid.NewGuid();
        using var readSide = await LongHistoryAsync(fund);
        await readSide.ProjectAsync();

        var history = await readSide.Queries.GetNavHistoryAsync(fund);

        Assert.Equal(Expected(), history!.Points.Select(p => (p.At, p.Cash, p.UnitsOutstanding, p.NetAssets, p.Mcpi)));

        // 602 fund versions in 3 pages, 300 MCPI versions in 2, each page well under the 64 KB a document may take.
        var key = fund.ToString("D");
        for (var page = 0; page < 3; page++)
        {
            var stored = await readSide.GetAsync<System.Text.Json.Nodes.JsonObject>(Containers.Funds, key, FundNavPage.IdOf(page));
            Assert.InRange(JsonSerializer.SerializeToUtf8Bytes(stored, SqliteDocumentStore.JsonOptions).Length, 1, 48 * 1024);
            Assert.InRange((await readSide.GetAsync<FundNavPage>(Containers.Funds, key, FundNavPage.IdOf(page)))!.Entries.Count, 1, StreamPages.Size);
        }

        Assert.Null(await readSide.GetAsync<FundNavPage>(Containers.Funds, key, FundNavPage.IdOf(3)));
        var mcpiPages = await readSide.Documents.ListAsync<McpiPage>(Containers.Directory, McpiPage.Partition, 0, 10);
        Assert.Equal([(256L, 256), (300L, 44)], mcpiPages.Select(p => (p.Version, p.Publications.Count)));
    }

    [Fact]
    public async Task Given_a_projected_history_When_every_batch_is_delivered_again_Then_nothing_changes()
    {
        var fund = Guid.NewGuid();
        using var readSide = await LongHistoryAsync(fund);
        var all = await readSide.ProjectAsync();
        var first = await readSide.Queries.GetNavHistoryAsync(fund);

        await readSide.DispatchAsync(all);
        foreach (var chunk in all.Chunk(97))
        {
            await readSide.DispatchAsync(chunk);
        }

        Assert.Equal(first!.Points, (await readSide.Queries.GetNavHistoryAsync(fund))!.Points);
        Assert.Equal(602L, (await readSide.GetAsync<FundNavPage>(Containers.Funds, fund.ToString("D"), FundNavPage.IdOf(2)))!.Version);
    }

    [Fact]
    public async Task Given_two_funds_Then_they_share_one_MCPI_series()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        using var readSide = ReadSide.Create();
        await readSide.AppendAsync(Streams.Fund(a), T0, new FundCreated(a, "A", 10_000, T0));
        await readSide.AppendAsync(Streams.Mcpi, T0.AddMinutes(1), new McpiPublished(10_500, T0.AddMinutes(1), 10_000, T0.AddMinutes(1)));
        await readSide.AppendAsync(Streams.Fund(b), T0.AddMinutes(2), new FundCreated(b, "B", 20_000, T0.AddMinutes(2)));
        await readSide.AppendAsync(Streams.Mcpi, T0.AddMinutes(3), new McpiPublished(11_000, T0.AddMinutes(3), 10_000, T0.AddMinutes(3)));
        await readSide.ProjectAsync();

        var historyA = await readSide.Queries.GetNavHistoryAsync(a);
        var historyB = await readSide.Queries.GetNavHistoryAsync(b);

        Assert.Equal([(0, 100.00m), (1, 105.00m), (3, 110.00m)], historyA!.Points.Select(p => ((int)(p.At - T0).TotalMinutes, p.Mcpi)));
        Assert.Equal([(2, 105.00m), (3, 110.00m)], historyB!.Points.Select(p => ((int)(p.At - T0).TotalMinutes, p.Mcpi)));
        Assert.Equal(2, (await readSide.Documents.ListAsync<McpiPage>(Containers.Directory, McpiPage.Partition, 0, 10)).Single().Publications.Count);
    }

    /// <summary>
    /// Minute 0: created at base price 10,000; minute 1: a property for 5,000 at MCPI 100.00; minute 2i (i = 1..600):
    /// one unit issued for 10,000; minute 2i + 1 (i = 1..300): MCPI published at 100.00 + i hundredths.
    /// </summary>
    internal static async Task<ReadSide> LongHistoryAsync(Guid fund)
    {
        var readSide = ReadSide.Create();
        var at = (int minutes) => T0.AddMinutes(minutes);
        await readSide.AppendAsync(Streams.Fund(fund), at(0), new FundCreated(fund, "Long", 10_000, at(0)));
        await readSide.AppendAsync(Streams.Fund(fund), at(1), new PropertyAcquired(fund, Guid.NewGuid(), "SONG-1", "REG-1", "M-1", PropertyPrice, 10_000, at(1)));
        for (var i = 1; i <= Issues; i++)
        {
            await readSide.AppendAsync(Streams.Fund(fund), at(2 * i), new UnitsIssued(fund, Guid.NewGuid(), Guid.NewGuid(), 10_000, 1, 10_000, 10_000m, 0, i - 1, 10_000, at(2 * i)));
            if (i <= Publications)
            {
                await readSide.AppendAsync(Streams.Mcpi, at((2 * i) + 1), new McpiPublished(10_000 + i, at((2 * i) + 1), 10_000, at((2 * i) + 1)));
            }
        }

        return readSide;
    }

    private static List<(DateTimeOffset, long, long, long, decimal)> Expected()
    {
        var property = new FundProperty(Guid.Empty, "", "", "", PropertyPrice, 10_000, T0);
        var points = new List<(DateTimeOffset, long, long, long, decimal)> { (T0, 0, 0, 0, 100.00m), (T0.AddMinutes(1), -PropertyPrice, 0, 0, 100.00m) };
        for (var minute = 2; minute <= 2 * Issues; minute++)
        {
            var issued = minute / 2;
            var published = Math.Min((minute - 1) / 2, Publications);
            var mcpi = 10_000L + published;
            var cash = (issued * 10_000L) - PropertyPrice;
            if (minute % 2 == 0 || published == (minute - 1) / 2)
            {
                points.Add((T0.AddMinutes(minute), cash, issued, cash + FundDecider.PropertyValue(property, mcpi), mcpi / 100m));
            }
        }

        return points;
    }
}
