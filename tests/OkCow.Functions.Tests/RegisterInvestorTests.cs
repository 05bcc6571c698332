using Microsoft.Extensions.DependencyInjection;
using OkCow.Application.PersonalData;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OkCow.Application.Commands;
using OkCow.Application.Security;
using OkCow.Domain.Common;

namespace OkCow.Functions.Tests;

public sealed class RegisterInvestorTests(FunctionsFixture host) : IClassFixture<FunctionsFixture>
{
    private Task<Answer> RegisterAsync(object body) => host.PostAsync("/api/investors", body, host.Investors.Register);

    [Fact]
    public async Task GivenValidDetails_WhenRegistering_Then201WithLocationAndVersion1()
    {
        var answer = await RegisterAsync(new { name = "Kim Minji", loginId = FunctionsFixture.NewLoginId(), password = FunctionsFixture.Password });

        var investorId = answer.Json.GetProperty("investorId").GetGuid();
        AnswerAssert.Accepted(answer, StatusCodes.Status201Created, $"/api/investors/{investorId}");
        Assert.Equal(1, answer.Version);
        Assert.Equal(1, await host.StreamVersionAsync(Streams.Investor(investorId)));
    }

    [Theory]
    [InlineData("Alice")]
    [InlineData("ab")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    [InlineData("with space")]
    [InlineData("")]
    public async Task GivenBadLoginId_WhenRegistering_Then400AndTheLoginIdIsNotClaimed(string loginId)
    {
        var answer = await RegisterAsync(new { name = "Kim", loginId, password = FunctionsFixture.Password });

        AnswerAssert.Problem(answer, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal(0, await host.StreamVersionAsync(host.Services.GetRequiredService<Pseudonyms>().LoginIdStream(loginId)));
    }

    [Fact]
    public async Task GivenThirtyTwoCharacterLoginId_WhenRegistering_Then201()
    {
        var loginId = ("a" + Guid.NewGuid().ToString("N"))[..32];

        var answer = await RegisterAsync(new { name = "Kim", loginId, password = FunctionsFixture.Password });

        Assert.Equal(StatusCodes.Status201Created, answer.Status);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("1234567")]
    public async Task GivenShortPassword_WhenRegistering_Then400(string password)
    {
        var answer = await RegisterAsync(new { name = "Kim", loginId = FunctionsFixture.NewLoginId(), password });

        AnswerAssert.Problem(answer, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
        Assert.DoesNotContain(password, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenNameOver100Characters_WhenRegistering_Then400()
    {
        var answer = await RegisterAsync(new { name = new string('n', 101), loginId = FunctionsFixture.NewLoginId(), password = FunctionsFixture.Password });

        AnswerAssert.Problem(answer, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
    }

    [Fact]
    public async Task GivenBlankName_WhenRegistering_Then400AndTheLoginIdStaysFree()
    {
        var loginId = FunctionsFixture.NewLoginId();

        var refused = await RegisterAsync(new { name = "   ", loginId, password = FunctionsFixture.Password });
        var retried = await RegisterAsync(new { name = "Kim", loginId, password = FunctionsFixture.Password });

        AnswerAssert.Problem(refused, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal(StatusCodes.Status201Created, retried.Status);
    }

    [Fact]
    public async Task GivenPasswordAsNumber_WhenRegistering_Then400()
    {
        var answer = await host.PostAsync("/api/investors", """{"name":"Kim","loginId":"kim.number","password":12345678}""", host.Investors.Register);

        AnswerAssert.Problem(answer, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
    }

    [Fact]
    public async Task GivenTakenLoginId_WhenRegisteringAgain_Then409LoginIdTaken()
    {
        var loginId = FunctionsFixture.NewLoginId();
        await host.RegisterAsync(loginId);

        var answer = await RegisterAsync(new { name = "Someone else", loginId, password = "another password" });

        AnswerAssert.Problem(answer, StatusCodes.Status409Conflict, ErrorCodes.LoginIdTaken);
    }

    [Fact]
    public async Task GivenTenConcurrentRegistrationsOfOneLoginId_WhenAllComplete_ThenExactlyOne201AndNine409()
    {
        var loginId = FunctionsFixture.NewLoginId();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Task.Run(() => RegisterAsync(new { name = $"Racer {i}", loginId, password = FunctionsFixture.Password }))));

        Assert.Single(answers, a => a.Status == StatusCodes.Status201Created);
        Assert.Equal(9, answers.Count(a => a.Status == StatusCodes.Status409Conflict && a.Code == ErrorCodes.LoginIdTaken));
        var winner = answers.Single(a => a.Status == StatusCodes.Status201Created).Json.GetProperty("investorId").GetGuid();
        var vault = host.Services.GetRequiredService<PersonalDataVault>();
        var registered = new List<string>();
        foreach (var e in (await host.AllEventsAsync()).Where(e => e.Type == "V2.InvestorRegistered"))
        {
            var investorId = e.Data.GetProperty("investorId").GetGuid();
            if (await vault.OpenAsync(investorId, PersonalDataVault.LoginIdField, e.Data.GetProperty("loginId").GetString()!, default) == loginId)
            {
                registered.Add(e.StreamId);
            }
        }

        Assert.Equal(Streams.Investor(winner), Assert.Single(registered));
    }

    [Fact]
    public async Task GivenRegisteredInvestor_WhenReadingResponsesAndEvents_ThenNeitherPasswordNorHashLeaks()
    {
        const string password = "s3cret-Pa55word-unique-7f3a";
        var loginId = FunctionsFixture.NewLoginId();

        var created = await RegisterAsync(new { name = "Kim", loginId, password });
        var taken = await RegisterAsync(new { name = "Kim", loginId, password });
        var investorId = created.Json.GetProperty("investorId").GetGuid();
        await host.DispatchFeedAsync();
        var profile = await host.GetAsync($"/api/investors/{investorId}", r => host.Queries.GetInvestor(r, investorId.ToString()));
        var list = await host.GetAsync("/api/investors?take=100", host.Queries.ListInvestors);

        var stream = await host.Events.ReadStreamAsync(Streams.Investor(investorId), Application.EventStore.StreamReadOptions.All);
        var hash = Assert.Single(stream, e => e.Type == "V2.InvestorRegistered").Data.GetProperty("passwordHash").GetString()!;
        Assert.True(PasswordHasher.Verify(password, hash));
        Assert.Equal(StatusCodes.Status200OK, profile.Status);
        foreach (var answer in new[] { created, taken, profile, list })
        {
            Assert.DoesNotContain(password, answer.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(hash, answer.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("passwordHash", answer.Text, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var stored in await host.AllEventsAsync())
        {
            Assert.DoesNotContain(password, stored.Data.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain(password, JsonSerializer.Serialize(stored.Metadata), StringComparison.Ordinal);
        }
    }
}
