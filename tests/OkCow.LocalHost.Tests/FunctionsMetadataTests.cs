using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using OkCow.Functions;
using OkCow.LocalHost.ChangeFeed;
using OkCow.LocalHost.Http;

namespace OkCow.LocalHost.Tests;

/// <summary>
/// What the Azure Functions host will run is the <c>functions.metadata</c> the Worker SDK generates at build time.
/// It must say what the functions' attributes say, and the local host must serve exactly what it lists, so that a
/// route can never exist locally and not in Azure, or the other way round.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly Assembly Functions = typeof(FunctionsServiceCollectionExtensions).Assembly;

    private static readonly Lazy<IReadOnlyList<JsonElement>> Generated = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        Assert.True(File.Exists(path), $"The Worker SDK did not generate {path}.");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    });

    private static IEnumerable<(MethodInfo Method, string Name)> DeclaredFunctions() =>
        Functions.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => (x.Method, x.Attribute!.Name));

    private static JsonElement MetadataOf(string name) => Generated.Value.Single(f => f.GetProperty("name").GetString() == name);

    private static JsonElement TriggerOf(JsonElement function) =>
        function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    private static T? TriggerAttribute<T>(MethodInfo method) where T : Attribute =>
        method.GetParameters().Select(p => p.GetCustomAttribute<T>()).OfType<T>().SingleOrDefault();

    [Fact]
    public void Every_declared_function_is_listed_once_with_its_entry_point_and_nothing_else_is()
    {
        var declared = DeclaredFunctions()
            .Select(f => $"{f.Name} {f.Method.DeclaringType!.FullName}.{f.Method.Name}")
            .Order(StringComparer.Ordinal);
        var listed = Generated.Value
            .Select(f => $"{f.GetProperty("name").GetString()} {f.GetProperty("entryPoint").GetString()}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(declared, listed);
        Assert.All(Generated.Value, f => Assert.Equal("OkCow.Functions.dll", f.GetProperty("scriptFile").GetString()));
    }

    [Fact]
    public void Every_HTTP_trigger_is_listed_with_its_route_methods_and_authorization_level()
    {
        var http = DeclaredFunctions().Where(f => TriggerAttribute<HttpTriggerAttribute>(f.Method) is not null).ToList();
        Assert.NotEmpty(http);

        Assert.All(http, f =>
        {
            var attribute = TriggerAttribute<HttpTriggerAttribute>(f.Method)!;
            var trigger = TriggerOf(MetadataOf(f.Name));
            Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
            Assert.Equal(attribute.Route, trigger.GetProperty("route").GetString());
            Assert.Equal(attribute.AuthLevel.ToString(), trigger.GetProperty("authLevel").GetString());
            Assert.Equal(
                attribute.Methods!.Select(m => m.ToLowerInvariant()).Order(StringComparer.Ordinal),
                trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()).Order(StringComparer.Ordinal));
        });
    }

    [Fact]
    public void Every_change_feed_trigger_is_listed_with_its_database_containers_connection_lease_prefix_and_retry_policy()
    {
        var feeds = DeclaredFunctions().Where(f => TriggerAttribute<CosmosDBTriggerAttribute>(f.Method) is not null).ToList();
        Assert.Equal(2, feeds.Count);

        Assert.All(feeds, f =>
        {
            var attribute = TriggerAttribute<CosmosDBTriggerAttribute>(f.Method)!;
            var function = MetadataOf(f.Name);
            var trigger = TriggerOf(function);
            Assert.Equal("cosmosDBTrigger", trigger.GetProperty("type").GetString());
            Assert.Equal(attribute.DatabaseName, trigger.GetProperty("databaseName").GetString());
            Assert.Equal(attribute.ContainerName, trigger.GetProperty("containerName").GetString());
            Assert.Equal(attribute.Connection, trigger.GetProperty("connection").GetString());
            Assert.Equal(attribute.LeaseContainerName, trigger.GetProperty("leaseContainerName").GetString());
            Assert.Equal(attribute.LeaseContainerPrefix, trigger.GetProperty("leaseContainerPrefix").GetString());

            var retry = f.Method.GetCustomAttribute<ExponentialBackoffRetryAttribute>();
            Assert.NotNull(retry);
            var listed = function.GetProperty("retry");
            Assert.Equal("exponentialBackoff", listed.GetProperty("strategy").GetString());
            Assert.Equal(retry.MaxRetryCount, listed.GetProperty("maxRetryCount").GetInt32());
            Assert.Equal(retry.MinimumInterval, listed.GetProperty("minimumInterval").GetString());
            Assert.Equal(retry.MaximumInterval, listed.GetProperty("maximumInterval").GetString());
        });

        // Each consumer keeps its own leases in Azure and its own checkpoint locally.
        Assert.Equal(feeds.Count, feeds.Select(f => TriggerAttribute<CosmosDBTriggerAttribute>(f.Method)!.LeaseContainerPrefix).Distinct().Count());
    }

    [Fact]
    public void The_local_host_serves_exactly_the_HTTP_routes_and_consumes_exactly_the_feeds_that_Azure_would()
    {
        var azureRoutes = Generated.Value
            .Select(f => (Name: f.GetProperty("name").GetString()!, Trigger: TriggerOf(f)))
            .Where(f => f.Trigger.GetProperty("type").GetString() == "httpTrigger")
            .SelectMany(f => f.Trigger.GetProperty("methods").EnumerateArray()
                .Select(m => $"{m.GetString()!.ToUpperInvariant()} /{FunctionRoutes.RoutePrefix}/{f.Trigger.GetProperty("route").GetString()} {f.Name}"))
            .Order(StringComparer.Ordinal);
        var localRoutes = FunctionRoutes.Discover(Functions)
            .SelectMany(f => f.Methods.Select(m => $"{m} {f.Pattern} {f.Name}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(azureRoutes, localRoutes);

        var azureFeeds = Generated.Value
            .Select(f => (Name: f.GetProperty("name").GetString()!, Trigger: TriggerOf(f)))
            .Where(f => f.Trigger.GetProperty("type").GetString() == "cosmosDBTrigger")
            .Select(f => $"{f.Name} {f.Trigger.GetProperty("leaseContainerPrefix").GetString()}")
            .Order(StringComparer.Ordinal);
        var localFeeds = FeedFunctions.Discover(Functions)
            .Select(f => $"{f.Name} {f.Consumer}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(azureFeeds, localFeeds);
    }
}
