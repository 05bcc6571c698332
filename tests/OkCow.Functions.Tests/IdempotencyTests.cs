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
    public async Task GivenTenConcurrentDepositsWithOneKey_WhenAllComplete_ThenOneDepositAndEveryAnswerIsTheFirstOrARetryHint()
    {
        var investorId = await host.RegisterAsync();
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => DepositAsync(investorId, new { amount = 700 }, key))));

        Assert.Equal(1, await CountAsync(investorId, "V1.CashDeposited"));
        var accepted = answers.Where(a => a.Status == StatusCodes.Status202Accepted).ToList();
        Assert.NotEmpty(accepted);
        Assert.All(accepted, a => Assert.Equal(accepted[0].Text, a.Text));
        Assert.All(answers.Except(accepted), a => Assert.Equal(ErrorCodes.ConcurrencyConflict, a.Code));
    }
}
