using System.Text.Json;
using OkCow.Application.Commands;
using OkCow.Application.Documents;
using OkCow.Application.Queries;
using OkCow.Application.ReadModels.Reconciliation;
using OkCow.Application.Tests.Support;
using Xunit.Abstractions;
using static OkCow.Domain.Funds.FundEvent;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Application.Tests.Queries;

/// <summary>
/// SPEC §10: the running totals stay one small document however many sagas are in flight; each open leg is a small
/// document of its own, deleted once the saga settles, and the report equals the full fold throughout.
/// </summary>
public sealed class LedgerLegTests(ITestOutputHelper output)
{
    private const int Sagas = 2_000;
    private const int TotalsBound = 1_024;
    private const int LegBound = 256;
    private static readonly DateTimeOffset T0 = TestClock.Start;

    [Fact]
    public async Task Given_thousands_of_subscriptions_in_flight_Then_the_totals_stay_small_each_leg_is_a_small_document_and_none_remains_once_settled()
    {
        using var readSide = ReadSide.Create();
        var fund = Guid.NewGuid();
        var investors = Enumerable.Range(0, 100).Select(_ => Guid.NewGuid()).ToList();
        foreach (var investor in investors)
        {
            await readSide.AppendAsync(Streams.Investor(investor), T0, new InvestorRegistered(investor, "A", $"l-{investor:N}", "h", T0), new CashDeposited(investor, 10_000_000, T0));
        }

        await readSide.AppendAsync(Streams.Fund(fund), T0, new FundCreated(fund, "F", 10_000, T0));
        await readSide.ProjectAsync();

        // Every fund leg first (units issued), none of the investors' yet: all the sagas are in flight at once.
        var subscriptions = Enumerable.Range(0, Sagas).Select(i => (Id: Guid.NewGuid(), Investor: investors[i % investors.Count], Cost: 10_000L + i)).ToList();
        foreach (var chunk in subscriptions.Chunk(20))
        {
            await readSide.AppendAsync(
                Streams.Fund(fund),
                T0,
                [.. chunk.Select(s => (object)new UnitsIssued(fund, s.Id, s.Investor, s.Cost, 1, s.Cost, 10_000m, 0, 0, 10_000, T0))]);
        }

        await readSide.ProjectAsync();

        var midway = await AssertAgreesAsync(readSide.Queries);
        Assert.Equal((Sagas, subscriptions.Sum(s => s.Cost), false), (midway.OpenSagas, midway.InTransit, midway.Settled));
        var (totalsBytes, legs) = await PartitionAsync(readSide);
        output.WriteLine($"{Sagas} sagas in flight: totals {totalsBytes} B, largest leg {legs.Max(l => l.Bytes)} B");
        Assert.InRange(totalsBytes, 1, TotalsBound);
        Assert.Equal(Sagas, legs.Count);
        Assert.All(legs, leg => Assert.InRange(leg.Bytes, 1, LegBound));
        Assert.Equal(subscriptions.Select(s => LedgerLeg.IdOf(s.Id)).Order(StringComparer.Ordinal), legs.Select(l => l.Id).Order(StringComparer.Ordinal));

        // The investors settle in another order, half in one batch and the rest in another.
        var settledSoFar = 0;
        foreach (var half in subscriptions.OrderByDescending(s => s.Cost).Chunk(Sagas / 2))
        {
            foreach (var byInvestor in half.GroupBy(s => s.Investor))
            {
                await readSide.AppendAsync(
                    Streams.Investor(byInvestor.Key),
                    T0,
                    [.. byInvestor.Select(s => (object)new SubscriptionSettled(s.Investor, s.Id, fund, s.Cost, 1, s.Cost, T0))]);
            }

            await readSide.ProjectAsync();
            var report = await AssertAgreesAsync(readSide.Queries);
            Assert.InRange((await PartitionAsync(readSide)).TotalsBytes, 1, TotalsBound);
            settledSoFar += half.Length;
            Assert.Equal(Sagas - settledSoFar, report.OpenSagas);
        }

        var settled = await AssertAgreesAsync(readSide.Queries);
        Assert.Equal((0, 0L, true, true), (settled.OpenSagas, settled.InTransit, settled.Settled, settled.Agrees));
        Assert.Empty((await PartitionAsync(readSide)).Legs);
    }

    private static async Task<ReconciliationDto> AssertAgreesAsync(ReadQueries queries)
    {
        var running = await queries.ReconcileAsync();
        var full = await queries.ReconcileAsync(fullFold: true);
        Assert.Equal(full with { At = running.At }, running);
        return running;
    }

    /// <summary>The totals document's size and every leg document's id and size, as stored.</summary>
    private static async Task<(int TotalsBytes, List<(string Id, int Bytes)> Legs)> PartitionAsync(ReadSide readSide)
    {
        var totals = await readSide.Documents.GetAsync<JsonElement>(Containers.Directory, LedgerTotalsView.Partition, LedgerTotalsView.DocumentId);
        var legs = new List<(string, int)>();
        string? continuation = null;
        do
        {
            var page = await readSide.Documents.ListPageAsync<JsonElement>(Containers.Directory, LedgerTotalsView.Partition, 500, continuation);
            legs.AddRange(page.Items
                .Where(d => d.TryGetProperty("sagaId", out _))
                .Select(d => (LedgerLeg.IdOf(d.GetProperty("sagaId").GetGuid()), JsonSerializer.SerializeToUtf8Bytes(d).Length)));
            continuation = page.Continuation;
        }
        while (continuation is not null);

        return (totals is null ? 0 : JsonSerializer.SerializeToUtf8Bytes(totals.Value).Length, legs);
    }
}
