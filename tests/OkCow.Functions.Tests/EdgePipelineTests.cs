using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OkCow.Application.Security;
using OkCow.Functions.Edge;
using OkCow.Functions.Edge.Tokens;

namespace OkCow.Functions.Tests;

/// <summary>The pieces of the edge, each on its own, over real HttpContexts.</summary>
public sealed class EdgePipelineTests(FunctionsFixture host) : IClassFixture<FunctionsFixture>
{
    private static readonly EdgeEndpoint OperatorOnly = new("CreateFund", new AccessAttribute(AccessRule.Operator));
    private static readonly EdgeEndpoint SignUp = new("RegisterInvestor", new AccessAttribute(AccessRule.Public) { RateLimited = true });

    private EdgePipeline Edge => host.Services.GetRequiredService<EdgePipeline>();

    private async Task<(Answer Answer, IHeaderDictionary Headers)> RunAsync(EdgePipeline edge, EdgeEndpoint endpoint, Action<HttpContext> prepare, string? body = "{}")
    {
        var context = HttpCall.NewContext(host.Services, "POST", "/api/funds", body);
        prepare(context);
        var answer = await HttpCall.ExecuteAsync(context, async _ => await edge.RunAsync(new EdgeRequest(context, endpoint, _ => null)) ?? new Http.JsonAnswer(299, null));
        return (answer, context.Response.Headers);
    }

    [Fact]
    public async Task GivenNoToken_WhenAClosedRouteIsCalled_Then401UnauthenticatedWithWwwAuthenticateBearer()
    {
        var (answer, headers) = await RunAsync(Edge, OperatorOnly, _ => { });

        AnswerAssert.Problem(answer, 401, "UNAUTHENTICATED");
        Assert.Equal("Bearer", headers.WWWAuthenticate.ToString());
    }

    [Theory]
    [InlineData("Bearer not.a.token")]
    [InlineData("Basic b3BlcmF0b3I6cGFzcw==")]
    [InlineData("Bearer ")]
    public async Task GivenABadAuthorizationHeader_WhenAClosedRouteIsCalled_Then401InvalidToken(string header)
    {
        var (answer, headers) = await RunAsync(Edge, OperatorOnly, c => c.Request.Headers.Authorization = header);

        AnswerAssert.Problem(answer, 401, "UNAUTHENTICATED");
        Assert.StartsWith("Bearer error=\"invalid_token\"", headers.WWWAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenInvestorAndOperatorTokens_WhenAnOperatorRouteIsCalled_ThenTheInvestorIs403AndTheOperatorPasses()
    {
        var tokens = host.Services.GetRequiredService<AccessTokens>();
        var investorId = Guid.NewGuid();
        var investor = (await tokens.IssueAsync(new SignedIn($"investor:{investorId}", Roles.Investor, investorId), default)).AccessToken;
        var op = (await tokens.IssueAsync(new SignedIn("operator", Roles.Operator, null), default)).AccessToken;

        var (refused, _) = await RunAsync(Edge, OperatorOnly, c => c.Request.Headers.Authorization = "Bearer " + investor);
        var (passed, _) = await RunAsync(Edge, OperatorOnly, c => c.Request.Headers.Authorization = "Bearer " + op);

        AnswerAssert.Problem(refused, 403, "FORBIDDEN");
        Assert.Equal(299, passed.Status);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=latin1")]
    [InlineData(null)]
    public async Task GivenACommandWithoutAJsonContentType_WhenPosted_Then415(string? contentType)
    {
        var (answer, _) = await RunAsync(Edge, SignUp, c => c.Request.ContentType = contentType);

        AnswerAssert.Problem(answer, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Theory]
    [InlineData("abc-123", "abc-123")]
    [InlineData("has space", null)]
    [InlineData("line\nbreak", null)]
    [InlineData("ünïcode", null)]
    public void GivenACorrelationId_WhenSanitized_ThenOnlyShortVisibleAsciiIsKept(string sent, string? kept)
    {
        var result = CorrelationStep.Sanitize(sent);

        if (kept is null)
        {
            Assert.True(Guid.TryParse(result, out _), result);
        }
        else
        {
            Assert.Equal(kept, result);
        }

        Assert.True(Guid.TryParse(CorrelationStep.Sanitize(new string('a', 65)), out _));
    }

    [Fact]
    public void GivenATraceRunningAndNoUsableCorrelationId_WhenSanitised_ThenTheTraceIdIsTheCorrelationId()
    {
        using var request = new System.Diagnostics.Activity("request").SetIdFormat(System.Diagnostics.ActivityIdFormat.W3C).Start();

        Assert.Equal(request.TraceId.ToHexString(), CorrelationStep.Sanitize(null));
        Assert.Equal(request.TraceId.ToHexString(), CorrelationStep.Sanitize("bad value"));
        Assert.Equal("kept-1", CorrelationStep.Sanitize("kept-1"));
    }

    [Fact]
    public async Task GivenTheSignInLimit_WhenOneAddressExceedsIt_ThenItGets429WithRetryAfterAndAnotherAddressDoesNot()
    {
        var settings = host.Services.GetRequiredService<SecuritySettings>() with { SignInPermitsPerMinute = 2 };
        using var limit = new RateLimitStep(settings, new ConnectionClientAddress());
        var edge = new EdgePipeline(
            new CorrelationStep(),
            new ContentTypeStep(),
            limit,
            host.Services.GetRequiredService<AuthenticationStep>(),
            new AccessStep(host.Services.GetRequiredService<IResourceOwners>(), NullLogger<AccessStep>.Instance));
        void From(HttpContext c, string address) => c.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(address);

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await RunAsync(edge, SignUp, c => From(c, "203.0.113.7"))).Answer.Status);
        }

        var (limited, headers) = await RunAsync(edge, SignUp, c => From(c, "203.0.113.7"));
        var (other, _) = await RunAsync(edge, SignUp, c => From(c, "198.51.100.1"));

        Assert.Equal([299, 299, 429], statuses);
        AnswerAssert.Problem(limited, 429, "TOO_MANY_REQUESTS");
        Assert.True(int.Parse(headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal(299, other.Status);
    }
}
