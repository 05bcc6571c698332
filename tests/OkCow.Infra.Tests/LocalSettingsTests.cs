using System.Text.Json.Nodes;

namespace OkCow.Infra.Tests;

/// <summary>local.settings.sample.json (copied to local.settings.json by a newcomer) and host.json.</summary>
public sealed class LocalSettingsTests
{
    // The Cosmos DB emulator's key: public, documented and identical on every emulator. It is the only account key
    // allowed in the repository.
    private const string EmulatorKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVGCgPW9Ik/vHDIGFNU9KbU8w7LQ0eIdRP6GCQ==";

    // Suffixes of identity-based connection settings (Functions: "<connection>__<property>").
    private static readonly string[] IdentityProperties = ["accountEndpoint", "accountName", "credential", "clientId", "serviceUri", "blobServiceUri", "queueServiceUri", "tableServiceUri"];

    private static JsonObject Sample => JsonNode.Parse(File.ReadAllText(Repo.PathOf("local.settings.sample.json")))!.AsObject();

    private static Dictionary<string, string> Values =>
        Sample["Values"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal);

    [Fact]
    public void Sample_IsNotEncrypted() =>
        Assert.False((bool?)Sample["IsEncrypted"]);

    [Fact]
    public void Sample_ValuesAreAllStrings() =>
        Assert.All(Sample["Values"]!.AsObject(), p => Assert.Equal(System.Text.Json.JsonValueKind.String, p.Value?.GetValueKind()));

    [Fact]
    public void Sample_CoversEverySettingTheCodeReads()
    {
        // Each setting in docs/settings.md is either in the sample, or is one property of an identity-based
        // connection ("CosmosDb__accountEndpoint") whose connection-string form ("CosmosDb") the sample sets
        // instead: a connection cannot be both at once.
        var values = Values;
        var missing = SettingsDoc.Settings()
            .Where(s => !values.ContainsKey(s) && !IsIdentityPropertyOfAConnectionStringIn(values, s))
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Sample_RunsAgainstAzuriteAndTheCosmosEmulator()
    {
        var values = Values;
        Assert.Equal("UseDevelopmentStorage=true", values["AzureWebJobsStorage"]);
        Assert.Equal("dotnet-isolated", values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal($"AccountEndpoint=https://localhost:8081/;AccountKey={EmulatorKey};", values["CosmosDb"]);
        Assert.Equal("okcow", values["OkCow__DatabaseName"]);
        Assert.Equal("0", values["OkCow__Market__FeeRate"]);
    }

    [Fact]
    public void Sample_HoldsNoKeyButTheEmulators()
    {
        var text = File.ReadAllText(Repo.PathOf("local.settings.sample.json"));
        var withoutEmulatorKey = text.Replace($"AccountKey={EmulatorKey}", string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey=", withoutEmulatorKey, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SharedAccessKey", withoutEmulatorKey, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("InstrumentationKey", withoutEmulatorKey, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void RealLocalSettings_AreGitIgnored() =>
        Assert.Contains("local.settings.json", File.ReadAllLines(Repo.PathOf(".gitignore")).Select(l => l.Trim()));

    [Fact]
    public void HostJson_IsVersion2WithOpenTelemetryAsItsTelemetryMode()
    {
        var host = JsonNode.Parse(File.ReadAllText(Repo.PathOf("host.json")))!;
        Assert.Equal("2.0", (string?)host["version"]);

        // The host and the worker both export through OpenTelemetry; the classic SDK's sampling settings would not apply.
        Assert.Equal("OpenTelemetry", (string?)host["telemetryMode"]);
        Assert.Null(host["logging"]!["applicationInsights"]);

        Assert.NotNull((string?)host["logging"]!["logLevel"]!["default"]);
        Assert.NotNull(host["extensions"]?["cosmosDB"]);
    }

    private static bool IsIdentityPropertyOfAConnectionStringIn(Dictionary<string, string> values, string setting)
    {
        var separator = setting.LastIndexOf("__", StringComparison.Ordinal);
        return separator > 0
            && IdentityProperties.Contains(setting[(separator + 2)..], StringComparer.Ordinal)
            && values.ContainsKey(setting[..separator]);
    }
}
