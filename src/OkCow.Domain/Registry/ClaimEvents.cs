namespace OkCow.Domain.Registry;

/// <summary>
/// Uniqueness claims: one tiny stream per claimed key (<c>loginid-{hash}</c>, <c>fundname-{hash}</c>, the hash keyed so
/// that no stream id names a person), created with expected version "no stream", so of two concurrent claims the store
/// lets exactly one win. A released key can be claimed again, at the stream's next version.
/// </summary>
public abstract record ClaimEvent
{
    private ClaimEvent()
    {
    }

    public sealed record KeyClaimed(string Kind, string Key, Guid OwnerId, DateTimeOffset At) : ClaimEvent;

    public sealed record KeyReleased(Guid OwnerId, DateTimeOffset At) : ClaimEvent;
}
