using System.Globalization;
using Microsoft.Extensions.Configuration;
using OkCow.Application.Security;

namespace OkCow.Functions.Edge.Tokens;

/// <summary>Microsoft Entra ID for operators: whose tokens, for which API, with which app role.</summary>
public sealed record EntraSettings(string TenantId, string Audience, string OperatorRole, string Instance)
{
    public const string DefaultOperatorRole = "OkCow.Operator";
    public const string DefaultInstance = "https://login.microsoftonline.com/";

    public string MetadataAddress => $"{Instance.TrimEnd('/')}/{TenantId}/v2.0/.well-known/openid-configuration";
}

/// <summary>
/// The security settings (docs/settings.md): token lifetime, hashing cost, the sign-in rate limit, browser origins,
/// and Entra ID (null when operators sign in with the local account only).
/// </summary>
public sealed record SecuritySettings(
    TimeSpan TokenLifetime,
    int PasswordIterations,
    int SignInPermitsPerMinute,
    IReadOnlyList<string> AllowedOrigins,
    EntraSettings? Entra)
{
    public const string TokenLifetimeKey = "OkCow:Security:TokenLifetimeMinutes";
    public const string PasswordIterationsKey = "OkCow:Security:PasswordIterations";
    public const string SignInPermitsKey = "OkCow:Security:SignInPermitsPerMinute";
    public const string AllowedOriginsKey = "OkCow:Cors:AllowedOrigins";
    public const string EntraTenantKey = "OkCow:Entra:TenantId";
    public const string EntraAudienceKey = "OkCow:Entra:Audience";
    public const string EntraRoleKey = "OkCow:Entra:OperatorRole";
    public const string EntraInstanceKey = "OkCow:Entra:Instance";
    public const int DefaultSignInPermitsPerMinute = 20;

    public static SecuritySettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Entra sign-in is on when an audience is set (the tenant then must be too).
        var audience = configuration[EntraAudienceKey];
        var entra = string.IsNullOrWhiteSpace(audience)
            ? null
            : new EntraSettings(
                configuration[EntraTenantKey] is { Length: > 0 } tenant ? tenant.Trim() : throw new InvalidOperationException($"{EntraTenantKey} must be set when {EntraAudienceKey} is."),
                audience.Trim(),
                configuration[EntraRoleKey] is { Length: > 0 } role ? role.Trim() : EntraSettings.DefaultOperatorRole,
                configuration[EntraInstanceKey] is { Length: > 0 } instance ? instance.Trim() : EntraSettings.DefaultInstance);

        return new SecuritySettings(
            TimeSpan.FromMinutes(Whole(configuration, TokenLifetimeKey, 60, min: 1)),
            Whole(configuration, PasswordIterationsKey, PasswordHasher.DefaultIterations, min: 1),
            Whole(configuration, SignInPermitsKey, DefaultSignInPermitsPerMinute, min: 0),
            (configuration[AllowedOriginsKey] ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            entra);
    }

    private static int Whole(IConfiguration configuration, string key, int fallback, int min) => configuration[key] switch
    {
        null or "" => fallback,
        var text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min => value,
        var text => throw new InvalidOperationException($"{key} is '{text}', but it must be a whole number of at least {min}."),
    };
}
