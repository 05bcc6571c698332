using System.Text.RegularExpressions;

namespace OkCow.Infra.Tests;

/// <summary>The settings docs/settings.md says the code reads: the first back-quoted name in each table row.</summary>
internal static partial class SettingsDoc
{
    public static IReadOnlyList<string> Settings()
    {
        var settings = new List<string>();
        foreach (var line in File.ReadLines(Repo.PathOf("docs", "settings.md")))
        {
            var cells = line.Trim().Trim('|').Split('|');
            if (!line.TrimStart().StartsWith('|') || cells.Length < 2)
            {
                continue;
            }

            // "`AzureWebJobsStorage` (or `AzureWebJobsStorage__accountName` + `__credential`)": the first name is
            // the setting; the rest name its identity-based alternative.
            var name = Quoted().Match(cells[0]);
            if (name.Success)
            {
                settings.Add(name.Groups[1].Value);
            }
        }

        Assert.True(settings.Count >= 5, $"docs/settings.md should list the settings in a table; found {settings.Count}.");
        return settings;
    }

    [GeneratedRegex("`([A-Za-z_][A-Za-z0-9_]*)`", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();
}
