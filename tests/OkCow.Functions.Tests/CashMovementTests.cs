using Microsoft.AspNetCore.Http;
using OkCow.Application.Commands;
using OkCow.Domain.Common;
using OkCow.Functions.Http;

namespace OkCow.Functions.Tests;

public sealed class CashMovementTests(FunctionsFixture host) : IClassFixture<FunctionsFixture>
{
    public static TheoryData<string> BadDepositBodies =>
    [
        """{"amount":0}""",
        """{"amount":-1}""",
        """{"amount":1.5}""",
        """{"amount":"100"}""",
        """{"amount":1000000001}""",
        """{"amount":1e30}""",
        """{"amount":null}""",
        """{"amount":true}""",
        """{}""",
        """{"amout":100}""",
    ];

    public static TheoryData<string> BadWithdrawalBodies =>
    [
        """{"amount":0}""",
        """{"amount":-1}""",
        """{"amount":1.5}""",
        """{"amount":"100"}""",
        """{}""",
    ];

    public static TheoryData<string> MalformedBodies =>
    [
        """{"amount":100""",
        """{amount:100}""",
        """[{"amount":100}]""",
        """100""",
        "\"amount\"",
        "",
    ];

    private Task<Answer> DepositAsync(Guid investorId, object body, string? key = null) =>
        host.PostAsync($"/api/investors/{investorId}/deposits", body, r => host.Investors.Deposit(r, investorId.ToString()), key);

    private Task<Answer> WithdrawAsync(Guid investorId, object body, string? key = null) =>
        host.PostAsync($"/api/investors/{investorId}/withdrawals", body, r => host.Investors.Withdraw(r, investorId.ToString()), key);

    [Fact]
    public async Task GivenInvestor_WhenDepositing_Then202WithPortfolioLocationAndNewVersion()
    {
        var investorId = await host.RegisterAsync();

        var answer = await DepositAsync(investorId, new { amount = 1_000_000_000 });

        AnswerAssert.Accepted(answer, StatusCodes.Status202Accepted, $"/api/investors/{investorId}/portfolio");
        Assert.Equal(2, answer.Version);
        Assert.Equal(investorId, answer.Json.GetProperty("investorId").GetGuid());
    }

    [Theory]
    [MemberData(nameof(BadDepositBodies))]
    public async Task GivenBadAmount_WhenDepositing_Then400AndNothingWritten(string body)
    {
        var investorId = await host.RegisterAsync();

        var answer = await DepositAsync(investorId, body);

        AnswerAssert.Problem(answer, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal(1, await host.StreamVersionAsync(Streams.Investor(investorId)));
    }

    [Theory]
    [MemberData(nameof(BadWithdrawalBodies))]
    public async Task GivenBadAmount_WhenWithdrawing_Then400AndNothingWritten(string body)
    {
        var investorId = await host.RegisterWithCashAsync(1_000);

        var answer = await WithdrawAsync(investorId, body);

        AnswerAssert.Problem(answer, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal(2, await host.StreamVersionAsync(Streams.Investor(investorId)));
    }

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task GivenBodyThatIsNotAJsonObject_WhenDepositing_Then400(string body)
    {
        var investorId = await host.RegisterAsync();

        var answer = await DepositAsync(investorId, body);

        AnswerAssert.Problem(answer, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal(1, await host.StreamVersionAsync(Streams.Investor(investorId)));
    }

    [Fact]
    public async Task GivenBodyOver16KiB_WhenDepositing_Then413()
    {
        var investorId = await host.RegisterAsync();
        var body = "{\"amount\":100,\"padding\":\"" + new string('x', CommandRunner.MaxBodyBytes) + "\"}";

        var answer = await DepositAsync(investorId, body);

        AnswerAssert.Problem(answer, StatusCodes.Status413PayloadTooLarge, ErrorCodes.ValidationFailed);
        Assert.Equal(1, await host.StreamVersionAsync(Streams.Investor(investorId)));
    }

    [Fact]
    public async Task GivenBodyOver16KiBWithoutContentLength_WhenDepositing_Then413()
    {
        var investorId = await host.RegisterAsync();
        var body = "{\"amount\":100,\"padding\":\"" + new string('x', CommandRunner.MaxBodyBytes) + "\"}";
        var context = HttpCall.NewContext(host.Services, "POST", $"/api/investors/{investorId}/deposits", body);
        context.Request.ContentLength = null;

        var answer = await HttpCall.ExecuteAsync(context, r => host.Investors.Deposit(r, investorId.ToString()));

        AnswerAssert.Problem(answer, StatusCodes.Status413PayloadTooLarge, ErrorCodes.ValidationFailed);
    }

    [Fact]
    public async Task GivenBodyOfExactly16KiB_WhenDepositing_Then202()
    {
        var investorId = await host.RegisterAsync();
        var prefix = "{\"amount\":100";
        var body = prefix + new string(' ', CommandRunner.MaxBodyBytes - prefix.Length - 1) + "}";

        var answer = await DepositAsync(investorId, body);

        Assert.Equal(CommandRunner.MaxBodyBytes, body.Length);
        Assert.Equal(StatusCodes.Status202Accepted, answer.Status);
    }

    [Fact]
    public async Task GivenUnknownInvestor_WhenDepositing_Then404AndNoStreamCreated()
    {
        var investorId = Guid.NewGuid();

        var answer = await DepositAsync(investorId, new { amount = 100 });

        AnswerAssert.Problem(answer, StatusCodes.Status404NotFound, ErrorCodes.NotFound);
        Assert.Equal(0, await host.StreamVersionAsync(Streams.Investor(investorId)));
    }

    [Fact]
    public async Task GivenUnknownInvestor_WhenWithdrawing_Then404()
    {
        var answer = await WithdrawAsync(Guid.NewGuid(), new { amount = 100 });

        AnswerAssert.Problem(answer, StatusCodes.Status404NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task GivenAvailableCash_WhenWithdrawingMore_Then422InsufficientCashAndNothingWritten()
    {
        var investorId = await host.RegisterWithCashAsync(1_000);

        var answer = await WithdrawAsync(investorId, new { amount = 1_001 });

        AnswerAssert.Problem(answer, StatusCodes.Status422UnprocessableEntity, ErrorCodes.InsufficientCash);
        Assert.Equal(2, await host.StreamVersionAsync(Streams.Investor(investorId)));
    }

    [Fact]
    public async Task GivenAvailableCash_WhenWithdrawingAllOfIt_Then202()
    {
        var investorId = await host.RegisterWithCashAsync(1_000);

        var answer = await WithdrawAsync(investorId, new { amount = 1_000 });

        AnswerAssert.Accepted(answer, StatusCodes.Status202Accepted, $"/api/investors/{investorId}/portfolio");
        Assert.Equal(3, answer.Version);
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("")]
    [InlineData("12345")]
    public async Task GivenRouteIdThatIsNotAUuid_WhenDepositingOrWithdrawing_Then400(string investorId)
    {
        var deposit = await host.PostAsync($"/api/investors/{investorId}/deposits", new { amount = 100 }, r => host.Investors.Deposit(r, investorId));
        var withdrawal = await host.PostAsync($"/api/investors/{investorId}/withdrawals", new { amount = 100 }, r => host.Investors.Withdraw(r, investorId));

        AnswerAssert.Problem(deposit, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
        AnswerAssert.Problem(withdrawal, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
    }
}
