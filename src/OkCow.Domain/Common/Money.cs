namespace OkCow.Domain.Common;

/// <summary>
/// Exact integer money math (R1, R2). Products go through <see cref="Int128"/> so no intermediate overflows;
/// a result that leaves the range of <see cref="long"/> throws rather than wraps.
/// </summary>
public static class Money
{
    /// <summary>floor(a × b / c) for non-negative a, b and positive c.</summary>
    public static long MulDivFloor(long a, long b, long c)
    {
        Require(a >= 0 && b >= 0 && c > 0);
        return checked((long)((Int128)a * b / c));
    }

    /// <summary>ceil(a × b / c) for non-negative a, b and positive c.</summary>
    public static long MulDivCeiling(long a, long b, long c)
    {
        Require(a >= 0 && b >= 0 && c > 0);
        var product = (Int128)a * b;
        var quotient = product / c;
        return checked((long)(product % c == 0 ? quotient : quotient + 1));
    }

    /// <summary>floor(amount × rate) for a non-negative amount and a rate in [0, 1).</summary>
    public static long Fee(long amount, decimal rate)
    {
        Require(amount >= 0 && rate >= 0 && rate < 1);
        return (long)decimal.Floor(amount * rate);
    }

    /// <summary>The largest multiple of <paramref name="step"/> not above <paramref name="value"/> (value ≥ 0).</summary>
    public static long FloorTo(long value, long step) => value - (value % step);

    private static void Require(bool condition)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(null, "Money math takes non-negative operands and a positive divisor.");
        }
    }
}
