using System.Collections.Concurrent;
using Azure;
using Azure.Security.KeyVault.Secrets;
using OkCow.Application.PersonalData;

namespace OkCow.Functions.PersonalData;

/// <summary>
/// The key-encryption keys in Azure: the versions of one Key Vault secret (read with the app's managed identity), each a
/// base64 key of 32 bytes. The newest enabled version is current (cached for <see cref="CacheFor"/>, so a rotation
/// reaches every instance within that time); any other version is read when a data key names it, while it is enabled.
/// Rotation: add a secret version, wait <see cref="CacheFor"/>, call the rewrap route, then disable the old versions.
/// </summary>
public sealed class KeyVaultKeyEncryptionKeys(SecretClient secrets, string secretName, TimeProvider clock) : IKeyEncryptionKeys
{
    public const string DefaultSecretName = "okcow-data-kek";
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly ConcurrentDictionary<string, KeyEncryptionKey> _byVersion = new(StringComparer.Ordinal);
    private (KeyEncryptionKey Key, DateTimeOffset At)? _current;

    public async ValueTask<KeyEncryptionKey> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_current is { } fresh && clock.GetUtcNow() - fresh.At < CacheFor)
        {
            return fresh.Key;
        }

        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } loaded && clock.GetUtcNow() - loaded.At < CacheFor)
            {
                return loaded.Key;
            }

            var newest = default(SecretProperties);
            await foreach (var version in secrets.GetPropertiesOfSecretVersionsAsync(secretName, cancellationToken).ConfigureAwait(false))
            {
                if (version.Enabled == true && (version.ExpiresOn is null || version.ExpiresOn > clock.GetUtcNow())
                    && (newest is null || version.CreatedOn > newest.CreatedOn))
                {
                    newest = version;
                }
            }

            if (newest is null)
            {
                throw new InvalidOperationException($"Key Vault secret '{secretName}' has no enabled version; create one holding a base64 key of 32 bytes.");
            }

            var key = await FindAsync(newest.Version, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Key Vault secret '{secretName}' version {newest.Version} cannot be read.");
            _current = (key, clock.GetUtcNow());
            return key;
        }
        finally
        {
            _loading.Release();
        }
    }

    public async ValueTask<KeyEncryptionKey?> FindAsync(string version, CancellationToken cancellationToken)
    {
        if (_byVersion.TryGetValue(version, out var known))
        {
            return known;
        }

        try
        {
            Response<KeyVaultSecret> secret = await secrets.GetSecretAsync(secretName, version, cancellationToken).ConfigureAwait(false);
            var bytes = Convert.FromBase64String(secret.Value.Value);
            if (bytes.Length != KeyEncryptionKey.KeyBytes)
            {
                throw new InvalidOperationException($"Key Vault secret '{secretName}' version {version} is not a base64 key of {KeyEncryptionKey.KeyBytes} bytes.");
            }

            return _byVersion.GetOrAdd(version, new KeyEncryptionKey(version, bytes));
        }
        catch (RequestFailedException notThere) when (notThere.Status is 403 or 404)
        {
            // A disabled version answers 403, a deleted one 404: the data keys under it need that version back.
            return null;
        }
    }
}
