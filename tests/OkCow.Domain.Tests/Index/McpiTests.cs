using OkCow.Domain.Index;
using static OkCow.Domain.Index.McpiEvent;

namespace OkCow.Domain.Tests.Index;

public partial class McpiTests
{
    /// <summary>00:00 on 2025-03-10 in Seoul is 15:00 UTC the day before.</summary>
    private static readonly DateTimeOffset Day1Start = new(2025, 3, 9, 15, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Day1Morning = Day1Start.AddHours(9);

    private static readonly DateTimeOffset Day2Start = Day1Start.AddDays(1);

    private static readonly DateTimeOffset Day2Morning = Day2Start.AddHours(9);

    private static DeciderSpec<McpiDecider, PublishMcpi, McpiEvent, McpiState> Spec() => new();

    /// <summary>A value published as of <paramref name="at"/>, with the reference it would have been recorded with.</summary>
    private static McpiPublished Published(long value, DateTimeOffset at, long reference) => new(value, at, reference, at);

    private static MarketsHalted Halted(DateTimeOffset from, long trigger, long reference) => new(from, from.AddMinutes(20), trigger, reference);
}
