using Microsoft.AspNetCore.Http;
using OkCow.Application.Commands;
using OkCow.Domain.Common;

namespace OkCow.Functions.Tests;

public sealed class SubscriptionTests(FunctionsFixture host) : IClassFixture<FunctionsFixture>
{
    private Task<Answer> SubscribeAsync(Guid fundId, object body) =>
        host.PostAsync($"/api/funds/{fundId}/subscriptions", body, r => host.Market.Subscribe(r, fundId.ToString()));

    [Fact]
    public async Task GivenAmountAboveAvailableCash_WhenSubscribing_Then422InsufficientCashAndNothingWritten()
    {
        var investorId = await host.RegisterWithCashAsync(50_000);
        var fundId = await host.CreateFundAsync();

        var answer = await SubscribeAsync(fundId, new { investorId, amount = 50_001 });

        AnswerAssert.Problem(answer, StatusCodes.Status422UnprocessableEntity, ErrorCodes.InsufficientCash);
        Assert.Equal(2, await host.StreamVersionAsync(Streams.Investor(investorId)));
        Assert.Equal(1, await host.StreamVersionAsync(Streams.Fund(fundId)));
    }

    [Fact]
    public async Task GivenEnoughCash_WhenSubscribing_Then202WithSubscriptionLocation()
    {
        var investorId = await host.RegisterWithCashAsync(50_000);
        var fundId = await host.CreateFundAsync();

        var answer = await SubscribeAsync(fundId, new { investorId, amount = 50_000 });

        var subscriptionId = answer.Json.GetProperty("subscriptionId").GetGuid();
        AnswerAssert.Accepted(answer, StatusCodes.Status202Accepted, $"/api/subscriptions/{subscriptionId}");
        Assert.Equal(3, answer.Version);
        Assert.Equal(fundId, answer.Json.GetProperty("fundId").GetGuid());
        Assert.Equal(investorId, answer.Json.GetProperty("investorId").GetGuid());
    }

    [Fact]
    public async Task GivenUnknownFund_WhenSubscribing_Then404AndNothingWritten()
    {
        var investorId = await host.RegisterWithCashAsync(50_000);

        var answer = await SubscribeAsync(Guid.NewGuid(), new { investorId, amount = 10_000 });

        AnswerAssert.Problem(answer, StatusCodes.Status404NotFound, ErrorCodes.NotFound);
        Assert.Equal(2, await host.StreamVersionAsync(Streams.Investor(investorId)));
    }

    [Theory]
    [InlineData("""{"amount":10000}""")]
    [InlineData("""{"investorId":"not-a-uuid","amount":10000}""")]
    [InlineData("""{"investorId":"00000000-0000-0000-0000-000000000001","amount":0}""")]
    [InlineData("""{"investorId":"00000000-0000-0000-0000-000000000001","amount":"10000"}""")]
    public async Task GivenMalformedSubscription_WhenSubscribing_Then400(string body)
    {
        var fundId = await host.CreateFundAsync();

        var answer = await SubscribeAsync(fundId, body);

        AnswerAssert.Problem(answer, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
    }

    [Fact]
    public async Task GivenSubscription_WhenTheSagaHasRun_ThenItsStatusIsCompleted()
    {
        var investorId = await host.RegisterWithCashAsync(50_000);
        var fundId = await host.CreateFundAsync();
        var answer = await SubscribeAsync(fundId, new { investorId, amount = 25_000 });
        var subscriptionId = answer.Json.GetProperty("subscriptionId").GetGuid();

        await host.DispatchFeedAsync();
        var status = await host.GetAsync(answer.Location!, r => host.Queries.GetSubscription(r, subscriptionId.ToString()));

        Assert.Equal(StatusCodes.Status200OK, status.Status);
        Assert.Equal("completed", status.Json.GetProperty("status").GetString());
    }
}
