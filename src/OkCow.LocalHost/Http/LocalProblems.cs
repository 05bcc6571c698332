using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using OkCow.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
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

    /// <summary>An error status answered without a body (by routing or the server): the same in problem+json.</summary>
    public static Task StatusCodeAsync(StatusCodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var code = status switch
        {
            401 => ErrorCodes.Unauthenticated,
            403 => ErrorCodes.Forbidden,
            404 or 405 => ErrorCodes.NotFound,
            415 => ErrorCodes.UnsupportedMediaType,
            429 => ErrorCodes.TooManyRequests,
            _ => ErrorCodes.ValidationFailed,
        };
        var problem = new Problem($"https://okcow.example/problems/{code.ToLowerInvariant().Replace('_', '-')}", ReasonPhrases.GetReasonPhrase(status), status, $"The server answered {status} to {http.Request.Method} {http.Request.Path}.", code);
        return WriteAsync(http, new JsonAnswer(status, problem, Problems.ContentType));
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

/// <summary>
/// The host's own limit on request headers (Kestrel's default size), answered as 431 problem+json; Kestrel's limit is
/// set above it so that it is this answer a client sees.
/// </summary>
public sealed class HeaderLimits(RequestDelegate next)
{
    public const int MaxBytes = 32 * 1024;
    public const int KestrelMaxBytes = 256 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var size = 0L;
        foreach (var (name, values) in context.Request.Headers)
        {
            size += name.Length + 4;
            foreach (var value in values)
            {
                size += value?.Length ?? 0;
            }
        }

        if (size <= MaxBytes)
        {
            return next(context);
        }

        var problem = new Problem("https://okcow.example/problems/validation-failed", "Request headers too large", StatusCodes.Status431RequestHeaderFieldsTooLarge, $"The request headers may have at most {MaxBytes} bytes.", ErrorCodes.ValidationFailed);
        return LocalProblems.WriteAsync(context, new JsonAnswer(StatusCodes.Status431RequestHeaderFieldsTooLarge, problem, Problems.ContentType));
    }
}
