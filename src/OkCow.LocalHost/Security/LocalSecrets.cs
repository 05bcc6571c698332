using System.Security.Cryptography;
using System.Text.Json;
using OkCow.Application.PersonalData;
using OkCow.Functions.Edge.Tokens;

namespace OkCow.LocalHost.Security;

/// <summary>
/// The local host's secrets, kept in the data folder so that tokens and the operator's password survive a restart:
/// the token signing keys (current and previous) and the operator password. Files are created readable by the owner only.
/// </summary>
public static class LocalSecrets
{
    public const string SigningKeysFile = "signing-keys.json";
    public const string OperatorPasswordFile = "operator-password.txt";
    public const string OperatorPasswordKey = "OKCOW_OPERATOR_PASSWORD";
    public const string DataKekFile = "data-kek.json";
    public const string PseudonymKeyFile = "pseudonym-key";

    /// <summary>Set to true for one start to add a new KEK version (then rewrap: POST /api/operations/data-keys/rewrap).</summary>
    public const string RotateKekKey = "OkCow:PersonalData:RotateKek";

    private sealed record StoredKey(string KeyId, string Secret);

    private sealed record StoredKeys(StoredKey Current, StoredKey? Previous);

    /// <summary>The keys in the data folder, generated at first start.</summary>
    public static SigningKeySet LoadSigningKeys(string dataFolder)
    {
        var path = Path.Combine(dataFolder, SigningKeysFile);
        if (File.Exists(path))
        {
            var stored = JsonSerializer.Deserialize<StoredKeys>(File.ReadAllText(path))
                ?? throw new LocalHostStartupException($"'{path}' holds no signing keys; delete it to generate new ones (signing everyone out).");
            return new SigningKeySet(ToKey(stored.Current), stored.Previous is null ? null : ToKey(stored.Previous));
        }

        return SaveSigningKeys(dataFolder, new SigningKeySet(SigningKey.Generate(), null));
    }

    /// <summary>A new current key; the old current one becomes the previous one, so the tokens it signed stay valid.</summary>
    public static SigningKeySet RotateSigningKeys(string dataFolder) =>
        SaveSigningKeys(dataFolder, new SigningKeySet(SigningKey.Generate(), LoadSigningKeys(dataFolder).Current));

    /// <summary>
    /// The operator password: <see cref="OperatorPasswordKey"/> when set; otherwise the one in the data folder, generated
    /// at first start (<paramref name="generated"/> is then true, for the host to print it once).
    /// </summary>
    public static string OperatorPassword(string dataFolder, string? configured, out bool generated)
    {
        generated = false;
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var path = Path.Combine(dataFolder, OperatorPasswordFile);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
        WritePrivate(path, password + Environment.NewLine);
        generated = true;
        return password;
    }

    /// <summary>The key of the keyed hashes that name claims (generated at first start; it must never change).</summary>
    public static Pseudonyms LoadPseudonyms(string dataFolder)
    {
        var path = Path.Combine(dataFolder, PseudonymKeyFile);
        if (!File.Exists(path))
        {
            WritePrivate(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(Pseudonyms.MinKeyBytes)));
        }

        return new Pseudonyms(Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }

    internal static void WriteFile(string path, string text) => WritePrivate(path, text);

    private static SigningKeySet SaveSigningKeys(string dataFolder, SigningKeySet keys)
    {
        var stored = new StoredKeys(FromKey(keys.Current), keys.Previous is null ? null : FromKey(keys.Previous));
        WritePrivate(Path.Combine(dataFolder, SigningKeysFile), JsonSerializer.Serialize(stored));
        return keys;
    }

    private static SigningKey ToKey(StoredKey key) => new(key.KeyId, Convert.FromBase64String(key.Secret));

    private static StoredKey FromKey(SigningKey key) => new(key.KeyId, Convert.ToBase64String(key.Secret));

    private static void WritePrivate(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }
}
