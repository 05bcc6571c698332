namespace OkCow.Functions.Tests;

/// <summary>A clock the test moves by hand, for lockout windows and token lifetimes.</summary>
public sealed class MovableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}
