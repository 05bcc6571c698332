using System.Globalization;
using Microsoft.AspNetCore.Http;
using OkCow.Application.Commands;
using OkCow.Domain.Common;
using OkCow.Functions.Commands;

namespace OkCow.Functions.Tests;

public sealed class FundCommandTests(FunctionsFixture host) : IClassFixture<FunctionsFixture>
{
    private Task<Answer> CreateAsync(object body) => host.PostAsync("/api/funds", body, host.Funds.Create);

    private Task<Answer> PublishAsync(object body) => host.PostAsync("/api/mcpi", body, host.Funds.PublishMcpi);

    private Task<Answer> AcquireAsync(Guid fundId, long price) =>
        host.PostAsync(
            $"/api/funds/{fundId}/properties",
            new { copyrightCode = "KOMCA-1", registrationNumber = "REG-1", musicId = "SONG-1", price },
            r => host.Funds.AcquireProperty(r, fundId.ToString()));

    [Fact]
    public async Task GivenValidFund_WhenCreating_Then201WithLocationAndVersion1()
    {
        var answer = await CreateAsync(new { name = "Fund " + Guid.NewGuid(), basePrice = 10_000 });

        var fundId = answer.Json.GetProperty("fundId").GetGuid();
        AnswerAssert.Accepted(answer, StatusCodes.Status201Created, $"/api/funds/{fundId}");
        Assert.Equal(1, answer.Version);
        Assert.Equal(1, await host.StreamVersionAsync(Streams.Fund(fundId)));
    }

    [Theory]
    [InlineData(10_050)]
    [InlineData(150)]
    [InlineData(99)]
    public async Task GivenBasePriceOffTheHundred_WhenCreating_Then400AndTheNameStaysFree(long basePrice)
    {
        var name = "Fund " + Guid.NewGuid();

        var refused = await CreateAsync(new { name, basePrice });
        var retried = await CreateAsync(new { name, basePrice = 10_000 });

        AnswerAssert.Problem(refused, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal(StatusCodes.Status201Created, retried.Status);
    }

    [Theory]
    [InlineData("""{"name":"X","basePrice":0}""")]
    [InlineData("""{"name":"X","basePrice":-100}""")]
    [InlineData("""{"name":"X","basePrice":"10000"}""")]
    [InlineData("""{"name":"","basePrice":10000}""")]
    [InlineData("""{"basePrice":10000}""")]
    public async Task GivenMalformedFund_WhenCreating_Then400(string body)
    {
        var answer = await CreateAsync(body);

        AnswerAssert.Problem(answer, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
    }

    [Fact]
    public async Task GivenFund_WhenCreatingAnotherWithTheSameNameInOtherCase_ThenRefusedAndOnlyOneFundExists()
    {
        var name = "Hallyu Classics " + Guid.NewGuid().ToString("N")[..8];
        await CreateAsync(new { name, basePrice = 10_000 });

        var answer = await CreateAsync(new { name = "  " + name.ToUpperInvariant() + " ", basePrice = 20_000 });

        AnswerAssert.Problem(answer, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
        var created = (await host.AllEventsAsync()).Count(e => e.Type == "V1.FundCreated"
            && string.Equals(e.Data.GetProperty("name").GetString()!.Trim(), name, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(1, created);
    }

    [Fact]
    public async Task GivenFundWithNoCash_WhenAcquiringAProperty_Then422InsufficientFundCashAndNothingWritten()
    {
        var fundId = await host.CreateFundAsync();

        var answer = await AcquireAsync(fundId, 1);

        AnswerAssert.Problem(answer, StatusCodes.Status422UnprocessableEntity, ErrorCodes.InsufficientFundCash);
        Assert.Equal(1, await host.StreamVersionAsync(Streams.Fund(fundId)));
    }

    [Fact]
    public async Task GivenFund_WhenAcquiringAPropertyPricedAboveTheSupportedRange_Then400AndNothingWritten()
    {
        var fundId = await host.CreateFundAsync();

        var answer = await AcquireAsync(fundId, FundCommandFunctions.MaxPropertyPrice + 1);

        AnswerAssert.Problem(answer, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal(1, await host.StreamVersionAsync(Streams.Fund(fundId)));
    }

    [Fact]
    public async Task GivenUnknownFund_WhenAcquiringAProperty_Then404()
    {
        var answer = await AcquireAsync(Guid.NewGuid(), 1);

        AnswerAssert.Problem(answer, StatusCodes.Status404NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task GivenFund_WhenReceivingRoyalty_Then202WithFundLocation()
    {
        var fundId = await host.CreateFundAsync();

        var answer = await host.PostAsync($"/api/funds/{fundId}/royalties", new { amount = 18_000 }, r => host.Funds.ReceiveRoyalty(r, fundId.ToString()));

        AnswerAssert.Accepted(answer, StatusCodes.Status202Accepted, $"/api/funds/{fundId}");

        // With no units outstanding the royalty is recorded and completed at once, all of it fund cash.
        Assert.Equal(3, answer.Version);
    }

    [Theory]
    [InlineData("""{"value":100.123}""")]
    [InlineData("""{"value":0}""")]
    [InlineData("""{"value":0.00}""")]
    [InlineData("""{"value":-5}""")]
    [InlineData("""{"value":"100.00"}""")]
    [InlineData("""{}""")]
    [InlineData("""{"value":100,"at":"2026-11-17T09:00:00"}""")]
    [InlineData("""{"value":100,"at":"yesterday"}""")]
    [InlineData("""{"value":100000.01}""")]
    public async Task GivenBadMcpi_WhenPublishing_Then400AndNothingWritten(string body)
    {
        var before = await host.StreamVersionAsync(Streams.Mcpi);

        var answer = await PublishAsync(body);

        AnswerAssert.Problem(answer, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal(before, await host.StreamVersionAsync(Streams.Mcpi));
    }

    [Fact]
    public async Task GivenClock_WhenPublishingMcpiForTheFuture_Then400AndNothingWritten()
    {
        var before = await host.StreamVersionAsync(Streams.Mcpi);
        var at = host.Clock.GetUtcNow().AddMinutes(1).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

        var answer = await PublishAsync(new { value = 100.00m, at });

        AnswerAssert.Problem(answer, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal(before, await host.StreamVersionAsync(Streams.Mcpi));
    }

    [Fact]
    public async Task GivenClock_WhenPublishingMcpiWithTwoDecimalsAtAPastInstant_Then202WithMcpiLocation()
    {
        var at = host.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

        var answer = await PublishAsync($$"""{"value":100.25,"at":"{{at}}"}""");

        AnswerAssert.Accepted(answer, StatusCodes.Status202Accepted, "/api/mcpi");
        var published = (await host.Events.ReadStreamAsync(Streams.Mcpi, Application.EventStore.StreamReadOptions.All)).Last(e => e.Type == "V1.McpiPublished");
        Assert.Equal(10_025, published.Data.GetProperty("value").GetInt64());
    }
}
