namespace OkCow.Application.EventStore;

/// <summary>
/// Tells change-feed consumers in the same process that an append was committed, so that they read the feed at once
/// instead of at their next idle poll. Only a store that commits in this process can tell (the embedded store); the
/// consumers keep polling as well, for appends made by other processes.
/// </summary>
public interface IChangeFeedSignal
{
    /// <summary>A task that completes when the next append after this read is committed. Take it before reading the feed.</summary>
    Task NextAppend { get; }
}
