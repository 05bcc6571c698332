using System.Diagnostics;
using OkCow.Application.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace OkCow.LocalHost.Tests;

/// <summary>
/// Telemetry listeners are process-wide: these tests run alone (after every parallel test), so the spans and
/// measurements they capture are only their own host's.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry (process-wide listeners)";
}

/// <summary>Captures OkCow's spans (and the HTTP server spans) and metrics with the OpenTelemetry in-memory exporter.</summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly TracerProvider _tracer;
    private readonly MeterProvider _meter;
    private readonly List<Activity> _spans = [];
    private readonly List<Metric> _metrics = [];

    public TelemetryCapture()
    {
        _tracer = Sdk.CreateTracerProviderBuilder()
            .AddSource(OkCowTelemetry.Name)
            .AddAspNetCoreInstrumentation()
            .AddInMemoryExporter(_spans)
            .Build();
        _meter = Sdk.CreateMeterProviderBuilder()
            .AddMeter(OkCowTelemetry.Name)
            .AddInMemoryExporter(_metrics)
            .Build();
    }

    /// <summary>The spans ended so far.</summary>
    public IReadOnlyList<Activity> Spans
    {
        get
        {
            _tracer.ForceFlush();
            lock (_spans)
            {
                return [.. _spans];
            }
        }
    }

    /// <summary>
    /// Collects now and returns every point of <paramref name="instrument"/> as (tags, value): sums for counters, last
    /// values for gauges, counts for histograms.
    /// </summary>
    public IReadOnlyList<(IReadOnlyDictionary<string, object?> Tags, double Value)> Points(string instrument)
    {
        _metrics.Clear();
        _meter.ForceFlush();
        var points = new List<(IReadOnlyDictionary<string, object?>, double)>();
        foreach (var metric in _metrics.Where(m => m.Name == instrument))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var tag in point.Tags)
                {
                    tags[tag.Key] = tag.Value;
                }

                double value = metric.MetricType switch
                {
                    MetricType.LongSum => point.GetSumLong(),
                    MetricType.DoubleSum => point.GetSumDouble(),
                    MetricType.LongGauge => point.GetGaugeLastValueLong(),
                    MetricType.DoubleGauge => point.GetGaugeLastValueDouble(),
                    MetricType.Histogram => point.GetHistogramCount(),
                    _ => double.NaN,
                };
                points.Add((tags, value));
            }
        }

        return points;
    }

    /// <summary>The total of <paramref name="instrument"/> over the points whose tags include <paramref name="tags"/>.</summary>
    public double Sum(string instrument, params (string Key, string Value)[] tags) =>
        Points(instrument).Where(p => tags.All(t => p.Tags.TryGetValue(t.Key, out var v) && Equals(v?.ToString(), t.Value))).Sum(p => p.Value);

    public void Dispose()
    {
        _tracer.Dispose();
        _meter.Dispose();
    }
}
