namespace OkCow.LocalHost.Tests;

/// <summary>A data folder of its own for one test, deleted afterwards.</summary>
internal sealed class TempDataFolder : IDisposable
{
    public TempDataFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "okcow-localhost-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
