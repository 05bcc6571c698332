using System.Diagnostics;

namespace OkCow.PeerBench;

/// <summary>Timing helpers shared by both sides, so both are timed by the very same code.</summary>
public static class Measure
{
    /// <summary>
    /// Runs <paramref name="operation"/> <paramref name="perWriter"/> times on each of <paramref name="writers"/>
    /// concurrent writers (writer index, operation index) and returns operations per second of wall-clock time.
    /// </summary>
    public static async Task<double> ThroughputAsync(int writers, int perWriter, Func<int, int, Task> operation)
    {
        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            await start.WaitAsync();
            for (var i = 0; i < perWriter; i++)
            {
                await operation(writer, i);
            }
        })).ToList();

        var clock = Stopwatch.StartNew();
        start.Release(writers);
        await Task.WhenAll(tasks);
        return writers * perWriter / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Runs <paramref name="operation"/> <paramref name="count"/> times in a row and returns the median duration in microseconds.</summary>
    public static async Task<double> MedianMicrosecondsAsync(int count, Func<Task> operation)
    {
        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await operation();
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        return Median(samples);
    }

    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("No values to take the median of.", nameof(values));
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Throws when a benchmark run did not do what it claims to measure.</summary>
    public static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Benchmark self-check failed: " + what);
        }
    }
}
