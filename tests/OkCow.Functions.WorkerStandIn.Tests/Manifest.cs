namespace OkCow.Functions.WorkerStandIn.Tests;

/// <summary>The hand-derived expected surface, read from upstream-signatures.txt next to the test assembly.</summary>
internal static class Manifest
{
    public const string FileName = "upstream-signatures.txt";

    private static readonly Lazy<string[]> AllLines = new(() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, FileName)));

    public static IReadOnlyList<string> Lines => AllLines.Value
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .ToArray();

    /// <summary>The upstream commit the manifest was derived from, as stated in its header.</summary>
    public static string Commit
    {
        get
        {
            const string marker = "azure-functions-dotnet-worker @ ";
            var header = AllLines.Value.First(l => l.Contains(marker, StringComparison.Ordinal));
            var start = header.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
            return header.Substring(start, 40);
        }
    }

    public static string TypeOf(string line) => line[..line.IndexOf(' ', StringComparison.Ordinal)];

    public static IReadOnlyList<string> TypeNames => Lines.Select(TypeOf).Distinct(StringComparer.Ordinal).ToArray();

    public static IReadOnlyList<string> LinesFor(string typeName) =>
        Lines.Where(l => TypeOf(l) == typeName).ToArray();
}
