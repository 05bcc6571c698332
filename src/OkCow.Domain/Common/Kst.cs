namespace OkCow.Domain.Common;

/// <summary>"Today" is the calendar day in Asia/Seoul (UTC+9, no daylight saving).</summary>
public static class Kst
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    public static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The first instant of <paramref name="day"/> in Seoul.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);
}
