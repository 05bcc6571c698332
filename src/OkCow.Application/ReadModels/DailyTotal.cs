using OkCow.Domain.Common;

namespace OkCow.Application.ReadModels;

/// <summary>
/// A running sum for one KST day (trading value, 거래대금). Only the latest day is kept: a read on another day sees 0.
/// </summary>
public sealed record DailyTotal(DateOnly Day, long Value)
{
    /// <summary>Adds <paramref name="amount"/> executed at <paramref name="at"/>; an amount of an earlier day than the kept one is history and ignored.</summary>
    public static DailyTotal? Add(DailyTotal? total, DateTimeOffset at, long amount)
    {
        var day = Kst.Day(at);
        if (total is null || day > total.Day)
        {
            return new DailyTotal(day, amount);
        }

        return day == total.Day ? total with { Value = checked(total.Value + amount) } : total;
    }

    public static long On(DailyTotal? total, DateOnly day) => total is { } kept && kept.Day == day ? kept.Value : 0;
}
