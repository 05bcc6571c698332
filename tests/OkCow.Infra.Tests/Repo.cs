using System.Reflection;

namespace OkCow.Infra.Tests;

/// <summary>Paths in the repository, which the tests read in place (nothing is copied to the output).</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Infra => Path.Combine(Root, "infra");

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string? Metadata(string key) =>
        typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;

    private static string FindRoot()
    {
        // Baked in at build time; fall back to walking up from the test binaries if the tree was moved.
        var candidates = new[] { Metadata("RepoRoot"), AppContext.BaseDirectory };
        foreach (var start in candidates.OfType<string>())
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "OkCow.sln")) && File.Exists(Path.Combine(dir.FullName, "infra", "main.bicep")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (a folder with OkCow.sln and infra/main.bicep).");
    }
}
