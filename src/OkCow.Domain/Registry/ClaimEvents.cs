namespace OkCow.Domain.Registry;

/// <summary>
/// Uniqueness claims: one tiny stream per claimed key (<c>loginid-{loginId}</c>, <c>fundname-{name}</c>), created with
/// expected version "no stream", so of two concurrent claims the store lets exactly one win.
/// </summary>
public abstract record ClaimEvent
{
    private ClaimEvent()
    {
    }

    public sealed record KeyClaimed(string Kind, string Key, Guid OwnerId, DateTimeOffset At) : ClaimEvent;
}
