using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using OkCow.Domain.Common;
using OkCow.Functions.Http;

namespace OkCow.LocalHost.Http;

/// <summary>The answers the Functions host gives on its own, outside any function: unknown routes and crashes.</summary>
public static class LocalProblems
{
    public const string InternalErrorCode = "INTERNAL_ERROR";

    /// <summary>404 problem+json for a path (or method) no function answers.</summary>
    public static Task NotFoundAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var detail = $"No function answers {context.Request.Method} {context.Request.Path}.";
        return WriteAsync(context, Problems.For(ErrorCodes.NotFound, detail, context.Request.Path));
    }

    public static Task WriteAsync(HttpContext context, IActionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }
}

/// <summary>
/// Turns an exception that escaped a function into 500 problem+json that says nothing about the internals (they go to
/// the log, under the trace id the answer names), and a request Kestrel could not read into 400.
/// </summary>
public sealed partial class UnhandledErrors(RequestDelegate next, ILogger<UnhandledErrors> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
        }
        catch (BadHttpRequestException error) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            var problem = new Problem("https://okcow.example/problems/validation-failed", "The request could not be read", error.StatusCode, error.Message, ErrorCodes.ValidationFailed);
            await LocalProblems.WriteAsync(context, new JsonAnswer(error.StatusCode, problem, Problems.ContentType)).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            LogUnhandled(error, context.Request.Method, context.Request.Path, context.TraceIdentifier);
            if (context.Response.HasStarted)
            {
                // Part of an answer is on the wire already; a clean error can no longer be sent.
                context.Abort();
                return;
            }

            context.Response.Clear();
            var problem = new Problem(
                "https://okcow.example/problems/internal-error",
                "Internal error",
                StatusCodes.Status500InternalServerError,
                $"The request failed unexpectedly. The local host's log has the details under trace id {context.TraceIdentifier}.",
                LocalProblems.InternalErrorCode,
                context.Request.Path);
            await LocalProblems.WriteAsync(context, new JsonAnswer(StatusCodes.Status500InternalServerError, problem, Problems.ContentType)).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in {Method} {Path} (trace id {TraceId})")]
    private partial void LogUnhandled(Exception error, string method, string path, string traceId);
}
