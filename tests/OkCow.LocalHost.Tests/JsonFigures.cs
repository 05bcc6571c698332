using System.Text.Json;

namespace OkCow.LocalHost.Tests;

/// <summary>Reading figures from JSON answers.</summary>
internal static class JsonFigures
{
    public static long Long(this JsonElement element, string name) => element.GetProperty(name).GetInt64();

    public static decimal Decimal(this JsonElement element, string name) => element.GetProperty(name).GetDecimal();

    public static string? String(this JsonElement element, string name) => element.GetProperty(name).GetString();

    /// <summary>The holding of <paramref name="fundId"/> in a portfolio; undefined when there is none.</summary>
    public static JsonElement Holding(this JsonElement portfolio, string fundId) =>
        portfolio.GetProperty("holdings").EnumerateArray().FirstOrDefault(h => h.GetProperty("fundId").GetString() == fundId);
}
