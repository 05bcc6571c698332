using System.Text.RegularExpressions;

namespace OkCow.Functions.WorkerStandIn.Tests;

/// <summary>
/// One file per stand-in type, each opening with the provenance comment naming the upstream file and
/// the same commit the manifest was derived from.
/// </summary>
public sealed partial class SourceLayoutTests
{
    [GeneratedRegex(@"^// Compile-only stand-in for (?<path>extensions/\S+/(?<file>\w+)\.cs) @ (?<commit>[0-9a-f]{40})$")]
    private static partial Regex Provenance();

    [Fact]
    public void EachManifestTypeHasOneFileWithProvenanceHeader()
    {
        var sourceDir = Path.Combine(FindRepoRoot(), "src", "OkCow.Functions.WorkerStandIn");
        var files = Directory.EnumerateFiles(sourceDir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToArray();

        var simpleNames = Manifest.TypeNames.Select(n => n[(n.LastIndexOf('.') + 1)..]).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(simpleNames, files.Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToArray());

        Assert.All(files, file =>
        {
            var match = Provenance().Match(File.ReadLines(file).First());
            Assert.True(match.Success, $"{file} does not start with the provenance comment.");
            Assert.Equal(Path.GetFileNameWithoutExtension(file), match.Groups["file"].Value);
            Assert.Equal(Manifest.Commit, match.Groups["commit"].Value);
        });
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OkCow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("OkCow.sln not found above the test output directory.");
    }
}
