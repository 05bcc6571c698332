using System.Globalization;

namespace OkCow.PeerBench;

/// <summary>
/// How much work each figure does. The full sizes are the (100,000 events of catch-up, streams of 10 / 1,000 /
/// 10,000 events); <c>OKCOW_BENCH_QUICK=1</c> shrinks the counts for a smoke run, <c>OKCOW_PEER_REPETITIONS</c> overrides
/// the number of interleaved repetitions.
/// </summary>
public sealed record BenchSizes(
    bool Quick,
    int Repetitions,
    int AppendStreamsPerWriter,
    int AppendsPerRepetition,
    int CommandsPerRepetition,
    IReadOnlyList<int> LoadLengths,
    int LoadReads,
    int FeedStreams,
    int FeedEventsPerStream,
    int AsOfLength,
    int AsOfReads)
{
    /// <summary>Writer counts of the append and command figures.</summary>
    public static readonly IReadOnlyList<int> Writers = [1, 8];

    /// <summary>Events per append while filling streams: fits one Cosmos batch (OkCow's limit is 99) on both sides.</summary>
    public const int FillBatch = 50;

    public static BenchSizes Full { get; } = new(false, 5, 50, 1_000, 500, [10, 1_000, 10_000], 300, 1_000, 100, 1_000, 60);

    public static BenchSizes QuickRun { get; } = new(true, 2, 10, 200, 100, [10, 1_000, 10_000], 30, 50, 40, 1_000, 10);

    public int FeedEvents => FeedStreams * FeedEventsPerStream;

    public static BenchSizes FromEnvironment()
    {
        var sizes = Environment.GetEnvironmentVariable("OKCOW_BENCH_QUICK") is "1" or "true" ? QuickRun : Full;
        return int.TryParse(Environment.GetEnvironmentVariable("OKCOW_PEER_REPETITIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var repetitions) && repetitions > 0
            ? sizes with { Repetitions = repetitions }
            : sizes;
    }
}
