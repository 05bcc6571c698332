using System.Text.Json;
using OkCow.Application.PersonalData;

namespace OkCow.LocalHost.Security;

/// <summary>
/// The local host's key-encryption keys: every version in one file of the data folder (<see cref="LocalSecrets.DataKekFile"/>),
/// the last one current. Generated at first start; <see cref="Rotate"/> adds a version, and the rewrap route then moves
/// every data key under it. Deleting the file makes every sealed name unreadable (as erasing everyone would).
/// </summary>
public sealed class FileKeyEncryptionKeys : IKeyEncryptionKeys
{
    private readonly string _path;
    private readonly Lock _lock = new();
    private List<KeyEncryptionKey> _versions;

    public FileKeyEncryptionKeys(string dataFolder)
    {
        _path = Path.Combine(dataFolder, LocalSecrets.DataKekFile);
        if (File.Exists(_path))
        {
            var stored = JsonSerializer.Deserialize<StoredKeks>(File.ReadAllText(_path));
            _versions = stored?.Versions.Select(v => new KeyEncryptionKey(v.Version, Convert.FromBase64String(v.Key))).ToList() ?? [];
            if (_versions.Count == 0)
            {
                throw new LocalHostStartupException($"'{_path}' holds no key-encryption key; restore it from a backup (without it no sealed name can be read).");
            }
        }
        else
        {
            _versions = [KeyEncryptionKey.Generate()];
            Save();
        }
    }

    private sealed record StoredKek(string Version, string Key);

    private sealed record StoredKeks(IReadOnlyList<StoredKek> Versions);

    /// <summary>Adds a new current version; older versions stay so that keys wrapped under them still open.</summary>
    public KeyEncryptionKey Rotate()
    {
        lock (_lock)
        {
            var next = KeyEncryptionKey.Generate();
            _versions = [.. _versions, next];
            Save();
            return next;
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

    private void Save() =>
        LocalSecrets.WriteFile(_path, JsonSerializer.Serialize(new StoredKeks([.. _versions.Select(k => new StoredKek(k.Version, Convert.ToBase64String(k.Key)))])));
}
