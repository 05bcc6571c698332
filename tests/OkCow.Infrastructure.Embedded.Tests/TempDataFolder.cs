namespace OkCow.Infrastructure.Embedded.Tests;

/// <summary>A data folder of its own for one test, deleted with everything in it afterwards.</summary>
internal sealed class TempDataFolder : IDisposable
{
    public TempDataFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "okcow-embedded-tests", Guid.NewGuid().ToString("N"));

    public EmbeddedStore Open() => EmbeddedStore.Open(Path);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
