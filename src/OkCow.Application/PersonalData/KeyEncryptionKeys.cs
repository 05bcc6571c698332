using System.Security.Cryptography;

namespace OkCow.Application.PersonalData;

/// <summary>One version of the key-encryption key (KEK): 32 bytes that wrap the investors' data keys.</summary>
public sealed record KeyEncryptionKey(string Version, byte[] Key)
{
    public const int KeyBytes = 32;

    public static KeyEncryptionKey Generate() => new(Guid.NewGuid().ToString("N"), RandomNumberGenerator.GetBytes(KeyBytes));
}

/// <summary>
/// Where the key-encryption keys come from: Key Vault secret versions in Azure (read with the managed identity), a file in
/// the data folder locally. The current version wraps new data keys; older versions stay readable so that data keys
/// wrapped under them open until <see cref="PersonalDataVault.RewrapAsync"/> has moved them to the current one.
/// </summary>
public interface IKeyEncryptionKeys
{
    ValueTask<KeyEncryptionKey> CurrentAsync(CancellationToken cancellationToken);

    /// <summary>The version named <paramref name="version"/>; null when it no longer exists (or is disabled).</summary>
    ValueTask<KeyEncryptionKey?> FindAsync(string version, CancellationToken cancellationToken);
}

/// <summary>
/// KEK versions held in memory: tests, and a host without a vault (its sealed data cannot be opened after a restart).
/// </summary>
public sealed class InMemoryKeyEncryptionKeys : IKeyEncryptionKeys
{
    private readonly List<KeyEncryptionKey> _versions = [KeyEncryptionKey.Generate()];
    private readonly Lock _lock = new();

    /// <summary>Adds a new current version; the older ones stay readable.</summary>
    public KeyEncryptionKey Rotate()
    {
        var next = KeyEncryptionKey.Generate();
        lock (_lock)
        {
            _versions.Add(next);
        }

        return next;
    }

    /// <summary>Removes a version, as disabling a Key Vault secret version does.</summary>
    public void Retire(string version)
    {
        lock (_lock)
        {
            _versions.RemoveAll(k => k.Version == version);
        }
    }

    public ValueTask<KeyEncryptionKey> CurrentAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_versions[^1]);
        }
    }

    public ValueTask<KeyEncryptionKey?> FindAsync(string version, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_versions.FirstOrDefault(k => k.Version == version));
        }
    }
}
