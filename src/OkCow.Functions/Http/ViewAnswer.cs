using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using OkCow.Application.Serialization;

namespace OkCow.Functions.Http;

/// <summary>
/// A view's 200 answer with an <c>ETag</c> taken from its bytes (which include the source-stream versions, so the tag
/// changes when a version does); a request whose <c>If-None-Match</c> names it gets 304 without a body.
/// </summary>
public sealed class ViewAnswer(object body) : IActionResult
{
    public object Body { get; } = body;

    public static string ETagOf(ReadOnlySpan<byte> bytes) => $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"";

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(Body, Body.GetType(), Json.Options);
        var etag = ETagOf(bytes);
        var http = context.HttpContext;
        http.Response.Headers.ETag = etag;
        var ifNoneMatch = http.Request.Headers[HeaderNames.IfNoneMatch].ToString();
        if (ifNoneMatch.Length > 0 && ifNoneMatch.Split(',').Any(t => t.Trim() == etag || t.Trim() == "W/" + etag || t.Trim() == "*"))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
    }
}
