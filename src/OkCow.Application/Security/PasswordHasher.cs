using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OkCow.Application.Security;

/// <summary>
/// Salted, slow password hashing (PBKDF2-HMAC-SHA256, OWASP's 600,000 iterations by default), done at the edge so
/// the password itself never reaches a command, an event or a log. Format: <c>pbkdf2-sha256$iterations$salt$hash</c>.
/// Hashing runs under a bound of one hash per core, so a burst of sign-ups queues here instead of starving every other
/// request of CPU.
/// </summary>
public sealed class PasswordHasher
{
    public const int DefaultIterations = 600_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const string Scheme = "pbkdf2-sha256";

    private readonly SemaphoreSlim _slots;
    private readonly Lazy<string> _dummy;

    public PasswordHasher(int iterations = DefaultIterations, int? concurrency = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        Iterations = iterations;
        var slots = Math.Max(1, concurrency ?? Environment.ProcessorCount);
        _slots = new SemaphoreSlim(slots, slots);

        // Verifying against this when a login id is unknown costs what a real verification costs.
        _dummy = new Lazy<string>(() => HashNow("not a password: " + Guid.NewGuid()));
    }

    public int Iterations { get; }

    public string Hash(string password) => HashNow(password);

    public async Task<string> HashAsync(string password, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return HashNow(password);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// Constant-time verification under the concurrency bound. A null <paramref name="encoded"/> (unknown account) is
    /// verified against a dummy hash of the same cost and always fails, so both answers take the same time.
    /// </summary>
    public async Task<bool> VerifyAsync(string password, string? encoded, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var matches = Verify(password, encoded ?? _dummy.Value);
            return matches && encoded is not null;
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>True when <paramref name="encoded"/> was made with fewer iterations than this hasher uses.</summary>
    public bool NeedsRehash(string encoded) => IterationsOf(encoded) is not { } rounds || rounds < Iterations;

    public static int? IterationsOf(string encoded)
    {
        var parts = encoded.Split('$');
        return parts.Length == 4 && parts[0] == Scheme && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var rounds) && rounds > 0
            ? rounds
            : null;
    }

    public static bool Verify(string password, string encoded)
    {
        var parts = encoded.Split('$');
        if (IterationsOf(encoded) is not { } rounds)
        {
            return false;
        }

        byte[] salt;
        byte[] expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, rounds, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private string HashNow(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }
}
