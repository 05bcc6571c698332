using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OkCow.Application.Security;

namespace OkCow.Functions.Edge.Tokens;

/// <summary>A token handed out by <c>POST /api/sessions</c>.</summary>
public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt);

/// <summary>
/// The app's own access tokens: JWTs signed with HMAC-SHA256 under the current signing key, validated against the
/// current and the previous key. Claims: <c>sub</c> (the actor), <c>roles</c> and, for investors, <c>investorId</c>.
/// </summary>
public sealed class AccessTokens(ISigningKeySource keys, SecuritySettings settings, TimeProvider clock)
{
    public const string Issuer = "okcow";
    public const string Audience = "okcow-api";
    public const string InvestorIdClaim = "investorId";
    public const string RolesClaim = "roles";
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public async Task<IssuedToken> IssueAsync(SignedIn who, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(who);
        var key = (await keys.GetAsync(cancellationToken).ConfigureAwait(false)).Current;
        var now = clock.GetUtcNow();
        var expires = now + settings.TokenLifetime;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = who.Subject,
            [RolesClaim] = new[] { who.Role },
        };
        if (who.InvestorId is { } investorId)
        {
            claims[InvestorIdClaim] = investorId.ToString();
        }

        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key.SecurityKey, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, expires);
    }

    /// <summary>The caller a token names, or null when it is malformed, expired, or not signed by a key of ours.</summary>
    public async Task<Caller?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var set = await keys.GetAsync(cancellationToken).ConfigureAwait(false);
        var result = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKeys = [.. set.All.Select(k => k.SecurityKey)],
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            LifetimeValidator = (notBefore, expires, _, _) => Lifetime.IsCurrent(notBefore, expires, clock.GetUtcNow()),
        }).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return null;
        }

        var identity = result.ClaimsIdentity;
        var subject = identity.FindFirst(JwtRegisteredClaimNames.Sub)?.Value;
        var roles = identity.FindAll(RolesClaim).Select(c => c.Value).ToList();
        if (string.IsNullOrEmpty(subject))
        {
            return null;
        }

        if (roles.Contains(Roles.Operator))
        {
            return new Caller(subject, Roles.Operator, null);
        }

        return roles.Contains(Roles.Investor) && Guid.TryParse(identity.FindFirst(InvestorIdClaim)?.Value, out var investorId)
            ? new Caller(subject, Roles.Investor, investorId)
            : null;
    }
}

/// <summary>Token lifetimes judged by the app's clock (tests run at a fixed instant), with a minute of skew.</summary>
public static class Lifetime
{
    public static bool IsCurrent(DateTime? notBefore, DateTime? expires, DateTimeOffset now) =>
        expires is { } end
        && now.UtcDateTime < end.ToUniversalTime() + AccessTokens.ClockSkew
        && (notBefore is not { } start || now.UtcDateTime >= start.ToUniversalTime() - AccessTokens.ClockSkew);
}

/// <summary>Reads claims the edge needs without trusting them (choosing a validator by issuer).</summary>
internal static class UnverifiedToken
{
    public static string? IssuerOf(string token)
    {
        try
        {
            return new JsonWebToken(token).Issuer;
        }
        catch (Exception error) when (error is ArgumentException or SecurityTokenException or FormatException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public static IEnumerable<string> ValuesOf(ClaimsIdentity identity, string type) => identity.FindAll(type).Select(c => c.Value);
}
