using System.Collections.Immutable;

namespace OkCow.Application.Projections;

/// <summary>
/// A read-model document. <see cref="Applied"/> holds the last version applied from each source stream, so a
/// repeated or older delivery is skipped and changes nothing.
/// </summary>
public abstract record ProjectedView
{
    public ImmutableDictionary<string, long> Applied { get; init; } = ImmutableDictionary<string, long>.Empty;

    public bool HasApplied(string streamId, long version) => Applied.TryGetValue(streamId, out var seen) && version <= seen;
}
