using System.Security.Cryptography;
using System.Text;
using OkCow.Application.Commands;
using OkCow.Application.Security;

namespace OkCow.Application.PersonalData;

/// <summary>
/// Keyed hashes (HMAC-SHA256) that stand in for personal text wherever a key is needed: the claim streams of login ids
/// and fund names, the sign-in lockout record, the Idempotency-Key fingerprint. Without the key a stored hash cannot be
/// checked against a guessed login id. The key never changes (a new one would free every taken login id): in Azure a
/// Key Vault secret, locally a file in the data folder.
/// </summary>
public sealed class Pseudonyms
{
    public const int MinKeyBytes = 32;

    /// <summary>The Key Vault secret holding the key in Azure (a base64 key of at least 32 bytes, one version forever).</summary>
    public const string KeyVaultSecretName = "okcow-pseudonym-key";

    private readonly byte[] _key;

    public Pseudonyms(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < MinKeyBytes)
        {
            throw new ArgumentException($"The pseudonym key needs at least {MinKeyBytes} bytes.", nameof(key));
        }

        _key = [.. key];
    }

    /// <summary>A key for tests and for a host without a vault (claims it makes do not survive a restart).</summary>
    public static Pseudonyms Ephemeral() => new(RandomNumberGenerator.GetBytes(MinKeyBytes));

    /// <summary>The claim key of a login id, compared as sign-in compares it (NFKC, lower case).</summary>
    public string LoginIdKey(string loginId) => Of("loginId", SignInService.NormalizeLoginId(loginId));

    public string LoginIdStream(string loginId) => "loginid-" + LoginIdKey(loginId);

    /// <summary>The claim key of a fund name, compared as <see cref="Streams.FundNameKey"/> says.</summary>
    public string FundNameKey(string name) => Of("fundName", Streams.FundNameKey(name));

    public string FundNameStream(string name) => "fundname-" + FundNameKey(name);

    /// <summary>
    /// The claim stream of a login id as data written before pseudonyms named it (the login id in clear). Only read:
    /// an old folder's investors still sign in and their login ids stay taken; nothing new is written there.
    /// </summary>
    public static string LegacyLoginIdStream(string loginId) => "loginid-" + SignInService.NormalizeLoginId(loginId);

    /// <summary>The claim stream of a fund name as data written before pseudonyms named it (an unkeyed SHA-256). Only read.</summary>
    public static string LegacyFundNameStream(string name) =>
        "fundname-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Streams.FundNameKey(name))))[..32];

    /// <summary>HMAC of <paramref name="text"/> under this key, separated by <paramref name="purpose"/>, as lower-case hex.</summary>
    public string Of(string purpose, string text) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{purpose}\n{text}")));
}
