using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using OkCow.Application.Security;

namespace OkCow.Functions.Edge.Tokens;

/// <summary>
/// Operators' Microsoft Entra ID access tokens: signed by a key of the tenant's OpenID configuration (JWKS fetched and
/// cached by <see cref="ConfigurationManager{T}"/>, refreshed once when a token names an unknown key), issued by the
/// tenant, for the configured audience, carrying the operator app role.
/// </summary>
public sealed class EntraTokens(EntraSettings settings, IConfigurationManager<OpenIdConnectConfiguration> configuration, TimeProvider clock)
{
    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>The configuration manager for <paramref name="settings"/>, fetching through <paramref name="http"/>.</summary>
    public static EntraTokens Create(EntraSettings settings, HttpClient http, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var retriever = new HttpDocumentRetriever(http) { RequireHttps = settings.MetadataAddress.StartsWith("https://", StringComparison.Ordinal) };
        return new EntraTokens(settings, new ConfigurationManager<OpenIdConnectConfiguration>(settings.MetadataAddress, new OpenIdConnectConfigurationRetriever(), retriever), clock);
    }

    /// <summary>v2.0 tokens name <c>{instance}/{tenant}/v2.0</c>, v1.0 access tokens <c>https://sts.windows.net/{tenant}/</c>.</summary>
    public IReadOnlyList<string> Issuers =>
    [
        $"{settings.Instance.TrimEnd('/')}/{settings.TenantId}/v2.0",
        $"https://sts.windows.net/{settings.TenantId}/",
    ];

    public bool Handles(string issuer) => Issuers.Contains(issuer, StringComparer.Ordinal);

    public async Task<Caller?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var result = await ValidateOnceAsync(token, cancellationToken).ConfigureAwait(false);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The tenant may have rolled its keys since the configuration was cached.
            configuration.RequestRefresh();
            result = await ValidateOnceAsync(token, cancellationToken).ConfigureAwait(false);
        }

        if (!result.IsValid)
        {
            return null;
        }

        var identity = result.ClaimsIdentity;
        var roles = identity.FindAll("roles").Select(c => c.Value);
        var tenant = identity.FindFirst("tid")?.Value;
        var subject = identity.FindFirst("oid")?.Value ?? identity.FindFirst(JwtRegisteredClaimNames.Sub)?.Value;
        return roles.Contains(settings.OperatorRole, StringComparer.Ordinal) && tenant == settings.TenantId && !string.IsNullOrEmpty(subject)
            ? new Caller($"entra:{subject}", Roles.Operator, null)
            : null;
    }

    private async Task<TokenValidationResult> ValidateOnceAsync(string token, CancellationToken cancellationToken)
    {
        var openId = await configuration.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        return await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuers = Issuers,
            ValidAudiences = [settings.Audience, $"api://{settings.Audience}"],
            IssuerSigningKeys = openId.SigningKeys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            LifetimeValidator = (notBefore, expires, _, _) => Lifetime.IsCurrent(notBefore, expires, clock.GetUtcNow()),
        }).ConfigureAwait(false);
    }
}
