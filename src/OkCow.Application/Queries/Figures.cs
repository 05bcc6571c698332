using System.Text.Json;
using System.Text.Json.Serialization;

namespace OkCow.Application.Queries;

/// <summary>
/// SPEC 8: a figure has one form in every answer. Money is computed from exact fractions; only the answer rounds,
/// half-up (away from zero), to a fixed number of decimals that is always written out (100 as 100.00).
/// </summary>
public abstract class FixedDecimals(int decimals) : JsonConverter<decimal>
{
    public int Decimals { get; } = decimals;

    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(Form(value, Decimals));
    }

    /// <summary>Rounded half-up to <paramref name="decimals"/> places, with exactly that scale.</summary>
    public static decimal Form(decimal value, int decimals)
    {
        var rounded = decimal.Round(value, decimals, MidpointRounding.AwayFromZero);
        return decimals == 4 ? rounded + 0.0000m : rounded + 0.00m;
    }
}

/// <summary>A NAV or a rate: four decimals.</summary>
public sealed class FourDecimals() : FixedDecimals(4);

/// <summary>An MCPI value: two decimals.</summary>
public sealed class TwoDecimals() : FixedDecimals(2);
