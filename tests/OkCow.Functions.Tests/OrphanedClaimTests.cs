using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OkCow.Application.Commands;
using OkCow.Application.PersonalData;
using OkCow.Domain.Common;
using OkCow.Domain.Registry;

namespace OkCow.Functions.Tests;

/// <summary>
/// A crash between claiming a login id (or fund name) and creating its stream, simulated by writing only the claim:
/// the name must not stay burnt. The next registration completes the claim; a fresh claim is left to its request.
/// </summary>
public sealed class OrphanedClaimTests(FunctionsFixture host) : IClassFixture<FunctionsFixture>
{
    private AggregateHandler<ClaimDecider, ClaimCommand, ClaimEvent, ClaimState> Claims =>
        host.Services.GetRequiredService<AggregateHandler<ClaimDecider, ClaimCommand, ClaimEvent, ClaimState>>();

    private Pseudonyms Pseudonyms => host.Services.GetRequiredService<Pseudonyms>();

    private Task ClaimOnlyAsync(string stream, ClaimKey key) =>
        Claims.HandleAsync(stream, key, new CommandContext("crash", null, "anonymous"));

    [Fact]
    public async Task GivenALoginIdClaimedByARegistrationThatDied_WhenSomeoneRegistersIt_ThenTheInvestorIsCreatedUnderTheClaimAndCanSignIn()
    {
        var loginId = FunctionsFixture.NewLoginId();
        var orphan = Guid.NewGuid();
        await ClaimOnlyAsync(Pseudonyms.LoginIdStream(loginId), new ClaimKey("loginId", Pseudonyms.LoginIdKey(loginId), orphan, ErrorCodes.LoginIdTaken, FunctionsFixture.Now.AddMinutes(-5)));

        var answer = await host.PostAsync("/api/investors", new { name = "Kim", loginId, password = FunctionsFixture.Password }, host.Investors.Register);

        AnswerAssert.Accepted(answer, StatusCodes.Status201Created, $"/api/investors/{orphan}");
        Assert.Equal(orphan, answer.Json.GetProperty("investorId").GetGuid());
        var signIn = await host.Services.GetRequiredService<Application.Security.SignInService>().SignInAsync(loginId, FunctionsFixture.Password, default);
        Assert.Equal(orphan, Assert.IsType<Application.Security.SignInOutcome.Success>(signIn).Who.InvestorId);
        var again = await host.PostAsync("/api/investors", new { name = "Lee", loginId, password = FunctionsFixture.Password }, host.Investors.Register);
        AnswerAssert.Problem(again, 409, "LOGIN_ID_TAKEN");
    }

    [Fact]
    public async Task GivenAClaimJustMadeByARegistrationInFlight_WhenSomeoneElseRegistersTheLoginId_ThenItIsTaken()
    {
        var loginId = FunctionsFixture.NewLoginId();
        await ClaimOnlyAsync(Pseudonyms.LoginIdStream(loginId), new ClaimKey("loginId", Pseudonyms.LoginIdKey(loginId), Guid.NewGuid(), ErrorCodes.LoginIdTaken, FunctionsFixture.Now));

        var answer = await host.PostAsync("/api/investors", new { name = "Kim", loginId, password = FunctionsFixture.Password }, host.Investors.Register);

        AnswerAssert.Problem(answer, 409, "LOGIN_ID_TAKEN");
    }

    [Fact]
    public async Task GivenAFundNameClaimedByACreationThatDied_WhenTheNameIsCreatedAgain_ThenTheFundIsCreatedUnderTheClaim()
    {
        var name = "Orphan " + Guid.NewGuid().ToString("N");
        var orphan = Guid.NewGuid();
        await ClaimOnlyAsync(Pseudonyms.FundNameStream(name), new ClaimKey("fundName", Pseudonyms.FundNameKey(name), orphan, ErrorCodes.ValidationFailed, FunctionsFixture.Now.AddMinutes(-5)));

        var answer = await host.PostAsync("/api/funds", new { name, basePrice = 10_000 }, host.Funds.Create);

        AnswerAssert.Accepted(answer, StatusCodes.Status201Created, $"/api/funds/{orphan}");
        AnswerAssert.Problem(await host.PostAsync("/api/funds", new { name, basePrice = 10_000 }, host.Funds.Create), 400, "VALIDATION_FAILED");
    }
}
