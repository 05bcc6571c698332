using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace OkCow.Functions.Edge.Tokens;

/// <summary>What the Authorization header said: nothing, a valid caller, or credentials that do not hold.</summary>
public sealed record Authentication(Caller? Caller, bool Presented)
{
    public static Authentication Anonymous { get; } = new(null, false);

    public static Authentication Invalid { get; } = new(null, true);
}

/// <summary>
/// Reads <c>Authorization: Bearer</c> and hands the token to the validator its issuer names: the app's own tokens, or
/// Entra ID's when Entra is configured. Anything else is invalid.
/// </summary>
public sealed class Authenticator(AccessTokens local, EntraTokens? entra = null)
{
    public const int MaxTokenLength = 8 * 1024;

    public async Task<Authentication> AuthenticateAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers[HeaderNames.Authorization];
        if (header.Count == 0)
        {
            return Authentication.Anonymous;
        }

        var value = header.Count == 1 ? header[0] ?? "" : "";
        const string Scheme = "Bearer ";
        if (!value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || value.Length > Scheme.Length + MaxTokenLength)
        {
            return Authentication.Invalid;
        }

        var token = value[Scheme.Length..].Trim();
        var cancellationToken = request.HttpContext.RequestAborted;
        var caller = UnverifiedToken.IssuerOf(token) switch
        {
            AccessTokens.Issuer => await local.ValidateAsync(token, cancellationToken).ConfigureAwait(false),
            { } issuer when entra?.Handles(issuer) == true => await entra.ValidateAsync(token, cancellationToken).ConfigureAwait(false),
            _ => null,
        };
        return caller is null ? Authentication.Invalid : new Authentication(caller, true);
    }
}
