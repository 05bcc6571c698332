using System.Globalization;
using System.Text;
using OkCow.Domain.Common;

namespace OkCow.Functions.Http;

/// <summary>
/// The pure validation step after binding: range checks and input hygiene (SPEC 7) on a bound request record. Collects
/// every problem instead of stopping at the first; <see cref="Problem"/> is null when the request is valid.
/// </summary>
public sealed class Validation
{
    private readonly List<string> _errors = [];

    public Microsoft.AspNetCore.Mvc.IActionResult? Problem => _errors.Count == 0 ? null : Problems.Validation(string.Join(" ", _errors));

    public long Whole(string name, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            _errors.Add($"'{name}' must be between {min.ToString("N0", CultureInfo.InvariantCulture)} and {max.ToString("N0", CultureInfo.InvariantCulture)}.");
        }

        return value;
    }

    /// <summary>A decimal with at most <paramref name="decimals"/> fractional digits, as sent (no float rounding).</summary>
    public decimal Decimal(string name, decimal value, int decimals, decimal min, decimal max)
    {
        if (decimal.Round(value, decimals) != value)
        {
            _errors.Add($"'{name}' may have at most {decimals} decimals.");
        }
        else if (value < min || value > max)
        {
            _errors.Add($"'{name}' must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.");
        }

        return value;
    }

    /// <summary>
    /// A name or code: NFKC-normalised, free of control characters, and not empty once invisible and format
    /// characters are removed; <paramref name="min"/> to <paramref name="max"/> characters as a person counts them.
    /// </summary>
    public string Text(string name, string value, int min, int max)
    {
        if (!TextHygiene.TryClean(value, out var clean, out var why))
        {
            _errors.Add($"'{name}' {why}.");
            return value;
        }

        var length = OkCow.Domain.Common.Text.CharacterCount(clean);
        if (length < min || length > max)
        {
            _errors.Add($"'{name}' must have {min} to {max} characters.");
        }

        return clean;
    }

    /// <summary>A login id in NFKC form, so a look-alike (full-width letters, say) names the same login id.</summary>
    public string LoginId(string name, string value)
    {
        if (!TextHygiene.IsValidUtf16(value))
        {
            _errors.Add($"'{name}' is not valid Unicode text.");
            return value;
        }

        return Application.Security.LookAlikes.Fold(value);
    }

    /// <summary>Any text, as long as it is valid UTF-16 (a lone surrogate cannot be hashed or stored faithfully).</summary>
    public string Secret(string name, string value, int min, int max)
    {
        if (!TextHygiene.IsValidUtf16(value))
        {
            _errors.Add($"'{name}' is not valid Unicode text.");
        }
        else if (value.Length < min || value.Length > max)
        {
            _errors.Add($"'{name}' must have {min} to {max} characters.");
        }

        return value;
    }

    public DateTimeOffset? OptionalInstant(string name, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (Instants.TryParse(value, out var instant))
        {
            return instant;
        }

        _errors.Add($"'{name}' must be an ISO-8601 instant with an offset, e.g. 2026-11-22T10:00:00+09:00.");
        return null;
    }
}

/// <summary>SPEC 7's rules for text a client names things with.</summary>
public static class TextHygiene
{
    public static bool TryClean(string value, out string clean, out string why)
    {
        clean = value;
        if (!IsValidUtf16(value))
        {
            why = "is not valid Unicode text";
            return false;
        }

        var normalized = Application.Security.LookAlikes.Fold(value).Trim();
        if (normalized.Any(char.IsControl))
        {
            why = "may not hold control characters";
            return false;
        }

        if (!normalized.Any(c => !char.IsWhiteSpace(c) && CharUnicodeInfo.GetUnicodeCategory(c) is not UnicodeCategory.Format and not UnicodeCategory.NonSpacingMark and not UnicodeCategory.EnclosingMark))
        {
            why = "must hold visible characters";
            return false;
        }

        clean = normalized;
        why = "";
        return true;
    }

    public static bool IsValidUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Instants as SPEC 7 takes them: ISO-8601 with an explicit offset, in a plausible year.</summary>
public static class Instants
{
    public const int MinYear = 2000;
    public const int MaxYear = 2199;

    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    public static bool TryParse(string text, out DateTimeOffset instant)
    {
        instant = default;
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && (text[^6] is '+' or '-') && text[^3] == ':');
        return hasOffset
            && DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant)
            && instant.UtcDateTime.Year is >= MinYear and <= MaxYear;
    }
}
