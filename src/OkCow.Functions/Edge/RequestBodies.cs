using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using OkCow.Functions.Http;

namespace OkCow.Functions.Edge;

/// <summary>A request body read once, within the size limit, shared by the edge (owner lookup) and the function (binding).</summary>
public sealed record BodyRead(ReadOnlyMemory<byte> Bytes, IActionResult? Problem);

public static class RequestBodies
{
    public const int MaxBodyBytes = 16 * 1024;

    private static readonly object Key = new();

    /// <summary>The body, at most <see cref="MaxBodyBytes"/> bytes, without a UTF-8 byte-order mark; 413 when longer.</summary>
    public static async Task<BodyRead> ReadAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.HttpContext.Items.TryGetValue(Key, out var cached) && cached is BodyRead read)
        {
            return read;
        }

        read = await ReadOnceAsync(request).ConfigureAwait(false);
        request.HttpContext.Items[Key] = read;
        return read;
    }

    /// <summary>The body's top-level <c>investorId</c> when it is a well-formed id; null otherwise.</summary>
    public static Guid? InvestorIdOf(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 16 });
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("investorId", out var value)
                && value.ValueKind == JsonValueKind.String
                && Guid.TryParse(value.GetString(), out var id)
                ? id
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<BodyRead> ReadOnceAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return new BodyRead(default, Problems.TooLarge(MaxBodyBytes));
        }

        var buffer = new byte[MaxBodyBytes + 1];
        var total = 0;
        int count;
        while (total < buffer.Length && (count = await request.Body.ReadAsync(buffer.AsMemory(total), request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            total += count;
        }

        if (total > MaxBodyBytes)
        {
            return new BodyRead(default, Problems.TooLarge(MaxBodyBytes));
        }

        // A byte-order mark is legal in front of UTF-8 JSON (RFC 8259 §8.1 lets a parser ignore it).
        var start = total >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
        var bytes = buffer.AsMemory(start, total - start);
        return Utf8.IsValid(bytes.Span)
            ? new BodyRead(bytes, null)
            : new BodyRead(default, Problems.Validation("The body is not UTF-8 text."));
    }
}
