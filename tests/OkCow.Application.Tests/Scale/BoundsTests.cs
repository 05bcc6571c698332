using System.Text.Json;
using OkCow.Application.Commands;
using OkCow.Application.Documents;
using OkCow.Application.ReadModels.Register;
using OkCow.Application.Tests.Sagas;
using OkCow.Application.Serialization;
using OkCow.Domain.Funds;
using OkCow.Domain.Investors;
using Xunit.Abstractions;
using FundHandler = OkCow.Application.Commands.AggregateHandler<OkCow.Domain.Funds.FundDecider, OkCow.Domain.Funds.FundCommand, OkCow.Domain.Funds.FundEvent, OkCow.Domain.Funds.FundState>;
using InvestorHandler = OkCow.Application.Commands.AggregateHandler<OkCow.Domain.Investors.InvestorDecider, OkCow.Domain.Investors.InvestorCommand, OkCow.Domain.Investors.InvestorEvent, OkCow.Domain.Investors.InvestorState>;

namespace OkCow.Application.Tests.Scale;

/// <summary>
/// SPEC §10 on the embedded store, not timed: a fund with many holders (each subscribed through the saga) keeps a head
/// under 16 KB and writes no batch over 64 KB, and a royalty to all of them completes, paid page by page. The suite
/// runs 2,000 holders (20 register pages; the old register alone would have made a 160 KB head);
/// <c>OKCOW_BOUNDS_HOLDERS=10000</c> runs the figure SPEC §10 names (about three minutes here), as build/bench.sh does.
/// </summary>
public sealed class BoundsTests(ITestOutputHelper output) : IDisposable
{
    private const int HeadLimit = 16 * 1024;
    private const int BatchLimit = 64 * 1024;

    private static readonly int Holders = int.TryParse(Environment.GetEnvironmentVariable("OKCOW_BOUNDS_HOLDERS"), out var holders) ? holders : 2_000;

    private MeasuringEventStore? _measured;
    private WriteSideHarness? _harness;

    private WriteSideHarness Harness => _harness ??= new WriteSideHarness(wrapEvents: inner => _measured = new MeasuringEventStore(inner));

    private MeasuringEventStore Measured => _measured ?? throw new InvalidOperationException("The harness did not wrap the store.");

    public void Dispose() => _harness?.Dispose();

    [Fact]
    public async Task GivenTenThousandHolders_WhenTheySubscribeAndARoyaltyIsPaid_ThenNoHeadOrBatchOutgrowsItsBound()
    {
        var fund = Guid.NewGuid();
        await Harness.Commands.CreateFundAsync(fund, "Popular fund", 10_000, WriteSideHarness.Operator, default);
        var investors = Harness.Get<InvestorHandler>();
        var now = Harness.Clock.GetUtcNow();
        for (var i = 0; i < Holders; i++)
        {
            var id = Guid.NewGuid();
            var stream = Streams.Investor(id);
            await investors.HandleAsync(stream, new InvestorCommand.Register(id, "Holder", $"holder{i:D5}", "not-a-real-hash", now), WriteSideHarness.Operator);
            await investors.HandleAsync(stream, new InvestorCommand.Deposit(id, 20_000, now), WriteSideHarness.Operator);
            await Harness.Commands.SubscribeAsync(fund, Guid.NewGuid(), id, 10_000 * (1 + (i % 2)), WriteSideHarness.Operator, default);
        }

        await Harness.DrainAsync();
        var payout = System.Diagnostics.Stopwatch.StartNew();
        await Harness.Commands.DistributeRoyaltyAsync(fund, Guid.NewGuid(), 1_000_000_007, WriteSideHarness.Operator, default);
        await Harness.DrainAsync();
        payout.Stop();

        var events = await Harness.EventsOfAsync(Streams.Fund(fund));
        var completed = Assert.Single(events.OfType<FundEvent.RoyaltyCompleted>());
        Assert.Equal(Holders, completed.HoldersPaid);
        Assert.Equal(Holders / RegisterDocuments.PageSize, events.OfType<FundEvent.RoyaltyPagePaid>().Count());
        Assert.Equal(1_000_000_007, completed.Paid + completed.Retained);
        var state = (await Harness.Get<FundHandler>().LoadAsync(Streams.Fund(fund))).State;
        Assert.Equal((Holders * 3 / 2L, null), (state.UnitsOutstanding, state.Royalty));

        var largestRegisterDocument = await LargestRegisterDocumentAsync(fund);
        output.WriteLine(
            "{0} holders: fund head {1} B, investor head {2} B, largest append {3} B, largest register document {4} B, {5} appends, royalty {6:F1} s",
            Holders,
            Measured.LargestSnapshotBytes("fund"),
            Measured.LargestSnapshotBytes("investor"),
            Measured.LargestAppendBytes,
            largestRegisterDocument,
            Measured.Appends,
            payout.Elapsed.TotalSeconds);
        Assert.InRange(Measured.LargestSnapshotBytes("fund"), 1, HeadLimit);
        Assert.InRange(Measured.LargestSnapshotBytes("investor"), 1, HeadLimit);
        Assert.InRange(Measured.LargestAppendBytes, 1, BatchLimit);
        Assert.InRange(largestRegisterDocument, 1, BatchLimit);
    }

    private async Task<long> LargestRegisterDocumentAsync(Guid fund)
    {
        var partition = RegisterDocuments.PartitionKey(fund);
        var head = (await Harness.Documents.GetAsync<RegisterHead>(Containers.Funds, partition, RegisterDocuments.HeadId))!.Value;
        var largest = JsonSerializer.SerializeToUtf8Bytes(head, Json.Options).LongLength;
        for (var page = 0; page < RegisterDocuments.PageCount(head.Slots); page++)
        {
            var document = (await Harness.Documents.GetAsync<RegisterPage>(Containers.Funds, partition, RegisterDocuments.PageId(page)))!.Value;
            largest = Math.Max(largest, JsonSerializer.SerializeToUtf8Bytes(document, Json.Options).LongLength);
        }

        return largest;
    }
}
