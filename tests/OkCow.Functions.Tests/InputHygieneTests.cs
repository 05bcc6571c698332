using Microsoft.AspNetCore.Http;
using OkCow.Functions.Http;

namespace OkCow.Functions.Tests;

/// <summary>SPEC 7: each probe is refused with 400 VALIDATION_FAILED and writes nothing.</summary>
public sealed class InputHygieneTests(FunctionsFixture host) : IClassFixture<FunctionsFixture>
{
    private Task<Answer> RegisterAsync(string body) => host.PostAsync("/api/investors", body, host.Investors.Register);

    private Task<Answer> CreateFundAsync(object body) => host.PostAsync("/api/funds", body, host.Funds.Create);

    [Theory]
    [InlineData("""{"name":"\ud800","loginId":"lone_surrogate1","password":"correct horse"}""")]
    [InlineData("""{"name":"Kim","loginId":"lone_surrogate2","password":"correct \udc00 horse"}""")]
    [InlineData("""{"name":"Kim","loginId":"lone\ud83d","password":"correct horse"}""")]
    public async Task GivenALoneSurrogateInAnyStringField_WhenRegistering_Then400(string body) =>
        AnswerAssert.Problem(await RegisterAsync(body), 400, "VALIDATION_FAILED");

    [Fact]
    public async Task GivenAPropertyNamedTwice_WhenDepositing_Then400AndNoDeposit()
    {
        var investorId = await host.RegisterAsync();

        var answer = await host.PostAsync($"/api/investors/{investorId}/deposits", """{"amount":100,"amount":1000000}""", r => host.Investors.Deposit(r, investorId.ToString()));

        AnswerAssert.Problem(answer, 400, "VALIDATION_FAILED");
        Assert.Equal(1, await host.StreamVersionAsync($"investor-{investorId}"));
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("1E3")]
    [InlineData("100.00")]
    public async Task GivenAnIntegerWrittenWithAFractionOrExponent_WhenDepositing_Then400(string amount)
    {
        var investorId = await host.RegisterAsync();

        var answer = await host.PostAsync($"/api/investors/{investorId}/deposits", $$"""{"amount":{{amount}}}""", r => host.Investors.Deposit(r, investorId.ToString()));

        AnswerAssert.Problem(answer, 400, "VALIDATION_FAILED");
    }

    [Theory]
    [InlineData("\u200B\u200D\u2060")]
    [InlineData("\u00AD")]
    [InlineData("   ")]
    [InlineData("Fund\u0007")]
    [InlineData("Fund\nName")]
    [InlineData("\u001B[31mred")]
    public async Task GivenANameThatIsInvisibleOrHoldsControlCharacters_WhenCreatingAFund_Then400(string name) =>
        AnswerAssert.Problem(await CreateFundAsync(new { name, basePrice = 10_000 }), 400, "VALIDATION_FAILED");

    [Theory]
    [InlineData("Ｌｏｏｋａｌｉｋｅ Fund {0}")]
    [InlineData("lookalike fund {0}")]
    [InlineData("Look\u200Balike Fund {0}")]
    [InlineData("  LOOKALIKE FUND {0} ")]
    public async Task GivenATakenFundName_WhenALookAlikeIsCreated_ThenItIsTakenToo(string lookAlike)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(StatusCodes.Status201Created, (await CreateFundAsync(new { name = $"Lookalike Fund {suffix}", basePrice = 10_000 })).Status);

        var answer = await CreateFundAsync(new { name = string.Format(System.Globalization.CultureInfo.InvariantCulture, lookAlike, suffix), basePrice = 10_000 });

        AnswerAssert.Problem(answer, 400, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task GivenAFullWidthLookAlikeOfATakenLoginId_WhenRegistering_Then409LoginIdTaken()
    {
        var loginId = "wide" + Guid.NewGuid().ToString("N")[..8];
        await host.RegisterAsync(loginId);
        var fullWidth = new string([.. loginId.Select(c => char.IsAsciiLetterLower(c) ? (char)(c - 'a' + 'ａ') : char.IsAsciiDigit(c) ? (char)(c - '0' + '０') : c)]);

        var answer = await host.PostAsync("/api/investors", new { name = "Twin", loginId = fullWidth, password = FunctionsFixture.Password }, host.Investors.Register);

        AnswerAssert.Problem(answer, 409, "LOGIN_ID_TAKEN");
    }

    [Theory]
    [InlineData("12/04/2026")]
    [InlineData("2026-12-04")]
    [InlineData("2026-12-04T10:00:00")]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("0001-01-01T00:00:00+00:00")]
    [InlineData("Fri, 04 Dec 2026 10:00:00 GMT")]
    [InlineData("2026-12-04 10:00:00+09:00")]
    public async Task GivenALooseTimestamp_WhenPublishingTheMcpi_Then400(string at)
    {
        var answer = await host.PostAsync("/api/mcpi", new { value = 100.00m, at }, host.Funds.PublishMcpi);

        AnswerAssert.Problem(answer, 400, "VALIDATION_FAILED");
    }

    [Theory]
    [InlineData("2026-11-17T10:00:00+09:00")]
    [InlineData("2026-11-17T01:00:00Z")]
    [InlineData("2026-11-17T01:00:00.5Z")]
    public void GivenAnIsoInstantWithAnOffset_WhenParsed_ThenItIsTaken(string text) =>
        Assert.True(Instants.TryParse(text, out _));

    [Theory]
    [InlineData("""{"amount":100,"investorId":"x"}""")]
    [InlineData("""{"Amount":100}""")]
    [InlineData("""{"amount":100}{"amount":1}""")]
    public async Task GivenUnknownPropertiesOrTrailingContent_WhenDepositing_Then400(string body)
    {
        var investorId = await host.RegisterAsync();

        var answer = await host.PostAsync($"/api/investors/{investorId}/deposits", body, r => host.Investors.Deposit(r, investorId.ToString()));

        AnswerAssert.Problem(answer, 400, "VALIDATION_FAILED");
    }
}
