using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OkCow.Application.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OkCow.Functions;

/// <summary>
/// The one OpenTelemetry pipeline of both hosts: OkCow's own spans and metrics (<see cref="OkCowTelemetry"/>), incoming
/// HTTP (W3C <c>traceparent</c> honoured) and outgoing HTTP. Exported to Application Insights when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (authenticated with the given Entra credential: the component
/// refuses instrumentation-key ingestion), and over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class OkCowOpenTelemetry
{
    public const string AppInsightsConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string AppInsightsAuthenticationKey = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>
    /// The managed identity named by <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> (<c>ClientId=…;Authorization=AAD</c>,
    /// the setting the Functions host reads too), or the system-assigned identity when it names none.
    /// </summary>
    public static TokenCredential IdentityFromAuthenticationString(string? authentication)
    {
        var clientId = (authentication ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .FirstOrDefault(pair => pair.Length == 2 && pair[0].Equals("ClientId", StringComparison.OrdinalIgnoreCase))?[1];
        return clientId is { Length: > 0 }
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }

    /// <summary>Adds the pipeline; <paramref name="configure"/> lets a host add its own pieces (the Functions worker's defaults).</summary>
    public static OpenTelemetryBuilder AddOkCowOpenTelemetry(
        this IServiceCollection services,
        IConfiguration configuration,
        Func<TokenCredential>? credential = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "okcow"))
            .WithTracing(tracing => tracing
                .AddSource(OkCowTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(OkCowTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation());

        if (configuration[AppInsightsConnectionStringKey] is { Length: > 0 } connectionString)
        {
            var azureCredential = (credential ?? throw new InvalidOperationException(
                $"{AppInsightsConnectionStringKey} is set, but no Entra credential was given: the component accepts only Entra-authenticated telemetry."))();
            builder
                .WithTracing(tracing => tracing.AddAzureMonitorTraceExporter(o => Configure(o, connectionString, azureCredential)))
                .WithMetrics(metrics => metrics.AddAzureMonitorMetricExporter(o => Configure(o, connectionString, azureCredential)))
                .WithLogging(logging => logging.AddAzureMonitorLogExporter(o => Configure(o, connectionString, azureCredential)));
        }

        if (configuration[OtlpEndpointKey] is { Length: > 0 })
        {
            // Reads the OTEL_EXPORTER_OTLP_* settings itself (endpoint, protocol, headers).
            builder.UseOtlpExporter();
        }

        return builder;
    }

    private static void Configure(AzureMonitorExporterOptions options, string connectionString, TokenCredential credential)
    {
        options.ConnectionString = connectionString;
        options.Credential = credential;
    }
}
