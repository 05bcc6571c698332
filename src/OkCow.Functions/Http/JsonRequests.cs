using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using OkCow.Functions.Edge;

namespace OkCow.Functions.Http;

/// <summary>
/// Binds request bodies into request records with System.Text.Json's strict options: a property named twice, a
/// property the record does not have, a missing required one, a null where the record says non-null, a fraction or an
/// exponent for an integer and a string that is not valid UTF-16 are all 400 VALIDATION_FAILED before anything runs.
/// </summary>
public static class JsonRequests
{
    public static readonly JsonSerializerOptions Strict = Create();

    public static async Task<(T? Value, IActionResult? Problem)> BindAsync<T>(HttpRequest request)
        where T : class
    {
        var body = await RequestBodies.ReadAsync(request).ConfigureAwait(false);
        return body.Problem is not null ? (null, body.Problem) : Bind<T>(body.Bytes);
    }

    public static (T? Value, IActionResult? Problem) Bind<T>(ReadOnlyMemory<byte> body)
        where T : class
    {
        if (body.IsEmpty)
        {
            return (null, Problems.Validation("The body must be a JSON object."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(body.Span, Strict);
            return value is null ? (null, Problems.Validation("The body must be a JSON object.")) : (value, null);
        }
        catch (JsonException error)
        {
            return (null, Problems.Validation(Describe(error)));
        }
        catch (InvalidOperationException)
        {
            // The reader refuses a string that does not decode to valid UTF-16 (a lone surrogate escape).
            return (null, Problems.Validation("The body holds a string that is not valid Unicode text."));
        }
    }

    /// <summary>Says what and where without echoing the body (it may hold a password).</summary>
    private static string Describe(JsonException error)
    {
        var where = string.IsNullOrEmpty(error.Path) || error.Path == "$" ? "" : $" at {error.Path}";
        var message = error.Message;
        var what = message.Contains("duplicate", StringComparison.OrdinalIgnoreCase) ? "a property appears twice"
            : message.Contains("could not be mapped", StringComparison.OrdinalIgnoreCase) || message.Contains("unmapped", StringComparison.OrdinalIgnoreCase) ? "a property this request does not take"
            : message.Contains("missing required", StringComparison.OrdinalIgnoreCase) ? "a required property is missing"
            : message.Contains("null", StringComparison.OrdinalIgnoreCase) ? "a property is null or missing"
            : message.Contains("surrogate", StringComparison.OrdinalIgnoreCase) || message.Contains("UTF-16", StringComparison.OrdinalIgnoreCase) ? "a string is not valid Unicode text"
            : error.Path is { Length: > 1 } ? "a value has the wrong type or form (whole numbers take no fraction or exponent)"
            : "the body is not a well-formed JSON object";
        return $"The body is not a valid request: {what}{where}.";
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerOptions.Strict)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            MaxDepth = 16,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
