using System.Globalization;
using System.Text.Json;
using OkCow.Domain.Common;

namespace OkCow.Functions.Http;

/// <summary>
/// Strict reading of a JSON object body: every field has one JSON type; amounts are whole numbers (no fractions,
/// no strings, no exponents beyond the long range). Collects every problem instead of stopping at the first.
/// </summary>
public sealed class RequestBody
{
    private readonly JsonElement _root;
    private readonly List<string> _errors = [];

    private RequestBody(JsonElement root) => _root = root;

    public IReadOnlyList<string> Errors => _errors;

    public bool IsValid => _errors.Count == 0;

    public string ErrorText => string.Join(" ", _errors);

    public static bool TryParse(string text, out RequestBody? body, out string error)
    {
        body = null;
        error = "";
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "The body must be a JSON object.";
                return false;
            }

            body = new RequestBody(document.RootElement.Clone());
            return true;
        }
        catch (JsonException)
        {
            error = "The body is not valid JSON.";
            return false;
        }
    }

    public string String(string name, int minLength, int maxLength)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            _errors.Add($"'{name}' must be a string.");
            return "";
        }

        var text = value.GetString()!;
        var length = Text.CharacterCount(text);
        if (length < minLength || length > maxLength)
        {
            _errors.Add($"'{name}' must have {minLength} to {maxLength} characters.");
        }

        return text;
    }

    public long WholeNumber(string name, long min, long max)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number)
        {
            _errors.Add($"'{name}' must be a whole number.");
            return 0;
        }

        if (!value.TryGetInt64(out var number))
        {
            // 1.5, 1e30 and the like: not a whole number a long can hold.
            if (decimal.TryParse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed == decimal.Truncate(parsed) && parsed >= long.MinValue && parsed <= long.MaxValue)
            {
                number = (long)parsed;
            }
            else
            {
                _errors.Add($"'{name}' must be a whole number.");
                return 0;
            }
        }

        if (number < min || number > max)
        {
            _errors.Add($"'{name}' must be between {min.ToString("N0", CultureInfo.InvariantCulture)} and {max.ToString("N0", CultureInfo.InvariantCulture)}.");
        }

        return number;
    }

    /// <summary>A decimal with at most <paramref name="decimals"/> fractional digits, as sent (no float rounding).</summary>
    public decimal Decimal(string name, int decimals, decimal min, decimal max)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number
            || !decimal.TryParse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            _errors.Add($"'{name}' must be a number.");
            return 0;
        }

        if (decimal.Round(number, decimals) != number)
        {
            _errors.Add($"'{name}' may have at most {decimals} decimals.");
        }
        else if (number < min || number > max)
        {
            _errors.Add($"'{name}' must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.");
        }

        return number;
    }

    public Guid Id(string name)
    {
        if (_root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id))
        {
            return id;
        }

        _errors.Add($"'{name}' must be an id (a UUID string).");
        return Guid.Empty;
    }

    public T Enum<T>(string name)
        where T : struct, Enum
    {
        if (_root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && System.Enum.TryParse<T>(value.GetString(), ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed)
            && !int.TryParse(value.GetString(), out _))
        {
            return parsed;
        }

        _errors.Add($"'{name}' must be one of: {string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
        return default;
    }

    /// <summary>An optional ISO-8601 instant with an explicit offset.</summary>
    public DateTimeOffset? OptionalInstant(string name)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && Instants.TryParse(value.GetString()!, out var instant))
        {
            return instant;
        }

        _errors.Add($"'{name}' must be an ISO-8601 instant with an offset, e.g. 2026-11-22T10:00:00+09:00.");
        return null;
    }
}

public static class Instants
{
    public static bool TryParse(string text, out DateTimeOffset instant)
    {
        instant = default;
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && (text[^6] is '+' or '-') && text[^3] == ':');
        return hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }
}
