using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using OkCow.Application.Serialization;

namespace OkCow.Functions.Http;

/// <summary>
/// A JSON answer written straight to the response with the app's JSON options: needs no MVC executors, so the
/// same result works under the Functions ASP.NET Core integration and the local host.
/// </summary>
public sealed class JsonAnswer(int status, object? body, string contentType = "application/json", string? location = null) : IActionResult
{
    public int Status { get; } = status;

    public object? Body { get; } = body;

    public string ContentType { get; } = contentType;

    public string? Location { get; } = location;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = Status;
        if (Location is not null)
        {
            response.Headers.Location = Location;
        }

        if (Body is null)
        {
            return;
        }

        response.ContentType = ContentType;
        await JsonSerializer.SerializeAsync(response.Body, Body, Body.GetType(), Json.Options, context.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
