using System.Text.Json.Nodes;

namespace OkCow.Infra.Tests;

/// <summary>The Bicep CLI runs, and the template builds, lints and snapshots without a single warning.</summary>
[Collection(InfraCollection.Name)]
public sealed class BicepToolTests(InfraFixture infra)
{
    [Fact]
    public void TheBicepCliRuns()
    {
        infra.Version.AssertClean();
        Assert.StartsWith("Bicep CLI version", infra.Version.StdOut.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void MainBicep_BuildsWithoutWarnings()
    {
        infra.Build.AssertClean();
        Assert.Equal("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", (string?)infra.Template["$schema"]);
    }

    [Fact]
    public void MainBicepparam_BuildsWithoutWarnings()
    {
        infra.BuildParams.AssertClean();
        var output = JsonNode.Parse(infra.BuildParams.StdOut)!;
        var parameters = JsonNode.Parse((string)output["parametersJson"]!)!["parameters"]!.AsObject();
        Assert.Equal("serverless", (string?)parameters["cosmosThroughputMode"]?["value"]);
        Assert.Equal("0", (string?)parameters["marketFeeRate"]?["value"]);
    }

    [Fact]
    public void MainBicepAndEveryModule_LintWithoutWarnings()
    {
        Assert.True(infra.Lints.Count >= 6, "main.bicep plus the five modules are linted.");
        Assert.All(infra.Lints, lint => lint.AssertClean());
    }

    [Fact]
    public void BothSnapshots_EvaluateWithoutDiagnostics()
    {
        foreach (var snapshot in new[] { infra.Default, infra.Autoscale })
        {
            Assert.Empty(snapshot.Root["diagnostics"]?.AsArray() ?? []);
            Assert.NotEmpty(snapshot.Resources);
        }
    }

    [Theory]
    // A linter warning (bicepconfig.json: prefer-interpolation is "warning").
    [InlineData("lint", "param p string\noutput o string = concat('a-', p)\n", "Warning prefer-interpolation")]
    // A compiler warning: a resource type Bicep has no types for.
    [InlineData("build", "resource x 'Microsoft.Nope/things@2020-01-01' existing = {\n  name: 'x'\n}\noutput o string = x.id\n", "Warning BCP081")]
    // A linter error.
    [InlineData("lint", "param unused string\n", "Error no-unused-params")]
    public void TheGate_FailsOnAnyWarningOrError(string command, string bicep, string expected)
    {
        // Proves AssertClean is not vacuous: the same CLI and bicepconfig.json, on a file with one known problem.
        var dir = Path.Combine(Path.GetTempPath(), $"okcow-gate-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            File.Copy(Path.Combine(Repo.Infra, "bicepconfig.json"), Path.Combine(dir, "bicepconfig.json"));
            File.WriteAllText(Path.Combine(dir, "bad.bicep"), bicep);

            var run = command == "build" ? BicepCli.Run(dir, "build", "bad.bicep", "--stdout") : BicepCli.Run(dir, command, "bad.bicep");

            Assert.Contains(run.Diagnostics, d => d.Contains(expected, StringComparison.Ordinal));
            Assert.ThrowsAny<Xunit.Sdk.XunitException>(run.AssertClean);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
