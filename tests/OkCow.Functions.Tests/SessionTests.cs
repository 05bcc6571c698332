using OkCow.Application.PersonalData;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OkCow.Application.Commands;
using OkCow.Application.Security;
using OkCow.Functions.Edge.Tokens;
using OkCow.Domain.Investors;
using OkCow.Domain.Registry;
using OkCow.Functions.Sessions;

namespace OkCow.Functions.Tests;

/// <summary>POST /api/sessions and the sign-in rules of SPEC 6.</summary>
public sealed class SessionTests(FunctionsFixture host) : IClassFixture<FunctionsFixture>
{
    private SessionFunctions Sessions => host.Services.GetRequiredService<SessionFunctions>();

    private async Task<(Answer Answer, IHeaderDictionary Headers)> SignInAsync(string loginId, string password)
    {
        var context = HttpCall.NewContext(host.Services, "POST", "/api/sessions", System.Text.Json.JsonSerializer.Serialize(new { loginId, password }));
        var answer = await HttpCall.ExecuteAsync(context, Sessions.SignIn);
        return (answer, context.Response.Headers);
    }

    [Fact]
    public async Task GivenRegisteredInvestor_WhenSigningIn_Then200WithABearerTokenThatNamesTheInvestor()
    {
        var loginId = FunctionsFixture.NewLoginId();
        var investorId = await host.RegisterAsync(loginId);

        var (answer, _) = await SignInAsync(loginId, FunctionsFixture.Password);

        Assert.Equal(200, answer.Status);
        Assert.Equal("Bearer", answer.Json.GetProperty("tokenType").GetString());
        Assert.Equal(investorId, answer.Json.GetProperty("investorId").GetGuid());
        Assert.Equal(["investor"], answer.Json.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(FunctionsFixture.Now.AddHours(1), answer.Json.GetProperty("expiresAt").GetDateTimeOffset());
        var caller = await host.Services.GetRequiredService<AccessTokens>().ValidateAsync(answer.Json.GetProperty("accessToken").GetString()!, default);
        Assert.Equal(new Edge.Caller($"investor:{investorId}", Roles.Investor, investorId), caller);
        Assert.DoesNotContain(FunctionsFixture.Password, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenWrongPasswordOrUnknownLoginId_WhenSigningIn_ThenBothGetTheSame401InvalidCredentials()
    {
        var loginId = FunctionsFixture.NewLoginId();
        await host.RegisterAsync(loginId);

        var (wrong, _) = await SignInAsync(loginId, "not the password");
        var (unknown, _) = await SignInAsync(FunctionsFixture.NewLoginId(), FunctionsFixture.Password);

        AnswerAssert.Problem(wrong, 401, "INVALID_CREDENTIALS");
        AnswerAssert.Problem(unknown, 401, "INVALID_CREDENTIALS");
        Assert.Equal(WithoutTraceId(wrong.Text), WithoutTraceId(unknown.Text));
    }

    /// <summary>The body apart from the trace id, which names each request and so differs by design.</summary>
    private static string WithoutTraceId(string problem)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(problem)!.AsObject();
        Assert.False(string.IsNullOrEmpty(node["traceId"]?.GetValue<string>()));
        node.Remove("traceId");
        return node.ToJsonString();
    }

    [Fact]
    public async Task GivenFiveFailures_WhenSigningInWithTheRightPassword_Then429TooManyAttemptsWithRetryAfter()
    {
        var loginId = FunctionsFixture.NewLoginId();
        await host.RegisterAsync(loginId);
        for (var i = 0; i < SignInAttempts.MaxFailures; i++)
        {
            AnswerAssert.Problem((await SignInAsync(loginId, "wrong " + i)).Answer, 401, "INVALID_CREDENTIALS");
        }

        var (locked, headers) = await SignInAsync(loginId, FunctionsFixture.Password);

        AnswerAssert.Problem(locked, 429, "TOO_MANY_ATTEMPTS");
        Assert.Equal("900", headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task GivenALockedLoginId_WhenTheWindowHasPassed_ThenTheRightPasswordSignsIn()
    {
        var loginId = FunctionsFixture.NewLoginId();
        await host.RegisterAsync(loginId);
        var clock = new MovableClock(FunctionsFixture.Now);
        var signIn = NewSignIn(clock, host.Services.GetRequiredService<PasswordHasher>());
        for (var i = 0; i < 7; i++)
        {
            clock.Now += TimeSpan.FromSeconds(10);
            await signIn.SignInAsync(loginId, "wrong", default);
        }

        clock.Now += TimeSpan.FromMinutes(13);
        Assert.IsType<SignInOutcome.Locked>(await signIn.SignInAsync(loginId, FunctionsFixture.Password, default));
        clock.Now += TimeSpan.FromMinutes(2);
        Assert.IsType<SignInOutcome.Success>(await signIn.SignInAsync(loginId, FunctionsFixture.Password, default));
    }

    [Fact]
    public void GivenManyFailures_WhenKept_ThenOnlyTheLastFiveCountAndOldOnesExpire()
    {
        var now = FunctionsFixture.Now;
        IReadOnlyList<DateTimeOffset> four = [now.AddMinutes(-20), now.AddMinutes(-3), now.AddMinutes(-2), now.AddMinutes(-1)];
        IReadOnlyList<DateTimeOffset> five = [now.AddMinutes(-10), now.AddMinutes(-3), now.AddMinutes(-2), now.AddMinutes(-1), now];

        Assert.Null(SignInAttempts.LockedFor(four, now));
        Assert.Equal(TimeSpan.FromMinutes(5), SignInAttempts.LockedFor(five, now));
    }

    [Fact]
    public async Task GivenAHashBelowTheConfiguredCost_WhenSigningIn_ThenItIsRehashedOnceAndThePasswordStillWorks()
    {
        var loginId = FunctionsFixture.NewLoginId();
        var investorId = await host.RegisterAsync(loginId);
        var stronger = new PasswordHasher(2_000);
        var signIn = NewSignIn(host.Clock, stronger);

        Assert.IsType<SignInOutcome.Success>(await signIn.SignInAsync(loginId, FunctionsFixture.Password, default));
        Assert.IsType<SignInOutcome.Success>(await signIn.SignInAsync(loginId, FunctionsFixture.Password, default));

        var events = (await host.Events.ReadStreamAsync(Streams.Investor(investorId), new Application.EventStore.StreamReadOptions(1))).Select(e => e.Type).ToList();
        Assert.Single(events, t => t == "V1.PasswordRehashed");
        var (state, _) = await host.Services.GetRequiredService<AggregateHandler<InvestorDecider, InvestorCommand, InvestorEvent, InvestorState>>().LoadAsync(Streams.Investor(investorId));
        Assert.Equal(2_000, PasswordHasher.IterationsOf(state.PasswordHash));
        Assert.True(PasswordHasher.Verify(FunctionsFixture.Password, state.PasswordHash));
    }

    [Fact]
    public async Task GivenTheReservedOperatorLoginId_WhenAnInvestorRegistersIt_Then409LoginIdTaken()
    {
        var answer = await host.PostAsync("/api/investors", new { name = "Mallory", loginId = "operator", password = FunctionsFixture.Password }, host.Investors.Register);

        AnswerAssert.Problem(answer, 409, "LOGIN_ID_TAKEN");
    }

    [Theory]
    [InlineData("""{"loginId":"a","password":"b","extra":1}""")]
    [InlineData("""{"loginId":"a","loginId":"b","password":"c"}""")]
    [InlineData("""{"loginId":"a"}""")]
    [InlineData("""{"loginId":null,"password":"x"}""")]
    [InlineData("""{"loginId":"","password":"x"}""")]
    public async Task GivenAMalformedSignIn_WhenPosted_Then400(string body)
    {
        var answer = await host.PostAsync("/api/sessions", body, Sessions.SignIn);

        AnswerAssert.Problem(answer, 400, "VALIDATION_FAILED");
    }

    private SignInService NewSignIn(TimeProvider clock, PasswordHasher passwords) => new(
        host.Services.GetRequiredService<AggregateHandler<InvestorDecider, InvestorCommand, InvestorEvent, InvestorState>>(),
        host.Services.GetRequiredService<AggregateHandler<ClaimDecider, ClaimCommand, ClaimEvent, ClaimState>>(),
        passwords,
        new SignInAttempts(host.Store.Documents, clock, host.Services.GetRequiredService<Pseudonyms>()),
        clock,
        host.Services.GetRequiredService<Pseudonyms>(),
        []);
}
