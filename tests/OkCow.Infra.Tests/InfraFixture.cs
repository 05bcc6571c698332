using System.Text.Json.Nodes;

namespace OkCow.Infra.Tests;

/// <summary>
/// Runs the Bicep CLI once per test run and shares the results:
/// <list type="bullet">
/// <item><c>build</c> of main.bicep (the ARM JSON, with its expressions unevaluated),</item>
/// <item><c>lint</c> of main.bicep and of each module, <c>build-params</c> of main.bicepparam,</item>
/// <item><c>snapshot</c> of main.bicepparam and of an autoscale variant: the resources the deployment would
/// create, with every expression evaluated that can be without Azure (names, conditions, loops, parameters).</item>
/// </list>
/// Snapshots write next to their parameter file, so they run in a temporary copy of infra/.
/// </summary>
public sealed class InfraFixture : IDisposable
{
    // Any well-formed ids do: the snapshot only needs them to evaluate resourceGroup()/subscription() expressions.
    public const string SubscriptionId = "00000000-0000-0000-0000-0000000000aa";
    public const string ResourceGroup = "rg-okcow-test";
    public const string Location = "westeurope";
    public const int AutoscaleMaxThroughput = 4000;

    // The second snapshot also sets the alert parameters, to show they reach the action group and the rules.
    public const string AlertEmail = "ops@example.com";
    public const int SignInLockoutThreshold = 3;

    private readonly string _workDir;

    public InfraFixture()
    {
        _workDir = Path.Combine(Path.GetTempPath(), $"okcow-infra-{Guid.NewGuid():N}");
        try
        {
            CopyDirectory(Repo.Infra, _workDir);

            Version = BicepCli.Run(Repo.Infra, "--version");
            Build = BicepCli.Run(Repo.Infra, "build", "main.bicep", "--stdout");
            BuildParams = BicepCli.Run(Repo.Infra, "build-params", "main.bicepparam", "--stdout");
            Lints = [.. new[] { "main.bicep" }
                .Concat(Directory.GetFiles(Path.Combine(Repo.Infra, "modules"), "*.bicep").Order(StringComparer.Ordinal).Select(f => Path.Combine("modules", Path.GetFileName(f))))
                .Select(f => BicepCli.Run(Repo.Infra, "lint", f))];

            File.WriteAllText(
                Path.Combine(_workDir, "autoscale.bicepparam"),
                $"""
                using 'main.bicep'

                param cosmosThroughputMode = 'autoscale'
                param autoscaleMaxThroughput = {AutoscaleMaxThroughput}
                param alertEmails = ['{AlertEmail}']
                param signInLockoutThreshold = {SignInLockoutThreshold}
                """);

            (DefaultSnapshotRun, DefaultSnapshot) = Snapshot("main.bicepparam");
            (AutoscaleSnapshotRun, AutoscaleSnapshot) = Snapshot("autoscale.bicepparam");
        }
        catch
        {
            // Dispose is not called when the constructor throws (for example: no runnable bicep).
            Dispose();
            throw;
        }
    }

    public BicepRun Version { get; }

    public BicepRun Build { get; }

    public BicepRun BuildParams { get; }

    public IReadOnlyList<BicepRun> Lints { get; }

    public BicepRun DefaultSnapshotRun { get; }

    public BicepRun AutoscaleSnapshotRun { get; }

    public JsonObject? DefaultSnapshot { get; }

    public JsonObject? AutoscaleSnapshot { get; }

    /// <summary>The compiled ARM template; fails the calling test if the build did not succeed cleanly.</summary>
    public JsonObject Template
    {
        get
        {
            Build.AssertClean();
            return JsonNode.Parse(Build.StdOut)!.AsObject();
        }
    }

    /// <summary>The predicted resources of the default deployment (main.bicepparam).</summary>
    public Snapshot Default => new(RequireSnapshot(DefaultSnapshotRun, DefaultSnapshot));

    /// <summary>The predicted resources with cosmosThroughputMode = 'autoscale' (and the alert parameters set).</summary>
    public Snapshot Autoscale => new(RequireSnapshot(AutoscaleSnapshotRun, AutoscaleSnapshot));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static JsonObject RequireSnapshot(BicepRun run, JsonObject? snapshot)
    {
        run.AssertClean();
        Assert.NotNull(snapshot);
        return snapshot;
    }

    private (BicepRun Run, JsonObject? Snapshot) Snapshot(string parametersFile)
    {
        var run = BicepCli.Run(
            _workDir,
            "snapshot", parametersFile,
            "--mode", "overwrite",
            "--subscription-id", SubscriptionId,
            "--resource-group", ResourceGroup,
            "--location", Location);
        var output = Path.Combine(_workDir, Path.ChangeExtension(parametersFile, ".snapshot.json"));
        return (run, File.Exists(output) ? JsonNode.Parse(File.ReadAllText(output))!.AsObject() : null);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class InfraCollection : ICollectionFixture<InfraFixture>
{
    public const string Name = "infra";
}

/// <summary>A deployment snapshot: the resources the deployment would create, expressions evaluated where possible.</summary>
public sealed class Snapshot(JsonObject root)
{
    public JsonObject Root { get; } = root;

    public IReadOnlyList<JsonObject> Resources { get; } = [.. root["predictedResources"]!.AsArray().Select(r => r!.AsObject())];

    public IReadOnlyList<JsonObject> OfType(string type) =>
        [.. Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase))];

    public JsonObject Single(string type) => Assert.Single(OfType(type));

    /// <summary>The last segment of a resource's name ("account/db/events" -> "events").</summary>
    public static string ShortName(JsonObject resource) => ((string)resource["name"]!).Split('/')[^1];
}
