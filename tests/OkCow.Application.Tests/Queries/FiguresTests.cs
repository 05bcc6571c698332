using System.Text.Json;
using OkCow.Application.Queries;
using OkCow.Application.Serialization;

namespace OkCow.Application.Tests.Queries;

/// <summary>SPEC 8: NAV and rates with four decimals, rounded half-up; MCPI with two; always written out.</summary>
public sealed class FiguresTests
{
    [Fact]
    public void Given_an_exact_NAV_and_a_whole_MCPI_When_answered_Then_each_has_its_one_form()
    {
        var at = new DateTimeOffset(2026, 11, 17, 1, 0, 0, TimeSpan.Zero);
        var text = JsonSerializer.Serialize(new FundNavAtDto(Guid.Empty, at, 1, 2, 3, 10230.769230769230769230769231m, 100m), Json.Options);

        Assert.Contains("\"nav\":10230.7692,", text, StringComparison.Ordinal);
        Assert.Contains("\"mcpi\":100.00}", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.00005", 4, "0.0001")]
    [InlineData("-0.00005", 4, "-0.0001")]
    [InlineData("10000", 4, "10000.0000")]
    [InlineData("104.5", 2, "104.50")]
    [InlineData("99.995", 2, "100.00")]
    public void Given_a_figure_When_formed_Then_it_is_rounded_half_up_with_a_fixed_scale(string value, int decimals, string expected)
    {
        var formed = FixedDecimals.Form(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), decimals);

        Assert.Equal(expected, formed.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Given_a_holding_without_rates_When_answered_Then_the_nullable_rates_stay_null()
    {
        var text = JsonSerializer.Serialize(new HoldingDto(Guid.Empty, "F", 1, 0, 10000.5m, 1, 1, 1, 0, 0, 0, null, 0.123456m), Json.Options);

        Assert.Contains("\"nav\":10000.5000", text, StringComparison.Ordinal);
        Assert.Contains("\"returnRate\":null", text, StringComparison.Ordinal);
        Assert.Contains("\"marketReturnRate\":0.1235", text, StringComparison.Ordinal);
    }
}
