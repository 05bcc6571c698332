namespace OkCow.Functions.Tests;

/// <summary>
/// A clock that stands still. (Microsoft.Extensions.TimeProvider.Testing's pinned 10.0.0 does not restore
/// here, and nothing in these tests needs its timers.)
/// </summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
