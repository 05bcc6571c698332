using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using OkCow.Application.Queries;
using OkCow.Domain.Common;
using OkCow.Functions.Edge.Tokens;
using OkCow.Functions.Http;

namespace OkCow.Functions.Edge;

/// <summary>The function a request reached, as its attributes declare it.</summary>
public sealed record EdgeEndpoint(string Name, AccessAttribute Access);

/// <summary>One request at the edge: its HttpContext, the function it is for and that function's route values.</summary>
public sealed record EdgeRequest(HttpContext Http, EdgeEndpoint Endpoint, Func<string, string?> RouteValue);

/// <summary>One piece of the edge: answers the request itself (a refusal), or returns null to let the next piece run.</summary>
public interface IEdgeStep
{
    ValueTask<IActionResult?> RunAsync(EdgeRequest request);
}

/// <summary>
/// What every HTTP request goes through before its function runs, in this order: a log-safe correlation id, the
/// content type of commands, the sign-up/sign-in rate limit, authentication, and the access decision. Run as worker
/// middleware in Azure (<c>EdgeWorkerMiddleware</c>) and by the local host's endpoints: the same pieces in both.
/// </summary>
public sealed class EdgePipeline(
    CorrelationStep correlation,
    ContentTypeStep contentType,
    RateLimitStep rateLimit,
    AuthenticationStep authentication,
    AccessStep access)
{
    private readonly IEdgeStep[] _steps = [correlation, contentType, rateLimit, authentication, access];

    /// <summary>Null when the function may run; otherwise the answer to send instead.</summary>
    public async ValueTask<IActionResult?> RunAsync(EdgeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var step in _steps)
        {
            if (await step.RunAsync(request).ConfigureAwait(false) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }
}

/// <summary>
/// Keeps a client's X-Correlation-Id only when it is short visible ASCII (it reaches logs and event metadata);
/// without one (or instead of an unusable one) the request's trace id is used, so the correlation id on events finds
/// the request's trace too; a fresh GUID when no trace is running.
/// </summary>
public sealed class CorrelationStep : IEdgeStep
{
    public const string Header = "X-Correlation-Id";
    public const int MaxLength = 64;

    public ValueTask<IActionResult?> RunAsync(EdgeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        EdgeItems.SetCorrelationId(request.Http, Sanitize(request.Http.Request.Headers[Header].ToString()));
        EdgeItems.SetFunction(request.Http, request.Endpoint.Name);
        return ValueTask.FromResult<IActionResult?>(null);
    }

    public static string Sanitize(string? value) =>
        value is { Length: > 0 and <= MaxLength } && value.All(c => c is >= '!' and <= '~') ? value : Fresh();

    private static string Fresh() =>
        System.Diagnostics.Activity.Current is { IdFormat: System.Diagnostics.ActivityIdFormat.W3C } activity
            ? activity.TraceId.ToHexString()
            : Guid.NewGuid().ToString();
}

/// <summary>Commands that carry a body need <c>Content-Type: application/json</c> (UTF-8); anything else is 415.</summary>
public sealed class ContentTypeStep : IEdgeStep
{
    public ValueTask<IActionResult?> RunAsync(EdgeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var http = request.Http.Request;
        var carriesBody = HttpMethods.IsPost(http.Method) || HttpMethods.IsPut(http.Method) || HttpMethods.IsPatch(http.Method);
        if (!carriesBody || http.ContentLength == 0 || IsJson(http.ContentType))
        {
            return ValueTask.FromResult<IActionResult?>(null);
        }

        return ValueTask.FromResult<IActionResult?>(Problems.For(
            ErrorCodes.UnsupportedMediaType,
            "Commands take a JSON body: send Content-Type: application/json.",
            http.Path.Value));
    }

    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && (!parsed.Charset.HasValue || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
}

/// <summary>The address a request came from, as far as this host can tell.</summary>
public interface IClientAddress
{
    string Of(HttpContext context);
}

/// <summary>
/// Behind the Functions front end the connection comes from the platform, which appends the client's address to
/// X-Forwarded-For; the last entry is the one it added (earlier ones are whatever the client sent).
/// </summary>
public sealed class ForwardedClientAddress : IClientAddress
{
    public string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        var last = forwarded.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return last is { Length: > 0 and <= 64 } ? last : ConnectionClientAddress.AddressOf(context);
    }
}

/// <summary>The connection's remote address: for a host that clients reach directly (the local host).</summary>
public sealed class ConnectionClientAddress : IClientAddress
{
    public string Of(HttpContext context) => AddressOf(context);

    public static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

/// <summary>
/// Sign-up and sign-in, per client address: <see cref="SecuritySettings.SignInPermitsPerMinute"/> requests a minute
/// (0 turns the limit off), then 429 TOO_MANY_REQUESTS with Retry-After. Idle partitions are dropped by the limiter.
/// </summary>
public sealed class RateLimitStep(SecuritySettings settings, IClientAddress addresses) : IEdgeStep, IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter = settings.SignInPermitsPerMinute == 0
        ? null
        : PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.SignInPermitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public ValueTask<IActionResult?> RunAsync(EdgeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_limiter is null || !request.Endpoint.Access.RateLimited)
        {
            return ValueTask.FromResult<IActionResult?>(null);
        }

        using var lease = _limiter.AttemptAcquire(addresses.Of(request.Http));
        if (lease.IsAcquired)
        {
            return ValueTask.FromResult<IActionResult?>(null);
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        return ValueTask.FromResult<IActionResult?>(new WithHeaders(
            Problems.For(ErrorCodes.TooManyRequests, "Too many sign-ups or sign-ins from this address; retry later.", request.Http.Request.Path.Value),
            (HeaderNames.RetryAfter, Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    public void Dispose() => _limiter?.Dispose();
}

/// <summary>Validates the bearer token, if any, and keeps the caller for the access decision and the function.</summary>
public sealed class AuthenticationStep(Authenticator authenticator) : IEdgeStep
{
    private static readonly object Key = new();

    public async ValueTask<IActionResult?> RunAsync(EdgeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authentication = await authenticator.AuthenticateAsync(request.Http.Request).ConfigureAwait(false);
        request.Http.Items[Key] = authentication;
        if (authentication.Caller is { } caller)
        {
            EdgeItems.SetCaller(request.Http, caller);
        }

        return null;
    }

    public static Authentication Of(HttpContext context) =>
        context.Items.TryGetValue(Key, out var value) && value is Authentication authentication ? authentication : Authentication.Anonymous;
}

/// <summary>Who owns the resources investors may reach by id: status resources carry their investor.</summary>
public interface IResourceOwners
{
    /// <param name="caller">Who asks: the investor who made a request owns it even before its status view exists.</param>
    Task<Guid?> OwnerOfAsync(OwnedBy kind, Guid resourceId, Caller? caller, CancellationToken cancellationToken);
}

/// <summary>
/// Owners from the status read models, or, before a status view exists, from the asking investor's own stream (the
/// request is found there); anything else not projected yet has no known owner (answered as not found).
/// </summary>
public sealed class StatusOwners(ReadQueries queries) : IResourceOwners
{
    public async Task<Guid?> OwnerOfAsync(OwnedBy kind, Guid resourceId, Caller? caller, CancellationToken cancellationToken)
    {
        var investor = caller is { IsInvestor: true } ? caller.InvestorId : null;
        return kind switch
        {
            OwnedBy.Order => (await queries.GetOrderAsync(resourceId, investor, cancellationToken).ConfigureAwait(false))?.InvestorId,
            OwnedBy.Subscription => (await queries.GetSubscriptionAsync(resourceId, investor, cancellationToken).ConfigureAwait(false))?.InvestorId,
            OwnedBy.Redemption => (await queries.GetRedemptionAsync(resourceId, investor, cancellationToken).ConfigureAwait(false))?.InvestorId,
            _ => null,
        };
    }
}

/// <summary>Applies <see cref="AccessPolicy"/> and turns its verdict into 401, 403 or 404 problem+json.</summary>
public sealed partial class AccessStep(IResourceOwners owners, ILogger<AccessStep> logger) : IEdgeStep
{
    public async ValueTask<IActionResult?> RunAsync(EdgeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var http = request.Http;
        var access = request.Endpoint.Access;
        IActionResult? ownerProblem = null;
        var verdict = await AccessPolicy.DecideAsync(access, EdgeItems.CallerOf(http), async () =>
        {
            var (owner, problem) = await OwnerAsync(request).ConfigureAwait(false);
            ownerProblem = problem;
            return owner;
        }).ConfigureAwait(false);

        var path = http.Request.Path.Value;
        switch (verdict)
        {
            case AccessVerdict.Allow:
                return null;
            case AccessVerdict.Unauthenticated:
                var presented = AuthenticationStep.Of(http).Presented;
                return new WithHeaders(
                    Problems.For(ErrorCodes.Unauthenticated, presented ? "The access token is malformed, expired or not signed by a trusted key." : "Sign in first: send Authorization: Bearer <token>.", path),
                    (HeaderNames.WWWAuthenticate, presented ? "Bearer error=\"invalid_token\"" : "Bearer"));
            case AccessVerdict.OwnerUnknown:
                return ownerProblem ?? Problems.For(ErrorCodes.NotFound, "Not found (reads are eventually consistent: retry shortly after a command).", path);
            default:
                LogForbidden(request.Endpoint.Name, EdgeItems.CallerOf(http)?.Subject ?? "anonymous");
                return Problems.For(ErrorCodes.Forbidden, "This route is not open to you.", path);
        }
    }

    private async Task<(Guid? Owner, IActionResult? Problem)> OwnerAsync(EdgeRequest request)
    {
        var kind = request.Endpoint.Access.Owner;
        switch (kind)
        {
            case OwnedBy.RouteInvestorId:
                return Guid.TryParse(request.RouteValue("investorId"), out var routeId)
                    ? (routeId, null)
                    : (null, Problems.Validation("'investorId' in the route must be an id (a UUID)."));
            case OwnedBy.BodyInvestorId:
                var body = await RequestBodies.ReadAsync(request.Http.Request).ConfigureAwait(false);
                if (body.Problem is not null)
                {
                    return (null, body.Problem);
                }

                return RequestBodies.InvestorIdOf(body.Bytes) is { } bodyId
                    ? (bodyId, null)
                    : (null, Problems.Validation("'investorId' must be an id (a UUID string)."));
            default:
                var parameter = kind switch
                {
                    OwnedBy.Order => "orderId",
                    OwnedBy.Subscription => "subscriptionId",
                    _ => "redemptionId",
                };
                if (!Guid.TryParse(request.RouteValue(parameter), out var resourceId))
                {
                    return (null, Problems.Validation($"'{parameter}' in the route must be an id (a UUID)."));
                }

                return (await owners.OwnerOfAsync(kind, resourceId, EdgeItems.CallerOf(request.Http), request.Http.RequestAborted).ConfigureAwait(false), null);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forbidden: {Function} for {Subject}")]
    private partial void LogForbidden(string function, string subject);
}

/// <summary>An answer with extra response headers (WWW-Authenticate, Retry-After), set before the body is written.</summary>
public sealed class WithHeaders(IActionResult inner, params (string Name, string Value)[] headers) : IActionResult
{
    public IActionResult Inner { get; } = inner;

    public IReadOnlyList<(string Name, string Value)> Headers { get; } = headers;

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var (name, value) in Headers)
        {
            context.HttpContext.Response.Headers[name] = value;
        }

        return Inner.ExecuteResultAsync(context);
    }
}
