using System.Text.Json.Nodes;

namespace OkCow.Infra.Tests;

/// <summary>
/// The web app's deployment: Azure Static Web Apps (Standard) with the Function App linked as its backend, and the
/// content security policy it serves from src/OkCow.Web/public/staticwebapp.config.json.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class WebAppTemplateTests(InfraFixture infra)
{
    private const string StaticSites = "Microsoft.Web/staticSites";
    private const string LinkedBackends = "Microsoft.Web/staticSites/linkedBackends";
    private const string Sites = "Microsoft.Web/sites";

    private Snapshot Default => infra.Default;

    private JsonObject StaticSite => Default.Single(StaticSites);

    [Fact]
    public void StaticWebApp_IsStandardWithoutPullRequestEnvironments()
    {
        Assert.Equal("Standard", (string?)StaticSite["sku"]!["name"]);
        Assert.Equal("Standard", (string?)StaticSite["sku"]!["tier"]);
        Assert.Equal("Disabled", (string?)StaticSite["properties"]!["stagingEnvironmentPolicy"]);
        Assert.Equal(InfraFixture.Location, (string?)StaticSite["location"]);
        Assert.StartsWith("stapp-okcow-", (string)StaticSite["name"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void StaticWebApp_LinksTheFunctionAppAsItsBackend()
    {
        var backend = Default.Single(LinkedBackends);
        var app = Default.Single(Sites);

        Assert.Equal($"{(string)StaticSite["name"]!}/functions", (string?)backend["name"]);
        Assert.Equal((string?)app["id"], (string?)backend["properties"]!["backendResourceId"]);
        Assert.Equal((string?)app["location"], (string?)backend["properties"]!["region"]);
    }

    [Fact]
    public void Outputs_GiveTheWebAppUrlAndName()
    {
        var outputs = Default.Root["outputs"]!.AsObject();

        Assert.Equal(
            $"[format('https://{{0}}', reference('{(string)StaticSite["id"]!}', '2025-03-01').defaultHostname)]",
            (string?)outputs["webAppUrl"]);
        Assert.Equal((string?)StaticSite["name"], (string?)outputs["staticWebAppName"]);
    }

    [Fact]
    public void StaticWebAppLocation_IsAParameterDefaultingToTheResourceGroups()
    {
        var parameter = infra.Template["parameters"]!["staticWebAppLocation"]!;

        Assert.Equal("[parameters('location')]", (string?)parameter["defaultValue"]);
    }

    [Fact]
    public void WebAppConfig_SendsAStrictContentSecurityPolicy()
    {
        var config = JsonNode.Parse(File.ReadAllText(Repo.PathOf("src", "OkCow.Web", "public", "staticwebapp.config.json")))!;
        var csp = ((string)config["globalHeaders"]!["Content-Security-Policy"]!)
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ').Skip(1).ToArray(), StringComparer.Ordinal);

        Assert.Equal(["'self'"], csp["default-src"]);
        Assert.Equal(["'self'"], csp["script-src"]);
        Assert.Equal(["'self'"], csp["connect-src"]);
        Assert.Equal(["'none'"], csp["frame-ancestors"]);
        Assert.Equal(["'none'"], csp["object-src"]);
        Assert.DoesNotContain(csp.Values.SelectMany(v => v), v => v is "'unsafe-eval'" or "*" or "http:");
        Assert.Equal("nosniff", (string?)config["globalHeaders"]!["X-Content-Type-Options"]);
    }

    [Fact]
    public void WebAppConfig_FallsBackToTheAppButNeverForTheApi()
    {
        var config = JsonNode.Parse(File.ReadAllText(Repo.PathOf("src", "OkCow.Web", "public", "staticwebapp.config.json")))!;
        var fallback = config["navigationFallback"]!;

        Assert.Equal("/index.html", (string?)fallback["rewrite"]);
        Assert.Contains("/api/*", fallback["exclude"]!.AsArray().Select(e => (string?)e));
    }
}
