using Microsoft.AspNetCore.Http;
using OkCow.Application.Commands;
using OkCow.Application.EventStore;
using OkCow.Domain.Common;

namespace OkCow.Functions.Tests;

public sealed class IdempotencyTests(FunctionsFixture host) : IClassFixture<FunctionsFixture>
{
    private Task<Answer> DepositAsync(Guid investorId, object body, string? key) =>
        host.PostAsync($"/api/investors/{investorId}/deposits", body, r => host.Investors.Deposit(r, investorId.ToString()), key);

    private Task<Answer> WithdrawAsync(Guid investorId, object body, string? key) =>
        host.PostAsync($"/api/investors/{investorId}/withdrawals", body, r => host.Investors.Withdraw(r, investorId.ToString()), key);

    private async Task<int> CountAsync(Guid investorId, string type) =>
        (await host.Events.ReadStreamAsync(Streams.Investor(investorId), StreamReadOptions.All)).Count(e => e.Type == type);

    [Fact]
    public async Task GivenDepositWithKey_WhenRepeatedWithSameKeyAndBody_ThenSameAnswerAndOneDeposit()
    {
        var investorId = await host.RegisterAsync();
        var key = Guid.NewGuid().ToString();

        var first = await DepositAsync(investorId, new { amount = 5_000 }, key);
        var second = await DepositAsync(investorId, new { amount = 5_000 }, key);

        Assert.Equal(StatusCodes.Status202Accepted, first.Status);
        Assert.Equal(first.Status, second.Status);
        Assert.Equal(first.Location, second.Location);
        Assert.Equal(first.ContentType, second.ContentType);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(1, await CountAsync(investorId, "V1.CashDeposited"));
        Assert.Equal(2, await host.StreamVersionAsync(Streams.Investor(investorId)));
    }

    [Fact]
    public async Task GivenDepositWithKey_WhenRepeatedWithReorderedWhitespacedBody_ThenReplayed()
    {
        var investorId = await host.RegisterAsync();
        var key = Guid.NewGuid().ToString();

        var first = await DepositAsync(investorId, """{"amount":5000}""", key);
        var second = await DepositAsync(investorId, "{\n  \"amount\" :  5000\n}", key);

        Assert.Equal(first.Text, second.Text);
        Assert.Equal(1, await CountAsync(investorId, "V1.CashDeposited"));
    }

    [Fact]
    public async Task GivenRegistrationWithKey_WhenRepeated_ThenSameInvestorAndNoLoginIdTaken()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { name = "Kim", loginId = FunctionsFixture.NewLoginId(), password = FunctionsFixture.Password };

        var first = await host.PostAsync("/api/investors", body, host.Investors.Register, key);
        var second = await host.PostAsync("/api/investors", body, host.Investors.Register, key);

        Assert.Equal(StatusCodes.Status201Created, first.Status);
        Assert.Equal(first.Status, second.Status);
        Assert.Equal(first.Location, second.Location);
        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public async Task GivenDepositWithKey_WhenSameKeyCarriesAnotherBody_Then409DuplicateRequestAndNoSecondDeposit()
    {
        var investorId = await host.RegisterAsync();
        var key = Guid.NewGuid().ToString();
        await DepositAsync(investorId, new { amount = 5_000 }, key);

        var answer = await DepositAsync(investorId, new { amount = 6_000 }, key);

        AnswerAssert.Problem(answer, StatusCodes.Status409Conflict, ErrorCodes.DuplicateRequest);
        Assert.Equal(1, await CountAsync(investorId, "V1.CashDeposited"));
    }

    [Fact]
    public async Task GivenDepositWithKey_WhenSameKeyAndBodyGoToAnotherRoute_Then409DuplicateRequest()
    {
        var investorId = await host.RegisterWithCashAsync(10_000);
        var key = Guid.NewGuid().ToString();
        await DepositAsync(investorId, new { amount = 5_000 }, key);

        var answer = await WithdrawAsync(investorId, new { amount = 5_000 }, key);

        AnswerAssert.Problem(answer, StatusCodes.Status409Conflict, ErrorCodes.DuplicateRequest);
        Assert.Equal(0, await CountAsync(investorId, "V1.CashWithdrawn"));
    }

    [Fact]
    public async Task GivenWithdrawalRefusedForCash_WhenRetriedWithSameKeyAfterDeposit_ThenItSucceeds()
    {
        var investorId = await host.RegisterAsync();
        var key = Guid.NewGuid().ToString();

        var refused = await WithdrawAsync(investorId, new { amount = 3_000 }, key);
        await DepositAsync(investorId, new { amount = 3_000 }, null);
        var retried = await WithdrawAsync(investorId, new { amount = 3_000 }, key);
        var replayed = await WithdrawAsync(investorId, new { amount = 3_000 }, key);

        AnswerAssert.Problem(refused, StatusCodes.Status422UnprocessableEntity, ErrorCodes.InsufficientCash);
        AnswerAssert.Accepted(retried, StatusCodes.Status202Accepted, $"/api/investors/{investorId}/portfolio");
        Assert.Equal(retried.Text, replayed.Text);
        Assert.Equal(1, await CountAsync(investorId, "V1.CashWithdrawn"));
    }

    [Fact]
    public async Task GivenValidationFailure_WhenRetriedWithSameKeyAndCorrectedBody_ThenItSucceeds()
    {
        var investorId = await host.RegisterAsync();
        var key = Guid.NewGuid().ToString();

        var refused = await DepositAsync(investorId, new { amount = 0 }, key);
        var corrected = await DepositAsync(investorId, new { amount = 100 }, key);

        AnswerAssert.Problem(refused, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal(StatusCodes.Status202Accepted, corrected.Status);
    }

    [Fact]
    public async Task GivenKeyOver200Characters_WhenDepositing_Then400AndNothingWritten()
    {
        var investorId = await host.RegisterAsync();

        var answer = await DepositAsync(investorId, new { amount = 100 }, new string('k', 201));

        AnswerAssert.Problem(answer, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal(1, await host.StreamVersionAsync(Streams.Investor(investorId)));
    }

    [Fact]
    public async Task GivenTenConcurrentDepositsWithOneKey_WhenAllComplete_ThenOneDepositAndEveryAnswerIsTheFirst()
    {
        var investorId = await host.RegisterAsync();
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => DepositAsync(investorId, new { amount = 700 }, key))));

        Assert.Equal(1, await CountAsync(investorId, "V1.CashDeposited"));
        Assert.All(answers, a => Assert.Equal(StatusCodes.Status202Accepted, a.Status));
        Assert.All(answers, a => Assert.Equal(answers[0].Text, a.Text));
    }

    [Fact]
    public async Task GivenTwoCallers_WhenTheyUseTheSameKey_ThenEachRequestRunsForItsCaller()
    {
        var first = await host.RegisterAsync();
        var second = await host.RegisterAsync();
        var key = "shared-" + Guid.NewGuid().ToString("N");

        var a = await AsCallerAsync(first, $"/api/investors/{first}/deposits", """{"amount":100}""", r => host.Investors.Deposit(r, first.ToString()), key);
        var b = await AsCallerAsync(second, $"/api/investors/{second}/deposits", """{"amount":100}""", r => host.Investors.Deposit(r, second.ToString()), key);

        Assert.Equal(StatusCodes.Status202Accepted, a.Status);
        Assert.Equal(StatusCodes.Status202Accepted, b.Status);
        Assert.Equal(1, await CountAsync(first, "V1.CashDeposited"));
        Assert.Equal(1, await CountAsync(second, "V1.CashDeposited"));
        Assert.NotEqual(Http.CommandRunner.ScopedKey($"investor:{first}", key), Http.CommandRunner.ScopedKey($"investor:{second}", key));
    }

    [Fact]
    public async Task GivenARegistrationWithKey_WhenRepeatedWithAnotherPassword_ThenTheFirstAnswerIsReplayedBecauseNoPasswordIsKept()
    {
        var key = Guid.NewGuid().ToString();
        var loginId = FunctionsFixture.NewLoginId();

        var first = await host.PostAsync("/api/investors", new { name = "Kim", loginId, password = FunctionsFixture.Password }, host.Investors.Register, key);
        var second = await host.PostAsync("/api/investors", new { name = "Kim", loginId, password = "another password entirely" }, host.Investors.Register, key);

        Assert.Equal(StatusCodes.Status201Created, first.Status);
        Assert.Equal(first.Text, second.Text);
    }

    private async Task<Answer> AsCallerAsync(Guid investorId, string path, string body, Func<HttpRequest, Task<Microsoft.AspNetCore.Mvc.IActionResult>> function, string key)
    {
        var context = HttpCall.NewContext(host.Services, "POST", path, body, key);
        Edge.EdgeItems.SetCaller(context, new Edge.Caller($"investor:{investorId}", "investor", investorId));
        return await HttpCall.ExecuteAsync(context, function);
    }
}
