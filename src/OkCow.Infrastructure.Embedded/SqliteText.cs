using System.Globalization;
using System.Text.Json;

namespace OkCow.Infrastructure.Embedded;

/// <summary>How values are written as SQLite text.</summary>
internal static class SqliteText
{
    // Seven fractional digits and a fixed "Z" give every timestamp the same length, so text order is time order and
    // "timestamp <= $until" compares instants (the Cosmos store uses the same format).
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTimestamp(string text) =>
        DateTimeOffset.ParseExact(text, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string EventId(Guid value) => value.ToString("D", CultureInfo.InvariantCulture);

    public static string Position(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static JsonElement ParseJson(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
