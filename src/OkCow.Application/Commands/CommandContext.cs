using System.Diagnostics;
using OkCow.Application.EventStore;

namespace OkCow.Application.Commands;

/// <summary>Who sent a command, in answer to what, and when: becomes the metadata of every event it writes.</summary>
public sealed record CommandContext(string CorrelationId, string? CausationId, string Actor)
{
    /// <summary>The metadata of the events written now: the context plus the current span's W3C traceparent, if any.</summary>
    public EventMetadata ToMetadata() => new(CorrelationId, CausationId, Actor, TraceParentOf(Activity.Current));

    private static string? TraceParentOf(Activity? activity) =>
        activity is { IdFormat: ActivityIdFormat.W3C, Id: { } id } ? id : null;
}

/// <summary>What one command wrote: the stream, its version after the command, and the events (empty if a no-op).</summary>
public sealed record CommandResult<TState>(string StreamId, long Version, IReadOnlyList<object> Events, TState State);
