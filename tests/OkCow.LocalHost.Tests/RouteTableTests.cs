using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using OkCow.Functions;

namespace OkCow.LocalHost.Tests;

/// <summary>The route table is the functions' attributes: every HTTP function is served, at its route, for its methods.</summary>
public sealed class RouteTableTests
{
    private static readonly Assembly Functions = typeof(FunctionsServiceCollectionExtensions).Assembly;

    /// <summary>SPEC §4's routes, which must all be among them.</summary>
    private static readonly string[] SpecRoutes =
    [
        "POST /api/investors", "POST /api/investors/{investorId}/deposits", "POST /api/investors/{investorId}/withdrawals",
        "POST /api/funds", "POST /api/funds/{fundId}/properties", "POST /api/funds/{fundId}/royalties", "POST /api/mcpi",
        "POST /api/funds/{fundId}/subscriptions", "POST /api/funds/{fundId}/redemptions", "POST /api/funds/{fundId}/orders",
        "DELETE /api/funds/{fundId}/orders/{orderId}",
        "GET /api/investors", "GET /api/investors/{investorId}", "GET /api/investors/{investorId}/portfolio", "GET /api/funds",
        "GET /api/funds/{fundId}", "GET /api/funds/{fundId}/nav", "GET /api/funds/{fundId}/nav-history",
        "GET /api/funds/{fundId}/orderbook", "GET /api/mcpi", "GET /api/subscriptions/{subscriptionId}",
        "GET /api/redemptions/{redemptionId}", "GET /api/orders/{orderId}", "GET /api/streams/{streamId}/events",
        "GET /api/reconciliation",
    ];

    [Fact]
    public async Task Given_the_function_classes_When_the_host_starts_Then_every_HTTP_function_and_every_change_feed_function_is_served()
    {
        var declared = Functions.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>(), Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>().SingleOrDefault()))
            .Where(x => x.Function is not null && x.Trigger is not null)
            .Select(x => $"{string.Join(",", x.Trigger!.Methods!.Select(m => m.ToUpperInvariant()))} /api/{x.Trigger.Route} {x.Function!.Name}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var feeds = Functions.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Where(m => m.GetParameters().Any(p => p.GetCustomAttribute<CosmosDBTriggerAttribute>() is not null))
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()!.Name)
            .Order(StringComparer.Ordinal)
            .ToList();

        using var folder = new TempDataFolder();
        await using var host = await RunningHost.StartAsync(folder.Path);
        var status = await host.SettledAsync();
        var served = status.GetProperty("functions").EnumerateArray()
            .Select(f => $"{string.Join(",", f.GetProperty("methods").EnumerateArray().Select(m => m.GetString()))} {f.String("route")} {f.String("name")}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var endpoints = host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal) && !e.RoutePattern.RawText.StartsWith(LocalHostApp.DocsPath, StringComparison.Ordinal))
            .Select(e => $"{string.Join(",", e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods)} {e.RoutePattern.RawText} {e.DisplayName}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Empty(SpecRoutes.Except(served.Select(s => s[..s.LastIndexOf(' ')])));
        Assert.Equal(declared, served);
        Assert.Equal(declared, endpoints);
        Assert.Equal(["RunProjections", "RunSagas"], feeds);
        Assert.Equal(feeds, status.GetProperty("consumers").EnumerateArray().Select(c => c.String("function")).Order(StringComparer.Ordinal));
    }
}
