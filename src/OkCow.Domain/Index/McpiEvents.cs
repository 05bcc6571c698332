namespace OkCow.Domain.Index;

/// <summary>
/// Events of the single MCPI stream (<c>mcpi</c>). Values are in hundredths (100.00 = 10000).
/// </summary>
public abstract record McpiEvent
{
    private McpiEvent()
    {
    }

    /// <summary><paramref name="ReferenceValue"/> is the circuit-breaker reference of R21 in force for that day.</summary>
    public sealed record McpiPublished(long Value, DateTimeOffset At, long ReferenceValue, DateTimeOffset RecordedAt) : McpiEvent;

    /// <summary>R21: every market halts for 20 minutes from <paramref name="From"/>; at most once a day.</summary>
    public sealed record MarketsHalted(DateTimeOffset From, DateTimeOffset Until, long TriggerValue, long ReferenceValue) : McpiEvent;
}
