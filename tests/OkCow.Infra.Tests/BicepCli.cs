using System.Diagnostics;
using System.Text.RegularExpressions;

namespace OkCow.Infra.Tests;

/// <summary>The result of one Bicep CLI run.</summary>
public sealed record BicepRun(string Arguments, int ExitCode, string StdOut, string StdErr)
{
    // Bicep diagnostics look like "path(line,col) : Warning rule-id: message" (and Error / Info).
    private static readonly Regex DiagnosticLine = new(@"\)\s*:\s*(Warning|Error|Info)\s", RegexOptions.CultureInvariant);

    /// <summary>Every diagnostic line bicep printed, on either stream.</summary>
    public IReadOnlyList<string> Diagnostics =>
        [.. (StdErr + "\n" + StdOut).Split('\n').Select(l => l.TrimEnd()).Where(l => DiagnosticLine.IsMatch(l))];

    /// <summary>
    /// Clean means: exit code 0, nothing on stderr (bicep writes its warnings and errors there) and no diagnostic
    /// line anywhere. Anything else is reported in full, so a failing test shows what bicep said.
    /// </summary>
    public void AssertClean()
    {
        var problems = new List<string>();
        if (ExitCode != 0)
        {
            problems.Add($"exit code {ExitCode}");
        }

        if (!string.IsNullOrWhiteSpace(StdErr))
        {
            problems.Add("output on stderr");
        }

        if (Diagnostics.Count > 0)
        {
            problems.Add($"{Diagnostics.Count} diagnostic(s)");
        }

        Assert.True(
            problems.Count == 0,
            $"bicep {Arguments}: {string.Join(", ", problems)}\n--- stderr ---\n{StdErr}\n--- stdout (diagnostics) ---\n{string.Join('\n', Diagnostics)}");
    }
}

/// <summary>
/// Runs the Bicep CLI shipped in the Azure.Bicep.CommandLine.linux-x64 package (or OKCOW_BICEP_PATH).
/// There is deliberately no "skip if missing": without a runnable binary every test that needs it fails.
/// </summary>
internal static class BicepCli
{
    private static readonly Lazy<string> Executable = new(Locate);

    public static string Path => Executable.Value;

    public static BicepRun Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable.Value)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Executable.Value}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within 3 minutes.");
        }

        process.WaitForExit();
        return new BicepRun(string.Join(' ', arguments), process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string Locate()
    {
        var overridePath = Environment.GetEnvironmentVariable("OKCOW_BICEP_PATH");
        var path = !string.IsNullOrWhiteSpace(overridePath) ? overridePath : Repo.Metadata("BicepPath");
        if (string.IsNullOrWhiteSpace(path) || path.StartsWith("/tools/", StringComparison.Ordinal) || !File.Exists(path))
        {
            throw new FileNotFoundException(
                $"No Bicep CLI at '{path}'. It comes from the Azure.Bicep.CommandLine.linux-x64 package (restore the test project); " +
                "on other platforms set OKCOW_BICEP_PATH to a bicep binary.");
        }

        return EnsureExecutable(path);
    }

    // NuGet does not always preserve the executable bit when it extracts a package.
    private static string EnsureExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return path;
        }

        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var mode = File.GetUnixFileMode(path);
        if ((mode & UnixFileMode.UserExecute) != 0)
        {
            return path;
        }

        try
        {
            File.SetUnixFileMode(path, mode | execute);
            return path;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // A read-only package cache: run a private copy instead.
            var copy = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"okcow-bicep-{Guid.NewGuid():N}", "bicep");
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(copy)!);
            File.Copy(path, copy);
            File.SetUnixFileMode(copy, File.GetUnixFileMode(copy) | execute);
            return copy;
        }
    }
}
