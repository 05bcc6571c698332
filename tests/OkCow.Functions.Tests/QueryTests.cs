using Microsoft.AspNetCore.Http;
using OkCow.Domain.Common;

namespace OkCow.Functions.Tests;

public sealed class QueryTests(FunctionsFixture host) : IClassFixture<FunctionsFixture>
{
    [Fact]
    public async Task GivenRegisteredInvestor_WhenReadingTheProfile_ThenNameAndLoginIdButNoPasswordHash()
    {
        var loginId = FunctionsFixture.NewLoginId();
        var investorId = await host.RegisterAsync(loginId);
        await host.DispatchFeedAsync();

        var answer = await host.GetAsync($"/api/investors/{investorId}", r => host.Queries.GetInvestor(r, investorId.ToString()));

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal(loginId, answer.Json.GetProperty("loginId").GetString());
        Assert.Equal("Investor", answer.Json.GetProperty("name").GetString());
        Assert.False(answer.Json.TryGetProperty("passwordHash", out _));
        Assert.DoesNotContain("pbkdf2", answer.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GivenDepositAndWithdrawal_WhenReadingThePortfolio_ThenCashFiguresMatch()
    {
        var investorId = await host.RegisterWithCashAsync(1_000_000);
        await host.PostAsync($"/api/investors/{investorId}/withdrawals", new { amount = 250_000 }, r => host.Investors.Withdraw(r, investorId.ToString()));
        await host.DispatchFeedAsync();

        var answer = await host.GetAsync($"/api/investors/{investorId}/portfolio", r => host.Queries.GetPortfolio(r, investorId.ToString()));

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal(750_000, answer.Json.GetProperty("availableCash").GetInt64());
        Assert.Equal(0, answer.Json.GetProperty("pendingCash").GetInt64());
        Assert.Equal(750_000, answer.Json.GetProperty("depositBalance").GetInt64());
        Assert.Equal(0, answer.Json.GetProperty("holdings").GetArrayLength());
    }

    [Fact]
    public async Task GivenBuyOrder_WhenReadingThePortfolio_ThenReservedCashIsPending()
    {
        var investorId = await host.RegisterWithCashAsync(100_000);
        var fundId = await host.CreateFundAsync();
        await host.PostAsync($"/api/funds/{fundId}/orders", new { investorId, side = "buy", price = 10_000, quantity = 3 }, r => host.Market.PlaceOrder(r, fundId.ToString()));
        await host.DispatchFeedAsync();

        var answer = await host.GetAsync($"/api/investors/{investorId}/portfolio", r => host.Queries.GetPortfolio(r, investorId.ToString()));

        Assert.Equal(70_000, answer.Json.GetProperty("availableCash").GetInt64());
        Assert.Equal(30_000, answer.Json.GetProperty("pendingCash").GetInt64());
        Assert.Equal(100_000, answer.Json.GetProperty("depositBalance").GetInt64());
    }

    [Fact]
    public async Task GivenSubscription_WhenReadingFundAndPortfolio_ThenUnitsAndCashMoved()
    {
        var investorId = await host.RegisterWithCashAsync(1_000_000);
        var fundId = await host.CreateFundAsync(10_000);
        await host.PostAsync($"/api/funds/{fundId}/subscriptions", new { investorId, amount = 105_000 }, r => host.Market.Subscribe(r, fundId.ToString()));
        await host.DispatchFeedAsync();

        var fund = await host.GetAsync($"/api/funds/{fundId}", r => host.Queries.GetFund(r, fundId.ToString()));
        var portfolio = await host.GetAsync($"/api/investors/{investorId}/portfolio", r => host.Queries.GetPortfolio(r, investorId.ToString()));

        Assert.Equal(StatusCodes.Status200OK, fund.Status);
        Assert.Equal(100_000, fund.Json.GetProperty("cash").GetInt64());
        Assert.Equal(10, fund.Json.GetProperty("unitsOutstanding").GetInt64());
        Assert.Equal(10_000m, fund.Json.GetProperty("nav").GetDecimal());
        Assert.Equal(900_000, portfolio.Json.GetProperty("availableCash").GetInt64());
        var holding = Assert.Single(portfolio.Json.GetProperty("holdings").EnumerateArray());
        Assert.Equal(fundId, holding.GetProperty("fundId").GetGuid());
        Assert.Equal(10, holding.GetProperty("units").GetInt64());
        Assert.Equal(100_000, holding.GetProperty("totalPaid").GetInt64());
    }

    [Fact]
    public async Task GivenFund_WhenReadingNavAtNow_ThenBasePriceAndNoUnits()
    {
        var fundId = await host.CreateFundAsync(20_000);

        var answer = await host.GetAsync($"/api/funds/{fundId}/nav?at=2026-11-17T10:00:00%2B09:00", r => host.Queries.GetFundNavAt(r, fundId.ToString()));

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal(20_000m, answer.Json.GetProperty("nav").GetDecimal());
        Assert.Equal(0, answer.Json.GetProperty("unitsOutstanding").GetInt64());
    }

    [Fact]
    public async Task GivenFund_WhenReadingNavBeforeItExisted_Then404()
    {
        var fundId = await host.CreateFundAsync();

        var answer = await host.GetAsync($"/api/funds/{fundId}/nav?at=2020-01-01T00:00:00Z", r => host.Queries.GetFundNavAt(r, fundId.ToString()));

        AnswerAssert.Problem(answer, StatusCodes.Status404NotFound, ErrorCodes.NotFound);
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("00000000-0000-0000-0000-00000000000g")]
    public async Task GivenFundIdThatIsNotAUuid_WhenReadingTheFund_Then400(string fundId)
    {
        var answer = await host.GetAsync($"/api/funds/{fundId}", r => host.Queries.GetFund(r, fundId));

        AnswerAssert.Problem(answer, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
    }

    [Fact]
    public async Task GivenUnknownFund_WhenReadingIt_Then404()
    {
        var fundId = Guid.NewGuid();

        var answer = await host.GetAsync($"/api/funds/{fundId}", r => host.Queries.GetFund(r, fundId.ToString()));

        AnswerAssert.Problem(answer, StatusCodes.Status404NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task GivenUnknownInvestor_WhenReadingProfileOrPortfolio_Then404()
    {
        var investorId = Guid.NewGuid().ToString();

        var profile = await host.GetAsync($"/api/investors/{investorId}", r => host.Queries.GetInvestor(r, investorId));
        var portfolio = await host.GetAsync($"/api/investors/{investorId}/portfolio", r => host.Queries.GetPortfolio(r, investorId));

        AnswerAssert.Problem(profile, StatusCodes.Status404NotFound, ErrorCodes.NotFound);
        AnswerAssert.Problem(portfolio, StatusCodes.Status404NotFound, ErrorCodes.NotFound);
    }

    [Theory]
    [InlineData("bad")]
    [InlineData("")]
    [InlineData("2026-11-17T10:00:00")]
    [InlineData("2026-13-01T00:00:00Z")]
    public async Task GivenBadInstant_WhenReadingNavAt_Then400(string at)
    {
        var fundId = await host.CreateFundAsync();

        var answer = await host.GetAsync($"/api/funds/{fundId}/nav?at={Uri.EscapeDataString(at)}", r => host.Queries.GetFundNavAt(r, fundId.ToString()));

        AnswerAssert.Problem(answer, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
    }

    [Theory]
    [InlineData("?take=0")]
    [InlineData("?take=101")]
    [InlineData("?take=-1")]
    [InlineData("?skip=-1")]
    [InlineData("?take=ten")]
    public async Task GivenBadPage_WhenListingInvestors_Then400(string query)
    {
        var answer = await host.GetAsync("/api/investors" + query, host.Queries.ListInvestors);

        AnswerAssert.Problem(answer, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
    }

    [Theory]
    [InlineData("?take=1")]
    [InlineData("?take=100")]
    [InlineData("?skip=5&take=100")]
    [InlineData("")]
    public async Task GivenGoodPage_WhenListingInvestors_Then200(string query)
    {
        await host.RegisterAsync();
        await host.DispatchFeedAsync();

        var answer = await host.GetAsync("/api/investors" + query, host.Queries.ListInvestors);

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.StartsWith("application/json", answer.ContentType, StringComparison.Ordinal);
    }
}
