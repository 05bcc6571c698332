using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OkCow.Application.Documents;
using OkCow.Application.Queries;
using OkCow.Application.ReadModels.Rebuild;
using OkCow.Application.Tests.Sagas;
using OkCow.Domain.Investors;

namespace OkCow.Application.Tests.Rebuild;

public sealed class ReadModelRebuilderTests : IDisposable
{
    private readonly WriteSideHarness _harness = new(withReadSide: true);

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task GivenLiveReadModels_WhenRebuiltIntoAFreshGeneration_ThenTheNewGenerationAnswersTheSame()
    {
        var (investor, fund) = await TradedScenarioAsync();
        var live = _harness.Get<ReadQueries>();

        var report = await _harness.Get<ReadModelRebuilder>().RebuildAsync("g2");

        var rebuilt = ActivatorUtilities.CreateInstance<ReadQueries>(ServicesOf(_harness), new ReadModelStore(_harness.Documents, "g2"));
        Assert.True(report.Events > 10);
        Assert.Equal(Serialize(await live.GetPortfolioAsync(investor, default)), Serialize(await rebuilt.GetPortfolioAsync(investor, default)));
        Assert.Equal(Serialize(await live.GetFundAsync(fund, default)), Serialize(await rebuilt.GetFundAsync(fund, default)));
        Assert.Equal(Serialize(await live.GetOrderBookAsync(fund, default)), Serialize(await rebuilt.GetOrderBookAsync(fund, default)));
        Assert.Equal(Serialize(await live.ListInvestorsAsync(0, 50, default)), Serialize(await rebuilt.ListInvestorsAsync(0, 50, default)));
    }

    [Fact]
    public async Task GivenARebuild_WhenRunAgain_ThenNothingIsAppliedTwice()
    {
        var (investor, _) = await TradedScenarioAsync();
        var rebuilder = _harness.Get<ReadModelRebuilder>();
        await rebuilder.RebuildAsync("g3");
        var store = new ReadModelStore(_harness.Documents, "g3");
        var before = await store.GetAsync<JsonElement>(Containers.Investors, investor.ToString(), "portfolio");

        await rebuilder.RebuildAsync("g3");

        var after = await store.GetAsync<JsonElement>(Containers.Investors, investor.ToString(), "portfolio");
        Assert.NotNull(before);
        Assert.Equal(before.ETag, after!.ETag);
    }

    [Fact]
    public void GivenAGeneration_WhenResolvingContainers_ThenOnlyReadModelsMove()
    {
        var store = new ReadModelStore(_harness.Documents, "g2");

        Assert.Equal("investors-g2", store.ContainerFor(Containers.Investors));
        Assert.Equal(Containers.Idempotency, store.ContainerFor(Containers.Idempotency));
        Assert.Equal(Containers.Parked, store.ContainerFor(Containers.Parked));
        Assert.Equal(Containers.Funds, new ReadModelStore(_harness.Documents, "").ContainerFor(Containers.Funds));
        Assert.Throws<ArgumentException>(() => new ReadModelStore(_harness.Documents, "G2; drop"));
    }

    private async Task<(Guid Investor, Guid Fund)> TradedScenarioAsync()
    {
        var context = WriteSideHarness.Operator;
        var fund = Guid.NewGuid();
        await _harness.Commands.CreateFundAsync(fund, "Rebuild fund", 10_000, context, default);
        var seller = Guid.NewGuid();
        var buyer = Guid.NewGuid();
        await _harness.Commands.RegisterInvestorAsync(seller, "Seller", "seller", "password-1", context, default);
        await _harness.Commands.RegisterInvestorAsync(buyer, "Buyer", "buyer", "password-1", context, default);
        await _harness.Commands.DepositAsync(seller, 100_000, context, default);
        await _harness.Commands.DepositAsync(buyer, 100_000, context, default);
        await _harness.Commands.SubscribeAsync(fund, Guid.NewGuid(), seller, 100_000, context, default);
        await _harness.DrainAsync();
        await _harness.Commands.PlaceOrderAsync(fund, Guid.NewGuid(), seller, OrderSide.Sell, 10_000, 4, context, default);
        await _harness.DrainAsync();
        await _harness.Commands.PlaceOrderAsync(fund, Guid.NewGuid(), buyer, OrderSide.Buy, 10_000, 3, context, default);
        await _harness.DrainAsync();
        return (buyer, fund);
    }

    private static IServiceProvider ServicesOf(WriteSideHarness harness) => harness.Get<IServiceProvider>();

    private static string Serialize(object? value) => JsonSerializer.Serialize(value);
}
