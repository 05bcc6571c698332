using System.Diagnostics;
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

    /// <summary>One problem shape everywhere: the instance is the request's path, the trace id the request's.</summary>
    public static Problem Complete(Problem problem, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(http);
        var traceId = Activity.Current?.TraceId.ToHexString() ?? http.TraceIdentifier;
        return problem with
        {
            Instance = problem.Instance ?? (http.Request.Path.HasValue ? http.Request.Path.Value : "/"),
            TraceId = problem.TraceId ?? traceId,
        };
    }

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
        var body = Body is Problem problem ? Complete(problem, context.HttpContext) : Body;
        await JsonSerializer.SerializeAsync(response.Body, body, body.GetType(), Json.Options, context.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
