namespace OkCow.PeerBench;

/// <summary>One store under test. Every figure is measured through the same calls on both sides.</summary>
public interface IPeerStore : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Writes the data the figures read (untimed) and checks that each store's concurrency check is live.</summary>
    Task PrepareAsync(BenchSizes sizes);

    /// <summary>Single-event appends at the expected version to the writers' own streams; appends per second.</summary>
    /// <param name="waitForFlush">
    /// False: commits do not wait for the log to reach the disk. OkCow's embedded store never waits (SQLite WAL with
    /// synchronous=NORMAL) and ignores it; Marten then runs with PostgreSQL's synchronous_commit=off for its sessions.
    /// </param>
    Task<double> AppendAsync(int writers, int appendsPerWriter, bool waitForFlush);

    /// <summary>A deposit command: load the aggregate (snapshot), decide, append at the loaded version; commands per second.</summary>
    Task<double> CommandAsync(int writers, int commandsPerWriter);

    /// <summary>Median microseconds to load the aggregate of a stream of <paramref name="length"/> events through its snapshot.</summary>
    Task<double> LoadAsync(int length, int reads);

    /// <summary>A projection catching up from nothing over the feed's events; events per second.</summary>
    Task<double> CatchUpAsync(int repetition);

    /// <summary>Median microseconds to fold a stream's state as of an instant half-way through it.</summary>
    Task<double> AsOfAsync(int reads);
}
