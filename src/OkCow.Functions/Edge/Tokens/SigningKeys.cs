using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace OkCow.Functions.Edge.Tokens;

/// <summary>One HMAC-SHA256 signing key and the id tokens name it by (<c>kid</c>).</summary>
public sealed record SigningKey(string KeyId, byte[] Secret)
{
    public const int SecretBytes = 64;

    public SymmetricSecurityKey SecurityKey => new(Secret) { KeyId = KeyId };

    public static SigningKey Generate() => new(Guid.NewGuid().ToString("N")[..16], RandomNumberGenerator.GetBytes(SecretBytes));
}

/// <summary>
/// The key that signs new tokens and the one before it: tokens signed with the previous key stay valid until they
/// expire, so a rotation signs nobody out.
/// </summary>
public sealed record SigningKeySet(SigningKey Current, SigningKey? Previous)
{
    public IEnumerable<SigningKey> All => Previous is null ? [Current] : [Current, Previous];
}

/// <summary>Where the signing keys come from: Key Vault in Azure, a file in the data folder locally.</summary>
public interface ISigningKeySource
{
    ValueTask<SigningKeySet> GetAsync(CancellationToken cancellationToken);
}

/// <summary>Keys held in memory (tests, and a host that loaded them once at startup).</summary>
public sealed class FixedSigningKeys(SigningKeySet keys) : ISigningKeySource
{
    public SigningKeySet Keys { get; set; } = keys;

    public ValueTask<SigningKeySet> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Keys);
}
