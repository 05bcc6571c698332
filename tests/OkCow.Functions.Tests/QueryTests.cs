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
    [InlineData("?take=201")]
    [InlineData("?take=-1")]
    [InlineData("?take=1.0")]
    [InlineData("?take=1e2")]
    [InlineData("?take=2&take=3")]
    [InlineData("?skip=-1")]
    [InlineData("?take=ten")]
    [InlineData("?continuationToken=")]
    [InlineData("?continuationToken=nope")]
    [InlineData("?skip=0&continuationToken=eyJ2IjoxfQ")]
    public async Task GivenBadPage_WhenListingInvestors_Then400(string query)
    {
        var answer = await host.GetAsync("/api/investors" + query, host.Queries.ListInvestors);

        AnswerAssert.Problem(answer, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
    }

    [Theory]
    [InlineData("?take=1")]
    [InlineData("?take=200")]
    [InlineData("?skip=5&take=200")]
    [InlineData("")]
    public async Task GivenGoodPage_WhenListingInvestors_Then200(string query)
    {
        await host.RegisterAsync();
        await host.DispatchFeedAsync();

        var answer = await host.GetAsync("/api/investors" + query, host.Queries.ListInvestors);

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.StartsWith("application/json", answer.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenFunds_WhenWalkingTheListWithTokens_ThenEachComesOnceInIdOrderAndTheLastPageHasNoToken()
    {
        var created = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            created.Add(await host.CreateFundAsync());
        }

        await host.DispatchFeedAsync();

        var seen = new List<string>();
        var query = "?take=3";
        Answer answer;
        do
        {
            answer = await host.GetAsync("/api/funds" + query, host.Queries.ListFunds);
            Assert.Equal(StatusCodes.Status200OK, answer.Status);
            seen.AddRange(answer.Json.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("fundId").GetString()!));
            Assert.InRange(answer.Json.GetProperty("items").GetArrayLength(), 0, 3);
            var token = answer.Json.GetProperty("continuationToken");
            Assert.Equal(token.ValueKind == System.Text.Json.JsonValueKind.String, answer.Json.GetProperty("hasMore").GetBoolean());
            query = token.ValueKind == System.Text.Json.JsonValueKind.String ? "?take=3&continuationToken=" + Uri.EscapeDataString(token.GetString()!) : "";
        }
        while (query.Length > 0);

        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.All(created, id => Assert.Contains(id.ToString("D"), seen));
    }

    [Fact]
    public async Task GivenATokenOfAnotherList_WhenListing_Then400AndNever5xx()
    {
        var fundId = await host.CreateFundAsync();
        await host.CreateFundAsync();
        var investorId = await host.RegisterWithCashAsync(1_000);
        await host.PostAsync($"/api/investors/{investorId}/deposits", new { amount = 5 }, r => host.Investors.Deposit(r, investorId.ToString()));
        await host.DispatchFeedAsync();
        var funds = await host.GetAsync("/api/funds?take=1", host.Queries.ListFunds);
        var fundsToken = Uri.EscapeDataString(funds.Json.GetProperty("continuationToken").GetString()!);
        var stream = $"investor-{investorId}";
        var events = await host.GetAsync($"/api/streams/{stream}/events?take=1", r => host.Queries.GetStreamEvents(r, stream));
        var eventsToken = Uri.EscapeDataString(events.Json.GetProperty("continuationToken").GetString()!);

        var answers = new[]
        {
            await host.GetAsync("/api/investors?continuationToken=" + fundsToken, host.Queries.ListInvestors),
            await host.GetAsync("/api/funds?continuationToken=" + eventsToken, host.Queries.ListFunds),
            await host.GetAsync($"/api/funds/{fundId}/nav-history?continuationToken=" + fundsToken, r => host.Queries.GetNavHistory(r, fundId.ToString())),
            await host.GetAsync($"/api/streams/fund-{fundId}/events?continuationToken=" + eventsToken, r => host.Queries.GetStreamEvents(r, $"fund-{fundId}")),
            await host.GetAsync("/api/funds?continuationToken=" + fundsToken[..^2], host.Queries.ListFunds),
            await host.GetAsync("/api/funds?skip=1", host.Queries.ListFunds),
            await host.GetAsync($"/api/funds/{fundId}/nav-history?take=0", r => host.Queries.GetNavHistory(r, fundId.ToString())),
            await host.GetAsync($"/api/streams/{stream}/events?take=201", r => host.Queries.GetStreamEvents(r, stream)),
        };

        Assert.All(answers, answer => AnswerAssert.Problem(answer, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed));
        var next = await host.GetAsync($"/api/streams/{stream}/events?take=1&continuationToken=" + eventsToken, r => host.Queries.GetStreamEvents(r, stream));
        Assert.Equal(2, next.Json.GetProperty("items")[0].GetProperty("version").GetInt64());
    }
}
