using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;
using OkCow.Application.Security;
using OkCow.Domain.Common;
using OkCow.Functions.Contract;
using OkCow.Functions.Edge;
using OkCow.Functions.Edge.Tokens;
using OkCow.Functions.Http;

namespace OkCow.Functions.Sessions;

public sealed record SignInRequest(string LoginId, string Password);

public sealed record SessionDto(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, IReadOnlyList<string> Roles, Guid? InvestorId);

/// <summary>Sign-in (SPEC 6): a login id and password for a bearer token.</summary>
public sealed class SessionFunctions(SignInService signIn, AccessTokens tokens)
{
    public const int MaxLoginIdLength = 64;
    public const int MaxPasswordLength = 128;

    [Function("SignIn")]
    [Access(AccessRule.Public, RateLimited = true)]
    [Summary("Signs in with a loginId and password for a bearer token (SPEC 6).")]
    [RequestBody(typeof(SignInRequest))]
    [Answers(StatusCodes.Status200OK, typeof(SessionDto))]
    [Refuses(ErrorCodes.InvalidCredentials, ErrorCodes.TooManyAttempts)]
    public async Task<IActionResult> SignIn(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sessions")] HttpRequest request)
    {
        var (body, problem) = await JsonRequests.BindAsync<SignInRequest>(request);
        if (body is null)
        {
            return problem!;
        }

        if (body.LoginId.Length is 0 or > MaxLoginIdLength || body.Password.Length is 0 or > MaxPasswordLength
            || !TextHygiene.IsValidUtf16(body.LoginId) || !TextHygiene.IsValidUtf16(body.Password))
        {
            return Problems.Validation($"'loginId' has 1 to {MaxLoginIdLength} characters and 'password' 1 to {MaxPasswordLength}.");
        }

        var cancellationToken = request.HttpContext.RequestAborted;
        switch (await signIn.SignInAsync(body.LoginId, body.Password, cancellationToken))
        {
            case SignInOutcome.Success(var who):
                var token = await tokens.IssueAsync(who, cancellationToken);
                return new JsonAnswer(StatusCodes.Status200OK, new SessionDto(token.AccessToken, "Bearer", token.ExpiresAt, [who.Role], who.InvestorId));
            case SignInOutcome.Locked(var retryAfter):
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                return new WithHeaders(
                    Problems.For(ErrorCodes.TooManyAttempts, $"Too many failed sign-ins for this login id; retry in {seconds} seconds.", request.Path.Value),
                    (HeaderNames.RetryAfter, seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            default:
                return Problems.For(ErrorCodes.InvalidCredentials, "The login id or the password is wrong.", request.Path.Value);
        }
    }
}
