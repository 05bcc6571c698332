namespace OkCow.Application.Tests.Support;

/// <summary>A clock the test sets; starts on a fixed instant so that "today" (KST) is known.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2025, 3, 4, 1, 0, 0, TimeSpan.Zero);

    public TestClock()
        : this(Start)
    {
    }

    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
