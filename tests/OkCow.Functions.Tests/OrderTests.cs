using Microsoft.AspNetCore.Http;
using OkCow.Application.Commands;
using OkCow.Domain.Common;

namespace OkCow.Functions.Tests;

/// <summary>A fresh fund of base price 10,000 that never traded: the band runs from 7,000 to 13,000 (R16).</summary>
public sealed class OrderTests(FunctionsFixture host) : IClassFixture<FunctionsFixture>
{
    private Task<Answer> PlaceAsync(Guid fundId, object body) =>
        host.PostAsync($"/api/funds/{fundId}/orders", body, r => host.Market.PlaceOrder(r, fundId.ToString()));

    private Task<Answer> CancelAsync(Guid fundId, Guid orderId) =>
        host.DeleteAsync($"/api/funds/{fundId}/orders/{orderId}", r => host.Market.CancelOrder(r, fundId.ToString(), orderId.ToString()));

    [Fact]
    public async Task GivenPriceAtTheTopOfTheBand_WhenBuying_Then202WithOrderLocationAndCashReserved()
    {
        var investorId = await host.RegisterWithCashAsync(1_000_000);
        var fundId = await host.CreateFundAsync();

        var answer = await PlaceAsync(fundId, new { investorId, side = "buy", price = 13_000, quantity = 2 });

        var orderId = answer.Json.GetProperty("orderId").GetGuid();
        AnswerAssert.Accepted(answer, StatusCodes.Status202Accepted, $"/api/orders/{orderId}");
        Assert.Equal(3, answer.Version);
    }

    [Theory]
    [InlineData(10_050)]
    [InlineData(1)]
    [InlineData(99)]
    public async Task GivenPriceOffTheTick_WhenOrdering_Then422InvalidTickAndNothingWritten(long price)
    {
        var investorId = await host.RegisterWithCashAsync(1_000_000);
        var fundId = await host.CreateFundAsync();

        var answer = await PlaceAsync(fundId, new { investorId, side = "buy", price, quantity = 1 });

        AnswerAssert.Problem(answer, StatusCodes.Status422UnprocessableEntity, ErrorCodes.InvalidTick);
        Assert.Equal(2, await host.StreamVersionAsync(Streams.Investor(investorId)));
    }

    [Theory]
    [InlineData(13_100)]
    [InlineData(6_900)]
    [InlineData(14_400)]
    public async Task GivenPriceOutsideTheBand_WhenOrdering_Then422PriceOutOfBand(long price)
    {
        var investorId = await host.RegisterWithCashAsync(1_000_000);
        var fundId = await host.CreateFundAsync();

        var answer = await PlaceAsync(fundId, new { investorId, side = "buy", price, quantity = 1 });

        AnswerAssert.Problem(answer, StatusCodes.Status422UnprocessableEntity, ErrorCodes.PriceOutOfBand);
        Assert.Equal(2, await host.StreamVersionAsync(Streams.Investor(investorId)));
    }

    [Fact]
    public async Task GivenTooLittleCash_WhenBuying_Then422InsufficientCash()
    {
        var investorId = await host.RegisterWithCashAsync(10_000);
        var fundId = await host.CreateFundAsync();

        var answer = await PlaceAsync(fundId, new { investorId, side = "buy", price = 10_000, quantity = 2 });

        AnswerAssert.Problem(answer, StatusCodes.Status422UnprocessableEntity, ErrorCodes.InsufficientCash);
    }

    [Fact]
    public async Task GivenNoUnits_WhenSelling_Then422InsufficientUnits()
    {
        var investorId = await host.RegisterWithCashAsync(10_000);
        var fundId = await host.CreateFundAsync();

        var answer = await PlaceAsync(fundId, new { investorId, side = "sell", price = 10_000, quantity = 1 });

        AnswerAssert.Problem(answer, StatusCodes.Status422UnprocessableEntity, ErrorCodes.InsufficientUnits);
    }

    [Fact]
    public async Task GivenUnknownFund_WhenOrdering_Then404()
    {
        var investorId = await host.RegisterWithCashAsync(1_000_000);

        var answer = await PlaceAsync(Guid.NewGuid(), new { investorId, side = "buy", price = 10_000, quantity = 1 });

        AnswerAssert.Problem(answer, StatusCodes.Status404NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task GivenUnknownInvestor_WhenOrdering_Then404()
    {
        var fundId = await host.CreateFundAsync();

        var answer = await PlaceAsync(fundId, new { investorId = Guid.NewGuid(), side = "buy", price = 10_000, quantity = 1 });

        AnswerAssert.Problem(answer, StatusCodes.Status404NotFound, ErrorCodes.NotFound);
    }

    [Theory]
    [InlineData("hold")]
    [InlineData("0")]
    [InlineData("")]
    public async Task GivenUnknownSide_WhenOrdering_Then400(string side)
    {
        var investorId = await host.RegisterWithCashAsync(1_000_000);
        var fundId = await host.CreateFundAsync();

        var answer = await PlaceAsync(fundId, new { investorId, side, price = 10_000, quantity = 1 });

        AnswerAssert.Problem(answer, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
    }

    [Theory]
    [InlineData("""{"side":"buy","price":10000,"quantity":1}""")]
    [InlineData("""{"investorId":"nope","side":"buy","price":10000,"quantity":1}""")]
    [InlineData("""{"investorId":"00000000-0000-0000-0000-000000000001","side":"buy","price":10000,"quantity":0}""")]
    [InlineData("""{"investorId":"00000000-0000-0000-0000-000000000001","side":"buy","price":10000.5,"quantity":1}""")]
    public async Task GivenMalformedOrder_WhenOrdering_Then400(string body)
    {
        var fundId = await host.CreateFundAsync();

        var answer = await PlaceAsync(fundId, body);

        AnswerAssert.Problem(answer, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
    }

    [Fact]
    public async Task GivenFund_WhenCancellingAnUnknownOrder_Then404()
    {
        var fundId = await host.CreateFundAsync();

        var answer = await CancelAsync(fundId, Guid.NewGuid());

        AnswerAssert.Problem(answer, StatusCodes.Status404NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task GivenUnknownFund_WhenCancellingAnOrder_Then404()
    {
        var answer = await CancelAsync(Guid.NewGuid(), Guid.NewGuid());

        AnswerAssert.Problem(answer, StatusCodes.Status404NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task GivenRouteIdsThatAreNotUuids_WhenCancelling_Then400()
    {
        var answer = await host.DeleteAsync("/api/funds/x/orders/y", r => host.Market.CancelOrder(r, "x", Guid.NewGuid().ToString()));
        var order = await host.DeleteAsync("/api/funds/x/orders/y", r => host.Market.CancelOrder(r, Guid.NewGuid().ToString(), "y"));

        AnswerAssert.Problem(answer, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
        AnswerAssert.Problem(order, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
    }

    [Fact]
    public async Task GivenRestingBuy_WhenCancelledAfterTheSagaBookedIt_Then202WithOrderLocation()
    {
        var investorId = await host.RegisterWithCashAsync(1_000_000);
        var fundId = await host.CreateFundAsync();
        var placed = await PlaceAsync(fundId, new { investorId, side = "buy", price = 10_000, quantity = 1 });
        var orderId = placed.Json.GetProperty("orderId").GetGuid();
        await host.DispatchFeedAsync();

        var answer = await CancelAsync(fundId, orderId);

        AnswerAssert.Accepted(answer, StatusCodes.Status202Accepted, $"/api/orders/{orderId}");
    }
}
