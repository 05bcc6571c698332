using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace OkCow.Application.PersonalData;

/// <summary>
/// Crypto-shredding of personal fields (SPEC §9): a field is sealed with AES-GCM under the investor's own data key,
/// which is kept outside the event log, wrapped by the key-encryption key. Destroying the data key erases every field
/// it sealed, in every event and snapshot, without rewriting the log.
/// </summary>
/// <remarks>
/// A sealed field is <c>pd1:</c> + base64(nonce ‖ ciphertext ‖ tag), bound to the investor and the field name as
/// associated data, so a sealed value cannot be moved to another investor or field. Text without the prefix was written
/// before sealing existed and is returned as it is (the personal-data upgrade seals it).
/// </remarks>
public sealed partial class PersonalDataVault(IDataKeyStore keys, IKeyEncryptionKeys keks, TimeProvider clock, ILogger<PersonalDataVault> logger)
{
    public const string Prefix = "pd1:";
    public const string NameField = "name";
    public const string LoginIdField = "loginId";

    private const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public static bool IsSealed(string? text) => text is not null && text.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Seals <paramref name="text"/> for <paramref name="investorId"/>, creating the investor's data key on first use.</summary>
    public async Task<string> SealAsync(Guid investorId, string field, string text, CancellationToken cancellationToken)
    {
        var key = await DataKeyAsync(investorId, create: true, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Investor {investorId} has no data key.");
        return Seal(key, investorId, field, text);
    }

    /// <summary>
    /// The clear text of a sealed field; null once the investor's data key is destroyed (erased). Text written before
    /// sealing is returned unchanged.
    /// </summary>
    public async Task<string?> OpenAsync(Guid investorId, string field, string stored, CancellationToken cancellationToken)
    {
        if (!IsSealed(stored))
        {
            return stored;
        }

        var key = await DataKeyAsync(investorId, create: false, cancellationToken).ConfigureAwait(false);
        return key is null ? null : Open(key, investorId, field, stored);
    }

    /// <summary>Whether the investor still has a data key (false once erased, or before anything was sealed).</summary>
    public async Task<bool> HasKeyAsync(Guid investorId, CancellationToken cancellationToken) =>
        await keys.GetAsync(investorId, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Destroys the investor's data key: every field it sealed is unreadable from now on.</summary>
    public async Task DestroyAsync(Guid investorId, CancellationToken cancellationToken)
    {
        await keys.DeleteAsync(investorId, cancellationToken).ConfigureAwait(false);
        LogDestroyed(investorId);
    }

    /// <summary>
    /// After a KEK rotation: wraps every data key that is not under the current KEK version again, under it. Safe to run
    /// again (and concurrently with registrations); answers how many keys it rewrapped and how many were already current.
    /// </summary>
    public async Task<RewrapResult> RewrapAsync(CancellationToken cancellationToken)
    {
        const int page = 100;
        var current = await keks.CurrentAsync(cancellationToken).ConfigureAwait(false);
        int rewrapped = 0, unchanged = 0;
        for (var skip = 0; ; skip += page)
        {
            var ids = await keys.ListAsync(skip, page, cancellationToken).ConfigureAwait(false);
            foreach (var investorId in ids)
            {
                if (await RewrapOneAsync(investorId, current, cancellationToken).ConfigureAwait(false))
                {
                    rewrapped++;
                }
                else
                {
                    unchanged++;
                }
            }

            if (ids.Count < page)
            {
                break;
            }
        }

        LogRewrapped(rewrapped, unchanged, current.Version);
        return new RewrapResult(current.Version, rewrapped, unchanged);
    }

    private async Task<bool> RewrapOneAsync(Guid investorId, KeyEncryptionKey current, CancellationToken cancellationToken)
    {
        while (true)
        {
            var stored = await keys.GetAsync(investorId, cancellationToken).ConfigureAwait(false);
            if (stored is null || stored.Value.KekVersion == current.Version)
            {
                return false;
            }

            var dataKey = await UnwrapAsync(stored.Value, cancellationToken).ConfigureAwait(false);
            var rewrapped = stored.Value with { KekVersion = current.Version, Wrapped = Wrap(current, investorId, dataKey) };
            if (await keys.TryReplaceAsync(rewrapped, stored.ETag, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }
    }

    private async Task<byte[]?> DataKeyAsync(Guid investorId, bool create, CancellationToken cancellationToken)
    {
        while (true)
        {
            var stored = await keys.GetAsync(investorId, cancellationToken).ConfigureAwait(false);
            if (stored is not null)
            {
                return await UnwrapAsync(stored.Value, cancellationToken).ConfigureAwait(false);
            }

            if (!create)
            {
                return null;
            }

            var kek = await keks.CurrentAsync(cancellationToken).ConfigureAwait(false);
            var dataKey = RandomNumberGenerator.GetBytes(KeyBytes);
            var fresh = new StoredDataKey(investorId, kek.Version, Wrap(kek, investorId, dataKey), clock.GetUtcNow());
            if (await keys.TryCreateAsync(fresh, cancellationToken).ConfigureAwait(false))
            {
                return dataKey;
            }

            // Another request created the investor's key first: use that one.
        }
    }

    private async Task<byte[]> UnwrapAsync(StoredDataKey stored, CancellationToken cancellationToken)
    {
        var kek = await keks.FindAsync(stored.KekVersion, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException(
                $"The data key of investor {stored.InvestorId} is wrapped under KEK version '{stored.KekVersion}', which is not available; re-enable it and rewrap.");
        return Decrypt(kek.Key, Convert.FromBase64String(stored.Wrapped), WrapContext(stored.InvestorId, stored.KekVersion));
    }

    private static string Wrap(KeyEncryptionKey kek, Guid investorId, byte[] dataKey) =>
        Convert.ToBase64String(Encrypt(kek.Key, dataKey, WrapContext(investorId, kek.Version)));

    private static string Seal(byte[] key, Guid investorId, string field, string text) =>
        Prefix + Convert.ToBase64String(Encrypt(key, Encoding.UTF8.GetBytes(text), FieldContext(investorId, field)));

    private static string Open(byte[] key, Guid investorId, string field, string sealedText) =>
        Encoding.UTF8.GetString(Decrypt(key, Convert.FromBase64String(sealedText[Prefix.Length..]), FieldContext(investorId, field)));

    private static byte[] WrapContext(Guid investorId, string kekVersion) => Encoding.UTF8.GetBytes($"okcow-data-key\n{investorId:D}\n{kekVersion}");

    private static byte[] FieldContext(Guid investorId, string field) => Encoding.UTF8.GetBytes($"okcow-field\n{investorId:D}\n{field}");

    private static byte[] Encrypt(byte[] key, byte[] plaintext, byte[] associatedData)
    {
        var output = new byte[NonceBytes + plaintext.Length + TagBytes];
        var nonce = output.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceBytes, plaintext.Length), output.AsSpan(NonceBytes + plaintext.Length), associatedData);
        return output;
    }

    private static byte[] Decrypt(byte[] key, byte[] sealedBytes, byte[] associatedData)
    {
        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("A sealed value is too short.");
        }

        var length = sealedBytes.Length - NonceBytes - TagBytes;
        var plaintext = new byte[length];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, length), sealedBytes.AsSpan(NonceBytes + length), plaintext, associatedData);
        return plaintext;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Destroyed the data key of investor {InvestorId}")]
    private partial void LogDestroyed(Guid investorId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rewrapped {Rewrapped} data keys under KEK version {KekVersion}; {Unchanged} were current")]
    private partial void LogRewrapped(int rewrapped, int unchanged, string kekVersion);
}

/// <summary>What a rewrap did: the KEK version now wrapping every key, how many it moved and how many were already there.</summary>
public sealed record RewrapResult(string KekVersion, int Rewrapped, int AlreadyCurrent);
