using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace OkCow.Bench;

/// <summary>
/// Runs the micro-benchmarks in this process (no generated project to build) and writes their figures as JSON: each
/// ratio is the store's rate over the raw baseline's, both measured in the same run.
/// </summary>
public static class Micro
{
    public static int Run(string output, bool quick)
    {
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(quick ? 1 : 3)
            .WithIterationCount(quick ? 3 : 15)
            .WithInvocationCount(1)
            .WithUnrollFactor(1);
        var config = DefaultConfig.Instance
            .AddJob(job)
            .WithArtifactsPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, "BenchmarkDotNet.Artifacts"));

        var appends = BenchmarkRunner.Run<AppendBenchmarks>(config);
        var feed = BenchmarkRunner.Run<ChangeFeedBenchmarks>(config);

        var rawInserts = PerSecond(appends, nameof(AppendBenchmarks.RawInserts));
        var storeAppends = PerSecond(appends, nameof(AppendBenchmarks.StoreAppends));
        var rawSelect = PerSecond(feed, nameof(ChangeFeedBenchmarks.RawSelect));
        var storeFeed = PerSecond(feed, nameof(ChangeFeedBenchmarks.StoreChangeFeed));
        var figures = new JsonObject
        {
            ["appendRatio"] = Round(storeAppends / rawInserts, 3),
            ["appendsPerSecond"] = Round(storeAppends, 0),
            ["rawInsertsPerSecond"] = Round(rawInserts, 0),
            ["changeFeedRatio"] = Round(storeFeed / rawSelect, 3),
            ["changeFeedEventsPerSecond"] = Round(storeFeed, 0),
            ["rawSelectRowsPerSecond"] = Round(rawSelect, 0),
        };
        File.WriteAllText(output, figures.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"appendRatio {storeAppends:F0}/{rawInserts:F0} = {storeAppends / rawInserts:F3}; changeFeedRatio {storeFeed:F0}/{rawSelect:F0} = {storeFeed / rawSelect:F3}"));
        return 0;
    }

    private static double PerSecond(Summary summary, string method)
    {
        var report = summary.Reports.SingleOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method)
            ?? throw new InvalidOperationException($"No report for {method}.");
        var nanoseconds = report.ResultStatistics?.Mean
            ?? throw new InvalidOperationException($"{method} produced no measurement; see the BenchmarkDotNet log above.");
        return 1e9 / nanoseconds;
    }

    private static double Round(double value, int digits) => Math.Round(value, digits);
}
