using System.Diagnostics;

namespace OkCow.Infra.Tests;

/// <summary>
/// The CosmosDB extension stand-in can be compiled against but never run, so a publish of the Functions app
/// (dotnet publish, and func azure functionapp publish, which calls it) must refuse it with a message saying why.
/// Runs only the publish preparation step of MSBuild, so it costs an evaluation, not a build.
/// </summary>
public sealed class PublishGuardTests
{
    private static (int ExitCode, string Output) PreparePublish(string cosmosExtension)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repo.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "msbuild", Repo.PathOf("src", "OkCow.Functions", "OkCow.Functions.csproj"), "-t:PrepareForPublish",
            "-p:Configuration=Release", $"-p:OkCowCosmosExtension={cosmosExtension}", "-nologo", "-v:q",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    [Fact]
    public void Given_the_stand_in_When_the_Functions_app_is_published_Then_the_publish_fails_naming_the_stand_in()
    {
        var (exitCode, output) = PreparePublish("standin");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("OKCOW0001", output, StringComparison.Ordinal);
        Assert.Contains("compile-only CosmosDB extension stand-in", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_the_real_extension_package_When_the_Functions_app_is_published_Then_the_guard_lets_it_through()
    {
        var (exitCode, output) = PreparePublish("package");

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("OKCOW0001", output, StringComparison.Ordinal);
    }
}
