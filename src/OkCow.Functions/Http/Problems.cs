using OkCow.Domain.Common;

namespace OkCow.Functions.Http;

/// <summary>
/// An RFC 9457 problem document with the spec's machine-readable <c>code</c>. Every answer fills <see cref="Instance"/>
/// (the request's path) and <see cref="TraceId"/> (the W3C trace id of the request, to find it in logs and traces) when
/// the code that refused left them out (see <see cref="JsonAnswer"/>).
/// </summary>
public sealed record Problem(string Type, string Title, int Status, string Detail, string Code, string? Instance = null, string? TraceId = null);

public static class Problems
{
    public const string ContentType = "application/problem+json";

    public static JsonAnswer For(string code, string detail, string? instance = null)
    {
        var status = StatusOf(code);
        return new JsonAnswer(status, new Problem($"https://okcow.example/problems/{code.ToLowerInvariant().Replace('_', '-')}", TitleOf(code), status, detail, code, instance), ContentType);
    }

    public static JsonAnswer Validation(string detail) => For(ErrorCodes.ValidationFailed, detail);

    public static JsonAnswer TooLarge(long limit) =>
        new(413, new Problem("https://okcow.example/problems/validation-failed", "Request body too large", 413, $"The body may have at most {limit} bytes.", ErrorCodes.ValidationFailed), ContentType);

    /// <summary>
    /// 400 for malformed input, 404 for unknown resources, 409 for conflicts with other requests or resources,
    /// 422 for a well-formed command that the business rules refuse.
    /// </summary>
    public static int StatusOf(string code) => code switch
    {
        ErrorCodes.ValidationFailed => 400,
        ErrorCodes.NotFound => 404,
        ErrorCodes.LoginIdTaken or ErrorCodes.ConcurrencyConflict or ErrorCodes.DuplicateRequest or ErrorCodes.OrderNotOpen
            or ErrorCodes.RoyaltyInProgress or ErrorCodes.AccountNotEmpty or ErrorCodes.PersonalDataNotUpgraded => 409,
        ErrorCodes.InvalidCredentials or ErrorCodes.Unauthenticated => 401,
        ErrorCodes.Forbidden => 403,
        ErrorCodes.UnsupportedMediaType => 415,
        ErrorCodes.TooManyAttempts or ErrorCodes.TooManyRequests => 429,
        _ => 422,
    };

    private static string TitleOf(string code) => code switch
    {
        ErrorCodes.ValidationFailed => "The request is not valid",
        ErrorCodes.NotFound => "Not found",
        ErrorCodes.LoginIdTaken => "Login id taken",
        ErrorCodes.AccountNotEmpty => "Account not empty",
        ErrorCodes.PersonalDataNotUpgraded => "Personal data not upgraded",
        ErrorCodes.InsufficientCash => "Insufficient cash",
        ErrorCodes.InsufficientUnits => "Insufficient units",
        ErrorCodes.InsufficientFundCash => "Insufficient fund cash",
        ErrorCodes.AmountBelowNav => "Amount below NAV",
        ErrorCodes.FundIlliquid => "Fund illiquid",
        ErrorCodes.InvalidTick => "Price off the tick",
        ErrorCodes.PriceOutOfBand => "Price out of band",
        ErrorCodes.MarketHalted => "Market halted",
        ErrorCodes.OrderNotOpen => "Order not open",
        ErrorCodes.ConcurrencyConflict => "Concurrency conflict",
        ErrorCodes.DuplicateRequest => "Duplicate request",
        ErrorCodes.InvalidCredentials => "Invalid credentials",
        ErrorCodes.Unauthenticated => "Not signed in",
        ErrorCodes.Forbidden => "Forbidden",
        ErrorCodes.UnsupportedMediaType => "Unsupported media type",
        ErrorCodes.TooManyAttempts => "Too many sign-in attempts",
        ErrorCodes.TooManyRequests => "Too many requests",
        ErrorCodes.RoyaltyInProgress => "Royalty in progress",
        ErrorCodes.AppendTooLarge => "Too much to write at once",
        _ => "Request refused",
    };
}
