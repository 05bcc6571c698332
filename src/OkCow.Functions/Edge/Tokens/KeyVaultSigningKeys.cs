using Azure;
using Azure.Security.KeyVault.Secrets;

namespace OkCow.Functions.Edge.Tokens;

/// <summary>
/// The signing keys in Azure: the enabled versions of one Key Vault secret (read with the app's managed identity),
/// newest first. The newest signs new tokens; the one before stays accepted, so rotating (adding a version) signs nobody
/// out. Cached for a few minutes: a rotation reaches every instance within that time.
/// A secret value is a base64 key of at least 32 bytes.
/// </summary>
public sealed class KeyVaultSigningKeys(SecretClient secrets, string secretName, TimeProvider clock) : ISigningKeySource
{
    public const string DefaultSecretName = "okcow-token-signing-key";
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private (SigningKeySet Keys, DateTimeOffset At)? _cached;

    public async ValueTask<SigningKeySet> GetAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } fresh && clock.GetUtcNow() - fresh.At < CacheFor)
        {
            return fresh.Keys;
        }

        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached is { } loaded && clock.GetUtcNow() - loaded.At < CacheFor)
            {
                return loaded.Keys;
            }

            var keys = await LoadAsync(cancellationToken).ConfigureAwait(false);
            _cached = (keys, clock.GetUtcNow());
            return keys;
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<SigningKeySet> LoadAsync(CancellationToken cancellationToken)
    {
        var versions = new List<SecretProperties>();
        await foreach (var version in secrets.GetPropertiesOfSecretVersionsAsync(secretName, cancellationToken).ConfigureAwait(false))
        {
            if (version.Enabled == true && (version.ExpiresOn is null || version.ExpiresOn > clock.GetUtcNow()))
            {
                versions.Add(version);
            }
        }

        var newest = versions.OrderByDescending(v => v.CreatedOn).Take(2).ToList();
        if (newest.Count == 0)
        {
            throw new InvalidOperationException($"Key Vault secret '{secretName}' has no enabled version; create one holding a base64 key of at least 32 bytes.");
        }

        var keys = new List<SigningKey>();
        foreach (var version in newest)
        {
            Response<KeyVaultSecret> secret = await secrets.GetSecretAsync(secretName, version.Version, cancellationToken).ConfigureAwait(false);
            keys.Add(new SigningKey(version.Version[..Math.Min(16, version.Version.Length)], Convert.FromBase64String(secret.Value.Value)));
        }

        return new SigningKeySet(keys[0], keys.ElementAtOrDefault(1));
    }
}
