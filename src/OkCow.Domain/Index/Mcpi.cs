using OkCow.Domain.Common;

namespace OkCow.Domain.Index;

/// <summary>
/// The MCPI stream folded to what R7 and R21 need, in constant size however long the history grows: the last value,
/// the first value of the last publication's KST day, the last value of any earlier day, and the last halt.
/// Values are in hundredths (100.00 = 10000).
/// </summary>
public sealed record McpiState(
    long? LastValue,
    DateTimeOffset? LastAt,
    long? FirstValueOfLastDay,
    long? LastValueBeforeLastDay,
    DateTimeOffset? HaltedFrom,
    DateTimeOffset? HaltedUntil)
{
    /// <summary>R7: before any publication the MCPI is 100.00.</summary>
    public const long BaseValue = 10_000;

    public static McpiState Empty { get; } = new(null, null, null, null, null, null);

    public long Current => LastValue ?? BaseValue;

    /// <summary>R21: every market is halted from the last halt's start until (excluding) its end.</summary>
    public bool IsHalted(DateTimeOffset now) => HaltedFrom <= now && now < HaltedUntil;

    /// <summary>
    /// R21's reference for <paramref name="day"/>: the last value published on an earlier day, or, with none, the first
    /// value published that day. Null while that day has no reference yet (nothing published) and for days before the
    /// last publication's day, which this constant-size state no longer describes.
    /// </summary>
    public long? ReferenceValue(DateOnly day)
    {
        if (LastAt is not { } lastAt)
        {
            return null;
        }

        var lastDay = Kst.Day(lastAt);
        if (day > lastDay)
        {
            return LastValue;
        }

        return day == lastDay ? LastValueBeforeLastDay ?? FirstValueOfLastDay : null;
    }
}
