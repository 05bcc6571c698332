using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OkCow.Application.Documents;

namespace OkCow.Infra.Tests;

/// <summary>
/// What the template deploys, read from the deployment snapshot (expressions evaluated by Bicep, both for the
/// default parameters and for autoscale) and, where the unevaluated form matters, from the ARM JSON.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed partial class TemplateTests(InfraFixture infra)
{
    private const string Sites = "Microsoft.Web/sites";
    private const string Plans = "Microsoft.Web/serverfarms";
    private const string Identities = "Microsoft.ManagedIdentity/userAssignedIdentities";
    private const string StorageAccounts = "Microsoft.Storage/storageAccounts";
    private const string BlobContainers = "Microsoft.Storage/storageAccounts/blobServices/containers";
    private const string RoleAssignments = "Microsoft.Authorization/roleAssignments";
    private const string Components = "Microsoft.Insights/components";
    private const string Workspaces = "Microsoft.OperationalInsights/workspaces";
    private const string CosmosAccounts = "Microsoft.DocumentDB/databaseAccounts";
    private const string CosmosDatabases = "Microsoft.DocumentDB/databaseAccounts/sqlDatabases";
    private const string CosmosContainers = "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers";
    private const string Vaults = "Microsoft.KeyVault/vaults";
    private const string CosmosSqlRoleAssignments = "Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments";

    // Built-in role definition ids.
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string CosmosDataContributor = "00000000-0000-0000-0000-000000000002";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    private Snapshot Default => infra.Default;

    private JsonObject App => Default.Single(Sites);

    private string IdentityId => (string)Default.Single(Identities)["id"]!;

    private Dictionary<string, string> AppSettings =>
        App["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => (string)s!["name"]!, s => (string)s!["value"]!, StringComparer.Ordinal);

    // ---- Function App on Flex Consumption ----------------------------------------------------------------

    [Fact]
    public void Plan_IsFlexConsumptionOnLinux()
    {
        var plan = Default.Single(Plans);
        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.True((bool?)plan["properties"]!["reserved"]);
        Assert.Equal((string?)plan["id"], (string?)App["properties"]!["serverFarmId"]);
    }

    [Fact]
    public void App_RunsDotnetIsolated10()
    {
        Assert.Equal("functionapp,linux", (string?)App["kind"]);
        var runtime = App["properties"]!["functionAppConfig"]!["runtime"]!;
        Assert.Equal("dotnet-isolated", (string?)runtime["name"]);
        Assert.Equal("10.0", (string?)runtime["version"]);
    }

    [Fact]
    public void App_ScalesWithinConfiguredBounds()
    {
        var scale = App["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!;
        Assert.Equal(100, (int?)scale["maximumInstanceCount"]);
        Assert.Equal(2048, (int?)scale["instanceMemoryMB"]);
    }

    [Fact]
    public void App_DeploysFromABlobContainerWithItsUserAssignedIdentity()
    {
        var storage = App["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;
        Assert.Equal("blobContainer", (string?)storage["type"]);
        Assert.Equal("UserAssignedIdentity", (string?)storage["authentication"]!["type"]);
        Assert.Equal(IdentityId, (string?)storage["authentication"]!["userAssignedIdentityResourceId"]);
        Assert.Null(storage["authentication"]!["storageAccountConnectionStringName"]);

        // The URL is the account's blob endpoint (known only in Azure) plus the container this template creates.
        var container = Snapshot.ShortName(Default.Single(BlobContainers));
        Assert.Contains("primaryEndpoints.blob", (string)storage["value"]!, StringComparison.Ordinal);
        Assert.Contains($"'{container}'", (string)storage["value"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void App_RunsAsTheUserAssignedIdentityOnly()
    {
        var identity = App["identity"]!;
        Assert.Equal("UserAssigned", (string?)identity["type"]);
        Assert.Equal([IdentityId], identity["userAssignedIdentities"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void App_IsHttpsOnlyWithTls12AndNoBasicAuthPublishing()
    {
        Assert.True((bool?)App["properties"]!["httpsOnly"]);
        Assert.Equal("1.2", (string?)App["properties"]!["siteConfig"]!["minTlsVersion"]);
        var scm = Assert.Single(Default.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies"), p => Snapshot.ShortName(p) == "scm");
        Assert.False((bool?)scm["properties"]!["allow"]);
    }

    [Fact]
    public void App_HasIdentityBasedConnectionSettings()
    {
        var settings = AppSettings;
        var storageName = (string)Default.Single(StorageAccounts)["name"]!;
        var cosmosId = (string)Default.Single(CosmosAccounts)["id"]!;
        var clientIdOfIdentity = $"reference('{IdentityId}', '";

        Assert.Equal(storageName, settings["AzureWebJobsStorage__accountName"]);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Contains(clientIdOfIdentity, settings["AzureWebJobsStorage__clientId"], StringComparison.Ordinal);
        Assert.EndsWith(".clientId]", settings["AzureWebJobsStorage__clientId"], StringComparison.Ordinal);

        Assert.Equal($"[reference('{cosmosId}', '2025-10-15').documentEndpoint]", settings["CosmosDb__accountEndpoint"]);
        Assert.Equal("managedidentity", settings["CosmosDb__credential"]);
        Assert.Equal(settings["AzureWebJobsStorage__clientId"], settings["CosmosDb__clientId"]);

        Assert.Contains("ClientId={0};Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
        Assert.Contains(clientIdOfIdentity, settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
        Assert.Contains(".ConnectionString]", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"], StringComparison.Ordinal);

        Assert.Equal("okcow", settings["OkCow__DatabaseName"]);
        Assert.Equal("0", settings["OkCow__Market__FeeRate"]);
    }

    [Theory]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")] // Flex: the host version is the platform's.
    [InlineData("FUNCTIONS_WORKER_RUNTIME")] // Flex: functionAppConfig.runtime.
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")] // Flex: functionAppConfig.deployment.
    [InlineData("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING")] // No Azure Files content share on Flex (and it needs a key).
    [InlineData("WEBSITE_CONTENTSHARE")]
    [InlineData("AzureWebJobsStorage")] // A connection string; the identity-based AzureWebJobsStorage__* replace it.
    [InlineData("CosmosDb")] // Likewise CosmosDb__*.
    [InlineData("APPINSIGHTS_INSTRUMENTATIONKEY")] // Superseded by the connection string.
    public void App_DoesNotSetSettingsFlexOrIdentityAuthRuleOut(string setting) =>
        Assert.DoesNotContain(setting, AppSettings.Keys);

    [Fact]
    public void App_SetsEverySettingTheDocsSayAzureNeeds()
    {
        // docs/settings.md lists what the code reads. In Azure each is an app setting, except these, on purpose.
        var notAppSettings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["FUNCTIONS_WORKER_RUNTIME"] = "Flex Consumption takes the runtime from functionAppConfig.runtime",
            ["AzureWebJobsStorage"] = "identity-based: AzureWebJobsStorage__accountName/__credential/__clientId",
            ["CosmosDb"] = "a connection string for the emulator; Azure uses CosmosDb__accountEndpoint/__credential/__clientId",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "optional second exporter; Azure sends to Application Insights",
            ["OTEL_SERVICE_NAME"] = "optional; the default service name is kept in Azure",
        };

        var missing = SettingsDoc.Settings().Where(s => !notAppSettings.ContainsKey(s) && !AppSettings.ContainsKey(s)).ToList();

        Assert.Empty(missing);
    }

    // ---- Identity: Key Vault, Entra ID, CORS ---------------------------------------------------------------

    [Fact]
    public void KeyVault_UsesRbacOnlyWithPurgeProtection()
    {
        var properties = Default.Single(Vaults)["properties"]!;
        Assert.True((bool?)properties["enableRbacAuthorization"]);
        Assert.Empty(properties["accessPolicies"]?.AsArray() ?? []);
        Assert.True((bool?)properties["enableSoftDelete"]);
        Assert.True((bool?)properties["enablePurgeProtection"]);
        Assert.Empty(Default.OfType("Microsoft.KeyVault/vaults/accessPolicies"));
    }

    [Fact]
    public void KeyVault_LetsTheIdentityReadSecretsOnly()
    {
        AssertRoleAssignment(Default.Single(Vaults), KeyVaultSecretsUser);
        var prefix = $"{(string)Default.Single(Vaults)["id"]!}/providers/Microsoft.Authorization/roleAssignments/";
        Assert.Single(Default.OfType(RoleAssignments), a => ((string)a["id"]!).StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void KeyVault_HoldsNoSecretFromTheTemplateAndTheAppGetsOnlyItsAddress()
    {
        Assert.Empty(Default.OfType("Microsoft.KeyVault/vaults/secrets"));
        Assert.Equal($"[reference('{(string)Default.Single(Vaults)["id"]!}', '2024-11-01').vaultUri]", AppSettings["OkCow__KeyVault__Uri"]);
        string[] secretNames = ["Secret", "Password", "Key", "SigningKey"];
        Assert.DoesNotContain(AppSettings, s => secretNames.Any(n => s.Key.EndsWith(n, StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(Default.Root["outputs"]!.AsObject(), o => o.Key.Contains("secret", StringComparison.OrdinalIgnoreCase) || o.Key.Contains("key", StringComparison.OrdinalIgnoreCase) && !o.Key.Contains("Name", StringComparison.Ordinal));
    }

    [Fact]
    public void App_TakesOperatorsFromEntraAndAnswersPreflightForTheConfiguredOrigins()
    {
        Assert.Equal("OkCow.Operator", AppSettings["OkCow__Entra__OperatorRole"]);
        Assert.False(string.IsNullOrEmpty(AppSettings["OkCow__Entra__TenantId"]));
        var cors = App["properties"]!["siteConfig"]!["cors"]!;
        Assert.NotNull(cors["allowedOrigins"]);
        Assert.False((bool?)cors["supportCredentials"]);
    }

    // ---- Storage ------------------------------------------------------------------------------------------

    [Fact]
    public void Storage_AllowsNoSharedKeysNoPublicBlobsAndOnlyTls12()
    {
        var properties = Default.Single(StorageAccounts)["properties"]!;
        Assert.False((bool?)properties["allowSharedKeyAccess"]);
        Assert.False((bool?)properties["allowBlobPublicAccess"]);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
        Assert.True((bool?)properties["supportsHttpsTrafficOnly"]);
        Assert.Equal("None", (string?)Default.Single(BlobContainers)["properties"]!["publicAccess"]);
    }

    [Theory]
    [InlineData(StorageBlobDataOwner)]
    [InlineData(StorageQueueDataContributor)]
    [InlineData(StorageTableDataContributor)]
    public void Storage_GrantsTheIdentityWhatTheFunctionsHostNeeds(string roleDefinitionId) =>
        AssertRoleAssignment(Default.Single(StorageAccounts), roleDefinitionId);

    // ---- Monitoring ---------------------------------------------------------------------------------------

    [Fact]
    public void AppInsights_IsWorkspaceBasedWithLocalAuthDisabled()
    {
        var properties = Default.Single(Components)["properties"]!;
        Assert.True((bool?)properties["DisableLocalAuth"]);
        Assert.Equal((string?)Default.Single(Workspaces)["id"], (string?)properties["WorkspaceResourceId"]);
    }

    [Fact]
    public void AppInsights_LetsTheIdentityPublishTelemetry() =>
        AssertRoleAssignment(Default.Single(Components), MonitoringMetricsPublisher);

    // ---- Cosmos DB ----------------------------------------------------------------------------------------

    [Fact]
    public void Cosmos_HasLocalAuthDisabled()
    {
        foreach (var snapshot in new[] { infra.Default, infra.Autoscale })
        {
            var properties = snapshot.Single(CosmosAccounts)["properties"]!;
            Assert.True((bool?)properties["disableLocalAuth"]);
            Assert.True((bool?)properties["disableKeyBasedMetadataWriteAccess"]);
        }
    }

    [Fact]
    public void Cosmos_IsServerlessByDefault()
    {
        Assert.Contains("EnableServerless", Capabilities(infra.Default));
        Assert.Empty(DatabaseOptions(infra.Default));
        Assert.All(infra.Default.OfType(CosmosContainers), c => Assert.Empty(c["properties"]!["options"]?.AsObject() ?? []));
    }

    [Fact]
    public void Cosmos_UsesSharedAutoscaleThroughputWhenAskedTo()
    {
        Assert.DoesNotContain("EnableServerless", Capabilities(infra.Autoscale));
        var options = DatabaseOptions(infra.Autoscale);
        Assert.Equal(InfraFixture.AutoscaleMaxThroughput, (int?)options["autoscaleSettings"]?["maxThroughput"]);
        Assert.Null(options["throughput"]);
        // Throughput lives on the database only, shared by every container.
        Assert.All(infra.Autoscale.OfType(CosmosContainers), c => Assert.Empty(c["properties"]!["options"]?.AsObject() ?? []));
    }

    [Fact]
    public void Cosmos_HasDatabaseOkcow()
    {
        var database = Default.Single(CosmosDatabases);
        Assert.Equal("okcow", Snapshot.ShortName(database));
        Assert.Equal("okcow", (string?)database["properties"]!["resource"]!["id"]);
    }

    [Fact]
    public void Cosmos_HasExactlyTheContainersTheCodeUses()
    {
        var expected = new[] { Containers.Events, Containers.Leases }.Concat(Containers.ReadContainers).Order(StringComparer.Ordinal);
        var actual = Default.OfType(CosmosContainers).Select(Snapshot.ShortName).Order(StringComparer.Ordinal);
        Assert.Equal(expected, actual);
        Assert.All(Default.OfType(CosmosContainers), c => Assert.Equal(Snapshot.ShortName(c), (string?)c["properties"]!["resource"]!["id"]));
    }

    [Fact]
    public void EventsContainer_IsPartitionedByStreamIdAndIndexesOnlyWhatReadsFilterAndSortOn()
    {
        var resource = Container(Containers.Events);
        Assert.Equal(["/streamId"], PartitionKeyPaths(resource));

        var indexing = resource["indexingPolicy"]!;
        Assert.Equal("consistent", (string?)indexing["indexingMode"]);
        Assert.Equal(["/kind/?", "/timestamp/?", "/version/?"], Paths(indexing["includedPaths"]).Order(StringComparer.Ordinal));
        Assert.Contains("/*", Paths(indexing["excludedPaths"]));

        // WHERE kind = ... AND version range ORDER BY version.
        var composite = Assert.Single(indexing["compositeIndexes"]!.AsArray())!.AsArray();
        Assert.Equal(["/kind:ascending", "/version:ascending"], composite.Select(p => $"{(string?)p!["path"]}:{(string?)p["order"]}"));
    }

    [Fact]
    public void LeasesContainer_IsPartitionedById() =>
        Assert.Equal(["/id"], PartitionKeyPaths(Container(Containers.Leases)));

    [Fact]
    public void ReadContainers_ArePartitionedByPkWithALeanIndex()
    {
        foreach (var name in Containers.ReadContainers)
        {
            var resource = Container(name);
            Assert.Equal(["/pk"], PartitionKeyPaths(resource));
            Assert.Equal(["/pk/?"], Paths(resource["indexingPolicy"]!["includedPaths"]));
            Assert.Contains("/*", Paths(resource["indexingPolicy"]!["excludedPaths"]));
        }
    }

    [Fact]
    public void IdempotencyContainer_HonoursPerItemTtl() =>
        Assert.Equal(-1, (int?)Container(Containers.Idempotency)["defaultTtl"]);

    [Fact]
    public void Cosmos_GrantsTheIdentityTheBuiltInDataContributorRoleOnTheAccount()
    {
        var accountId = (string)Default.Single(CosmosAccounts)["id"]!;
        var assignment = Assert.Single(
            Default.OfType(CosmosSqlRoleAssignments),
            a => ((string)a["properties"]!["principalId"]!).Contains($"reference('{IdentityId}'", StringComparison.Ordinal));
        var properties = assignment["properties"]!;

        Assert.Equal($"{accountId}/sqlRoleDefinitions/{CosmosDataContributor}", (string?)properties["roleDefinitionId"]);
        Assert.Equal(accountId, (string?)properties["scope"]);
        Assert.EndsWith(".principalId]", (string)properties["principalId"]!, StringComparison.Ordinal);
    }

    // ---- No secrets anywhere ------------------------------------------------------------------------------

    [Theory]
    [InlineData("listKeys")]
    [InlineData("AccountKey=")]
    [InlineData("primaryMasterKey")]
    [InlineData("SharedAccessKey")]
    [InlineData("listConnectionStrings")]
    public void NoSecretIsReadOrWrittenAnywhere(string marker)
    {
        Assert.DoesNotContain(marker, infra.Build.StdOut, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(marker, infra.BuildParams.StdOut, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(marker, Default.Root.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(marker, infra.Autoscale.Root.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void NoListFunctionIsCalled()
    {
        // list*() is how ARM templates fetch keys, SAS tokens and connection strings.
        infra.Build.AssertClean();
        Assert.DoesNotMatch(ListFunctionCall(), infra.Build.StdOut);
    }

    // ---- ARM JSON and outputs -----------------------------------------------------------------------------

    [Fact]
    public void ThroughputMode_IsAParameterDefaultingToServerless()
    {
        var parameter = infra.Template["parameters"]!["cosmosThroughputMode"]!;
        Assert.Equal("serverless", (string?)parameter["defaultValue"]);
        Assert.Equal(["autoscale", "serverless"], parameter["allowedValues"]!.AsArray().Select(v => (string)v!).Order(StringComparer.Ordinal));
        Assert.Equal(1000, (int?)infra.Template["parameters"]!["autoscaleMaxThroughput"]!["minValue"]);
        Assert.Equal("0", (string?)infra.Template["parameters"]!["marketFeeRate"]!["defaultValue"]);
    }

    [Fact]
    public void Outputs_NameTheResourcesAndTheHttpsUrl()
    {
        var outputs = Default.Root["outputs"]!.AsObject();
        Assert.Equal(
            $"[format('https://{{0}}', reference('{(string)App["id"]!}', '2025-03-01').defaultHostName)]",
            (string?)outputs["appUrl"]);
        Assert.Equal((string?)App["name"], (string?)outputs["functionAppName"]);
        Assert.Equal((string?)Default.Single(CosmosAccounts)["name"], (string?)outputs["cosmosAccountName"]);
        Assert.Equal((string?)Default.Single(StorageAccounts)["name"], (string?)outputs["storageAccountName"]);
        Assert.Equal("okcow", (string?)outputs["cosmosDatabaseName"]);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    [GeneratedRegex(@"\blist[A-Za-z]*\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex ListFunctionCall();

    private void AssertRoleAssignment(JsonObject scope, string roleDefinitionId)
    {
        var prefix = $"{(string)scope["id"]!}/providers/Microsoft.Authorization/roleAssignments/";
        var assignment = Assert.Single(
            Default.OfType(RoleAssignments),
            a => ((string)a["id"]!).StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && ((string)a["properties"]!["roleDefinitionId"]!).EndsWith($"/roleDefinitions/{roleDefinitionId}", StringComparison.Ordinal));
        var properties = assignment["properties"]!;

        Assert.Equal($"[reference('{IdentityId}', '2024-11-30').principalId]", (string?)properties["principalId"]);
        Assert.Equal("ServicePrincipal", (string?)properties["principalType"]);
    }

    private static IEnumerable<string> Capabilities(Snapshot snapshot) =>
        snapshot.Single(CosmosAccounts)["properties"]!["capabilities"]!.AsArray().Select(c => (string)c!["name"]!);

    private static JsonObject DatabaseOptions(Snapshot snapshot) =>
        snapshot.Single(CosmosDatabases)["properties"]!["options"]?.AsObject() ?? [];

    private JsonNode Container(string name) =>
        Assert.Single(Default.OfType(CosmosContainers), c => Snapshot.ShortName(c) == name)["properties"]!["resource"]!;

    private static IEnumerable<string> PartitionKeyPaths(JsonNode resource) =>
        resource["partitionKey"]!["paths"]!.AsArray().Select(p => (string)p!);

    private static IEnumerable<string> Paths(JsonNode? paths) =>
        paths?.AsArray().Select(p => (string)p!["path"]!) ?? [];
}
