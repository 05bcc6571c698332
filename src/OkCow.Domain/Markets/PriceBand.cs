using OkCow.Domain.Common;

namespace OkCow.Domain.Markets;

/// <summary>
/// R15–R16: prices are positive multiples of the tick; allowed prices run from ceil(ref × 0.7 / 100) × 100 to
/// floor(ref × 1.3 / 100) × 100, where ref is the last trade before today or, with none, NAV rounded down to the tick.
/// </summary>
public sealed record PriceBand(long Reference, long Low, long High)
{
    public const long Tick = 100;

    public static PriceBand Around(long reference) => new(
        reference,
        Money.MulDivCeiling(reference, 7, 10 * Tick) * Tick,
        Money.MulDivFloor(reference, 13, 10 * Tick) * Tick);

    /// <summary>The reference when the fund has never traded before today: NAV rounded down to the tick.</summary>
    public static long ReferenceFromNav(decimal nav) => Money.FloorTo((long)decimal.Floor(nav), Tick);

    public bool Contains(long price) => price >= Low && price <= High;

    public static bool IsOnTick(long price) => price > 0 && price % Tick == 0;
}
