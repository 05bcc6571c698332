using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace OkCow.PeerBench;

/// <summary>
/// Runs the same workload through OkCow's embedded store and through Marten on PostgreSQL, interleaved (A/B, then B/A
/// the next repetition), and reports the median of the repetitions for each figure. build/bench-peer.sh starts the
/// PostgreSQL cluster and passes OKCOW_PEER_POSTGRES, OKCOW_PEER_DATA and OKCOW_PEER_OUTPUT.
/// </summary>
public static class Program
{
    public static async Task<int> Main()
    {
        var postgres = Required("OKCOW_PEER_POSTGRES");
        var data = Required("OKCOW_PEER_DATA");
        var output = Required("OKCOW_PEER_OUTPUT");
        var sizes = BenchSizes.FromEnvironment();
        var loadBefore = LoadAverage();
        var started = DateTimeOffset.UtcNow;

        await using var okcow = new OkCowPeer(data);

        // Marten prints a notice on stdout that its hosted daemon is off (this benchmark drives the daemon itself);
        // stdout is kept for the table.
        var stdout = Console.Out;
        Console.SetOut(Console.Error);
        await using var marten = new MartenPeer(postgres);
        Console.SetOut(stdout);
        IPeerStore[] sides = [okcow, marten];
        foreach (var side in sides)
        {
            Progress($"preparing {side.Name}");
            await side.PrepareAsync(sizes);
        }

        // One short untimed pass of every figure but the catch-up (too long to repeat; the median of the repetitions
        // absorbs its first, colder run), so neither side is timed while its code is still being compiled.
        Progress("warming up");
        foreach (var (figure, run) in Figures(sizes with { AppendsPerRepetition = 16, CommandsPerRepetition = 16, LoadReads = 5, AsOfReads = 2 }))
        {
            if (figure.Key != "projection_catch_up")
            {
                foreach (var side in sides)
                {
                    await run(side, -1);
                }
            }
        }

        var figures = Figures(sizes);
        var samples = figures.ToDictionary(f => f.Figure.Key, _ => (OkCow: new List<double>(), Marten: new List<double>()));
        for (var repetition = 0; repetition < sizes.Repetitions; repetition++)
        {
            Progress($"repetition {repetition + 1} of {sizes.Repetitions}");
            foreach (var (figure, run) in figures)
            {
                IPeerStore[] order = repetition % 2 == 0 ? [okcow, marten] : [marten, okcow];
                foreach (var side in order)
                {
                    var value = await run(side, repetition);
                    (side == okcow ? samples[figure.Key].OkCow : samples[figure.Key].Marten).Add(value);
                }
            }
        }

        var results = figures.Select(f => new FigureResult(f.Figure, samples[f.Figure.Key].OkCow, samples[f.Figure.Key].Marten)).ToList();
        var report = PeerReport.ToJson(results, Environment(sizes, started, loadBefore));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, PeerReport.ToText(report));

        Console.WriteLine($"OkCow (embedded SQLite store) against Marten {MartenVersion()} on {System.Environment.GetEnvironmentVariable("OKCOW_PEER_POSTGRES_VERSION") ?? "PostgreSQL"}: medians of {sizes.Repetitions} interleaved repetitions{(sizes.Quick ? " (QUICK sizes: smoke run, not figures)" : "")}");
        Console.WriteLine($"load average {loadBefore} before, {LoadAverage()} after, on {System.Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.Write(PeerReport.ToTable(results));
        Console.WriteLine();
        Console.WriteLine($"written to {output}");
        return 0;
    }

    private static List<(Figure Figure, Func<IPeerStore, int, Task<double>> Run)> Figures(BenchSizes sizes)
    {
        var figures = new List<(Figure, Func<IPeerStore, int, Task<double>>)>();
        foreach (var writers in BenchSizes.Writers)
        {
            var name = writers == 1 ? "1 writer" : $"{writers} writers";
            figures.Add((new Figure($"append_{writers}_writer{(writers == 1 ? "" : "s")}", $"append, {name}", "appends/s", Better.Higher),
                (side, _) => side.AppendAsync(writers, sizes.AppendsPerRepetition / writers, waitForFlush: true)));
        }

        foreach (var writers in BenchSizes.Writers)
        {
            var name = writers == 1 ? "1 writer" : $"{writers} writers";
            figures.Add((new Figure($"append_{writers}_writer{(writers == 1 ? "" : "s")}_no_flush_wait", $"append, {name}, Marten with synchronous_commit=off", "appends/s", Better.Higher),
                (side, _) => side.AppendAsync(writers, sizes.AppendsPerRepetition / writers, waitForFlush: false)));
        }

        foreach (var writers in BenchSizes.Writers)
        {
            var name = writers == 1 ? "1 writer" : $"{writers} writers";
            figures.Add((new Figure($"command_{writers}_writer{(writers == 1 ? "" : "s")}", $"command (load, decide, append), {name}", "commands/s", Better.Higher),
                (side, _) => side.CommandAsync(writers, sizes.CommandsPerRepetition / writers)));
        }

        foreach (var length in sizes.LoadLengths)
        {
            figures.Add((new Figure($"load_{length}_events", $"aggregate load, {length:N0} events (snapshot)", "µs", Better.Lower),
                (side, _) => side.LoadAsync(length, sizes.LoadReads)));
        }

        figures.Add((new Figure("projection_catch_up", $"projection catch-up, {sizes.FeedEvents:N0} events", "events/s", Better.Higher),
            (side, repetition) => side.CatchUpAsync(repetition)));
        figures.Add((new Figure("read_as_of", $"state as of an instant, {sizes.AsOfLength:N0}-event stream", "µs", Better.Lower),
            (side, _) => side.AsOfAsync(sizes.AsOfReads)));
        return figures;
    }

    private static JsonObject Environment(BenchSizes sizes, DateTimeOffset started, string loadBefore) => new()
    {
        ["date"] = started.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["quick"] = sizes.Quick,
        ["repetitions"] = sizes.Repetitions,
        ["cores"] = System.Environment.ProcessorCount,
        ["os"] = RuntimeInformation.OSDescription,
        ["runtime"] = RuntimeInformation.FrameworkDescription,
        ["load_average_before"] = loadBefore,
        ["load_average_after"] = LoadAverage(),
        ["postgres"] = System.Environment.GetEnvironmentVariable("OKCOW_PEER_POSTGRES_VERSION") ?? "unknown",
        ["marten"] = MartenVersion(),
        ["marten_setup"] = "System.Text.Json, EventAppendMode.Quick, correlation/causation/user-name metadata, inline snapshot (SingleStreamProjection), async daemon for the catch-up",
        ["okcow_durability"] = "SQLite WAL with synchronous=NORMAL: a commit survives a process crash but is not fsynced",
        ["marten_durability"] = "PostgreSQL defaults (fsync=on, synchronous_commit=on): every commit waits for its WAL flush",
        ["sizes"] = new JsonObject
        {
            ["appends_per_repetition"] = sizes.AppendsPerRepetition,
            ["streams_per_writer"] = sizes.AppendStreamsPerWriter,
            ["commands_per_repetition"] = sizes.CommandsPerRepetition,
            ["load_reads"] = sizes.LoadReads,
            ["feed_events"] = sizes.FeedEvents,
            ["feed_streams"] = sizes.FeedStreams,
            ["okcow_feed_page_size"] = OkCowPeer.FeedPageSize,
            ["as_of_stream_length"] = sizes.AsOfLength,
            ["as_of_reads"] = sizes.AsOfReads,
        },
    };

    private static string MartenVersion() =>
        typeof(Marten.DocumentStore).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Required(string name) =>
        System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the benchmark through build/bench-peer.sh.");

    private static void Progress(string message) =>
        Console.Error.WriteLine($"[{DateTimeOffset.UtcNow:HH:mm:ss}] {message}");
}
