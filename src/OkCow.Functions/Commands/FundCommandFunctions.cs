using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OkCow.Application.Commands;
using OkCow.Domain.Common;
using OkCow.Functions.Contract;
using OkCow.Functions.Edge;
using OkCow.Functions.Http;

namespace OkCow.Functions.Commands;

public sealed record CreateFundRequest(string Name, long BasePrice);

public sealed record AcquirePropertyRequest(string CopyrightCode, string RegistrationNumber, string MusicId, long Price);

/// <summary><paramref name="At"/> stays text here: SPEC 7 takes only ISO-8601 with an offset, which the validation step checks.</summary>
public sealed record PublishMcpiRequest(decimal Value, string? At = null);

/// <summary>Operator commands: fund creation, property acquisition, royalty income, MCPI publication.</summary>
public sealed class FundCommandFunctions(OkCowCommands commands, CommandRunner runner)
{
    /// <summary>
    /// Bounds that keep every property value, floor(price × MCPI now / MCPI at acquisition), inside a long:
    /// 10^11 × (100,000.00 / 0.01) = 10^18.
    /// </summary>
    public const long MaxPropertyPrice = 100_000_000_000;

    public const decimal MaxMcpi = 100_000m;

    [Function("CreateFund")]
    [Access(AccessRule.Operator)]
    [Summary("Creates a fund (R6): a unique name and a base price.")]
    [RequestBody(typeof(CreateFundRequest))]
    [Answers(StatusCodes.Status201Created, typeof(FundCreatedAnswer), HasLocation = true)]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "funds")] HttpRequest request) =>
        runner.RunAsync(
            request,
            (CreateFundRequest body, Validation check) => (Name: check.Text("name", body.Name, 1, 100), BasePrice: check.Whole("basePrice", body.BasePrice, 100, 1_000_000_000)),
            async (input, context, cancellationToken) =>
            {
                var receipt = await commands.CreateFundAsync(Guid.NewGuid(), input.Name, input.BasePrice, context, cancellationToken);
                return new Accepted(StatusCodes.Status201Created, $"/api/funds/{receipt.Id}", new FundCreatedAnswer(receipt.Id, receipt.StreamId, receipt.Version));
            });

    [Function("AcquireProperty")]
    [Access(AccessRule.Operator)]
    [Summary("Buys a copyright property for the fund with its cash (R8, R9).")]
    [RequestBody(typeof(AcquirePropertyRequest))]
    [Answers(StatusCodes.Status202Accepted, typeof(PropertyAcquiredAnswer), HasLocation = true)]
    [Refuses(ErrorCodes.NotFound, ErrorCodes.InsufficientFundCash, ErrorCodes.AppendTooLarge)]
    public Task<IActionResult> AcquireProperty(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "funds/{fundId}/properties")] HttpRequest request,
        string fundId) =>
        RouteIds.With(fundId, "fundId", id => runner.RunAsync(
            request,
            (AcquirePropertyRequest body, Validation check) => (
                CopyrightCode: check.Text("copyrightCode", body.CopyrightCode, 1, 100),
                RegistrationNumber: check.Text("registrationNumber", body.RegistrationNumber, 1, 100),
                MusicId: check.Text("musicId", body.MusicId, 1, 100),
                Price: check.Whole("price", body.Price, 1, MaxPropertyPrice)),
            async (input, context, cancellationToken) =>
            {
                var propertyId = Guid.NewGuid();
                var receipt = await commands.AcquirePropertyAsync(id, propertyId, input.CopyrightCode, input.RegistrationNumber, input.MusicId, input.Price, context, cancellationToken);
                return new Accepted(StatusCodes.Status202Accepted, $"/api/funds/{id}", new PropertyAcquiredAnswer(id, propertyId, receipt.StreamId, receipt.Version));
            }));

    [Function("ReceiveRoyalty")]
    [Access(AccessRule.Operator)]
    [Summary("Records royalty income and pays it to the holders of record in pages (R14); GET /api/royalties/{royaltyId} follows it.")]
    [RequestBody(typeof(AmountRequest))]
    [Answers(StatusCodes.Status202Accepted, typeof(RoyaltyReceivedAnswer), HasLocation = true)]
    [Refuses(ErrorCodes.NotFound, ErrorCodes.RoyaltyInProgress, ErrorCodes.AppendTooLarge)]
    public Task<IActionResult> ReceiveRoyalty(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "funds/{fundId}/royalties")] HttpRequest request,
        string fundId) =>
        RouteIds.With(fundId, "fundId", id => runner.RunAsync(
            request,
            (AmountRequest body, Validation check) => check.Whole("amount", body.Amount, 1, 1_000_000_000_000),
            async (amount, context, cancellationToken) =>
            {
                var royaltyId = Guid.NewGuid();
                var receipt = await commands.DistributeRoyaltyAsync(id, royaltyId, amount, context, cancellationToken);
                return new Accepted(StatusCodes.Status202Accepted, $"/api/funds/{id}", new RoyaltyReceivedAnswer(id, royaltyId, receipt.StreamId, receipt.Version));
            }));

    [Function("PublishMcpi")]
    [Access(AccessRule.Operator)]
    [Summary("Publishes an MCPI value (R7); a move beyond the band halts the market (R21).")]
    [RequestBody(typeof(PublishMcpiRequest))]
    [Answers(StatusCodes.Status202Accepted, typeof(McpiPublishedAnswer), HasLocation = true)]
    public Task<IActionResult> PublishMcpi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mcpi")] HttpRequest request) =>
        runner.RunAsync(
            request,
            (PublishMcpiRequest body, Validation check) => (Value: check.Decimal("value", body.Value, 2, 0.01m, MaxMcpi), At: check.OptionalInstant("at", body.At)),
            async (input, context, cancellationToken) =>
            {
                var receipt = await commands.PublishMcpiAsync((long)(input.Value * 100), input.At, context, cancellationToken);
                return new Accepted(StatusCodes.Status202Accepted, "/api/mcpi", new McpiPublishedAnswer(receipt.StreamId, receipt.Version));
            });
}
