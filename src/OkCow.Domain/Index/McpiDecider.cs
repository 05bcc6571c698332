using OkCow.Domain.Common;
using static OkCow.Domain.Index.McpiEvent;

namespace OkCow.Domain.Index;

public sealed class McpiDecider : IDecider<PublishMcpi, McpiEvent, McpiState>
{
    public static readonly TimeSpan HaltDuration = TimeSpan.FromMinutes(20);

    public static McpiState Initial => McpiState.Empty;

    public static IReadOnlyList<McpiEvent> Decide(PublishMcpi command, McpiState state)
    {
        if (command.Value <= 0)
        {
            throw new DomainException(ErrorCodes.ValidationFailed, "An MCPI value must be positive.");
        }

        var at = command.At ?? command.Now;
        if (at > command.Now)
        {
            throw new DomainException(ErrorCodes.ValidationFailed, "An MCPI value cannot be published for the future.");
        }

        if (at < state.LastAt)
        {
            throw new DomainException(ErrorCodes.ValidationFailed, "An MCPI value cannot be published before the last one.");
        }

        // With nothing published before today, the first value of today is the reference, possibly this very one.
        var reference = state.ReferenceValue(Kst.Day(at)) ?? command.Value;
        var published = new McpiPublished(command.Value, at, reference, command.Now);

        return IsCrash(command.Value, reference) && !HaltedOnDay(state, at)
            ? [published, new MarketsHalted(at, at + HaltDuration, command.Value, reference)]
            : [published];
    }

    public static McpiState Evolve(McpiState state, McpiEvent @event) => @event switch
    {
        McpiPublished published => Publish(state, published),
        MarketsHalted halted => state with { HaltedFrom = halted.From, HaltedUntil = halted.Until },
        _ => state,
    };

    /// <summary>R21: value ≤ 0.92 × reference, in integers so that exactly 92% halts.</summary>
    private static bool IsCrash(long value, long reference) => (Int128)value * 100 <= (Int128)reference * 92;

    private static bool HaltedOnDay(McpiState state, DateTimeOffset at) =>
        state.HaltedFrom is { } from && Kst.Day(from) == Kst.Day(at);

    private static McpiState Publish(McpiState state, McpiPublished published)
    {
        var newDay = state.LastAt is not { } lastAt || Kst.Day(lastAt) != Kst.Day(published.At);
        return newDay
            ? state with
            {
                LastValue = published.Value,
                LastAt = published.At,
                FirstValueOfLastDay = published.Value,
                LastValueBeforeLastDay = state.LastValue,
            }
            : state with { LastValue = published.Value, LastAt = published.At };
    }
}
