using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OkCow.Application.Security;
using OkCow.Functions.Edge;
using OkCow.Functions.Edge.Tokens;

namespace OkCow.Functions.Tests;

/// <summary>The app's own tokens (signing, expiry, key rotation) and Entra ID operator tokens checked against a JWKS.</summary>
public sealed class TokenTests
{
    private const string Tenant = "11111111-2222-3333-4444-555555555555";
    private const string EntraAudience = "okcow-api-client-id";
    private static readonly DateTimeOffset Now = FunctionsFixture.Now;
    private static readonly SecuritySettings Settings = new(TimeSpan.FromHours(1), 1_000, 0, [], new EntraSettings(Tenant, EntraAudience, "OkCow.Operator", "https://login.test/"));
    private static readonly SignedIn Investor = new("investor:7e0c2a57-95a4-4d55-9e0e-6bbf0a4f8d11", Roles.Investor, Guid.Parse("7e0c2a57-95a4-4d55-9e0e-6bbf0a4f8d11"));

    [Fact]
    public async Task GivenATokenSignedWithThePreviousKey_WhenTheKeyRotatesOnce_ThenItStaysValidAndTwiceThenItDoesNot()
    {
        var first = SigningKey.Generate();
        var keys = new FixedSigningKeys(new SigningKeySet(first, null));
        var clock = new MovableClock(Now);
        var tokens = new AccessTokens(keys, Settings, clock);
        var old = await tokens.IssueAsync(Investor, default);

        var second = SigningKey.Generate();
        keys.Keys = new SigningKeySet(second, first);
        var fresh = await tokens.IssueAsync(Investor, default);

        Assert.NotNull(await tokens.ValidateAsync(old.AccessToken, default));
        Assert.Equal(second.KeyId, new JsonWebToken(fresh.AccessToken).Kid);
        keys.Keys = new SigningKeySet(SigningKey.Generate(), second);
        Assert.Null(await tokens.ValidateAsync(old.AccessToken, default));
        Assert.NotNull(await tokens.ValidateAsync(fresh.AccessToken, default));
    }

    [Fact]
    public async Task GivenAToken_WhenItHasExpiredOrIsSignedByAnotherKeyOrTampered_ThenItIsRefused()
    {
        var clock = new MovableClock(Now);
        var tokens = new AccessTokens(new FixedSigningKeys(new SigningKeySet(SigningKey.Generate(), null)), Settings, clock);
        var stranger = new AccessTokens(new FixedSigningKeys(new SigningKeySet(SigningKey.Generate(), null)), Settings, clock);
        var token = (await tokens.IssueAsync(Investor, default)).AccessToken;
        var forged = (await stranger.IssueAsync(Investor with { Role = Roles.Operator }, default)).AccessToken;
        var parts = token.Split('.');
        var tampered = string.Join('.', parts[0], Base64UrlEncoder.Encode("""{"sub":"operator","roles":["operator"],"iss":"okcow","aud":"okcow-api","exp":4102444800}"""), parts[2]);

        Assert.Equal(Investor.InvestorId, (await tokens.ValidateAsync(token, default))?.InvestorId);
        Assert.Null(await tokens.ValidateAsync(forged, default));
        Assert.Null(await tokens.ValidateAsync(tampered, default));
        clock.Now = Now.AddHours(1).AddMinutes(2);
        Assert.Null(await tokens.ValidateAsync(token, default));
    }

    [Fact]
    public async Task GivenEntraTokensCheckedAgainstTheTenantsJwks_WhenTheyCarryTheOperatorRole_ThenOnlyThoseAreOperators()
    {
        using var rsa = RSA.Create(2048);
        using var otherRsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = "tenant-key-1" };
        var unknownKey = new RsaSecurityKey(otherRsa) { KeyId = "not-published" };
        using var handler = new FakeEntra(rsa.ExportParameters(false), key.KeyId);
        using var http = new HttpClient(handler);
        var entra = EntraTokens.Create(Settings.Entra!, http, new FixedClock(Now));
        var authenticator = new Authenticator(new AccessTokens(new FixedSigningKeys(new SigningKeySet(SigningKey.Generate(), null)), Settings, new FixedClock(Now)), entra);

        var operatorToken = EntraToken(key, EntraAudience, ["OkCow.Operator"]);

        var caller = (await authenticator.AuthenticateAsync(RequestWith(operatorToken))).Caller;
        Assert.Equal(new Caller("entra:oid-of-alice", Roles.Operator, null), caller);
        Assert.Null((await authenticator.AuthenticateAsync(RequestWith(EntraToken(key, EntraAudience, ["OkCow.Reader"])))).Caller);
        Assert.Null((await authenticator.AuthenticateAsync(RequestWith(EntraToken(key, "another-api", ["OkCow.Operator"])))).Caller);
        Assert.Null((await authenticator.AuthenticateAsync(RequestWith(EntraToken(unknownKey, EntraAudience, ["OkCow.Operator"])))).Caller);
        Assert.Null((await authenticator.AuthenticateAsync(RequestWith(EntraToken(key, EntraAudience, ["OkCow.Operator"], tenant: "99999999-2222-3333-4444-555555555555")))).Caller);
        Assert.True((await authenticator.AuthenticateAsync(RequestWith(EntraToken(key, EntraAudience, ["OkCow.Operator"], expires: Now.AddMinutes(-5))))).Presented);
        Assert.Null((await authenticator.AuthenticateAsync(RequestWith(EntraToken(key, EntraAudience, ["OkCow.Operator"], expires: Now.AddMinutes(-5))))).Caller);
        Assert.True(handler.Requests >= 2, "The OpenID configuration and the JWKS were fetched.");
        Assert.True(handler.Requests <= 6, $"The configuration is cached, not fetched per token ({handler.Requests} requests).");
    }

    private static HttpRequest RequestWith(string token)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer " + token;
        return context.Request;
    }

    private static string EntraToken(SecurityKey key, string audience, string[] roles, string tenant = Tenant, DateTimeOffset? expires = null) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = $"https://login.test/{tenant}/v2.0",
            Audience = audience,
            IssuedAt = Now.AddMinutes(-10).UtcDateTime,
            NotBefore = Now.AddMinutes(-10).UtcDateTime,
            Expires = (expires ?? Now.AddMinutes(50)).UtcDateTime,
            Claims = new Dictionary<string, object> { ["roles"] = roles, ["tid"] = tenant, ["oid"] = "oid-of-alice", ["sub"] = "pairwise-sub" },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });

    /// <summary>Entra ID's discovery document and key set for the test tenant, served in-process.</summary>
    private sealed class FakeEntra(RSAParameters publicKey, string keyId) : HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            var path = request.RequestUri!.AbsolutePath;
            var json = path switch
            {
                $"/{Tenant}/v2.0/.well-known/openid-configuration" =>
                    $$"""{"issuer":"https://login.test/{{Tenant}}/v2.0","jwks_uri":"https://login.test/{{Tenant}}/discovery/v2.0/keys","authorization_endpoint":"https://login.test/{{Tenant}}/oauth2/v2.0/authorize","token_endpoint":"https://login.test/{{Tenant}}/oauth2/v2.0/token"}""",
                $"/{Tenant}/discovery/v2.0/keys" =>
                    $$"""{"keys":[{"kty":"RSA","use":"sig","kid":"{{keyId}}","n":"{{Base64UrlEncoder.Encode(publicKey.Modulus)}}","e":"{{Base64UrlEncoder.Encode(publicKey.Exponent)}}"}]}""",
                _ => null,
            };
            return Task.FromResult(json is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
        }
    }
}
