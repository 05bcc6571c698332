using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using OkCow.Functions.Http;

namespace OkCow.Functions.Tests;

/// <summary>What the client sees: status, the headers that matter here, and the body.</summary>
public sealed record Answer(int Status, string? ContentType, string? Location, string Text)
{
    public JsonElement Json => JsonDocument.Parse(Text).RootElement.Clone();

    public string? Code => Json.TryGetProperty("code", out var code) ? code.GetString() : null;

    public long Version => Json.GetProperty("version").GetInt64();

    public override string ToString() => $"{Status} {ContentType} {Location} {Text}";
}

/// <summary>One request through a function method and its IActionResult, as the ASP.NET Core integration runs it.</summary>
public static class HttpCall
{
    public static DefaultHttpContext NewContext(IServiceProvider services, string method, string pathAndQuery, string? body, string? idempotencyKey = null)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        var queryAt = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("okcow.example");
        context.Request.Path = queryAt < 0 ? pathAndQuery : pathAndQuery[..queryAt];
        context.Request.QueryString = queryAt < 0 ? QueryString.Empty : new QueryString(pathAndQuery[queryAt..]);
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = "application/json";
        }

        if (idempotencyKey is not null)
        {
            context.Request.Headers[CommandRunner.IdempotencyKeyHeader] = idempotencyKey;
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    public static async Task<Answer> SendAsync(
        IServiceProvider services,
        string method,
        string pathAndQuery,
        string? body,
        Func<HttpRequest, Task<IActionResult>> function,
        string? idempotencyKey = null) =>
        await ExecuteAsync(NewContext(services, method, pathAndQuery, body, idempotencyKey), function);

    public static async Task<Answer> ExecuteAsync(DefaultHttpContext context, Func<HttpRequest, Task<IActionResult>> function)
    {
        var result = await function(context.Request);
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        context.Response.Body.Position = 0;
        using var reader = new StreamReader(context.Response.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var location = context.Response.Headers.Location.ToString();
        return new Answer(context.Response.StatusCode, context.Response.ContentType, location.Length == 0 ? null : location, text);
    }
}

public static class AnswerAssert
{
    public static void Problem(Answer answer, int status, string code)
    {
        Assert.True(answer.Status == status, $"Expected {status} {code}, got {answer}");
        Assert.Equal(Problems.ContentType, answer.ContentType);
        var json = answer.Json;
        Assert.Equal(status, json.GetProperty("status").GetInt32());
        Assert.Equal(code, json.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("detail").GetString()));
    }

    public static void Accepted(Answer answer, int status, string location)
    {
        Assert.True(answer.Status == status, $"Expected {status}, got {answer}");
        Assert.Equal(location, answer.Location);
        Assert.StartsWith("application/json", answer.ContentType, StringComparison.Ordinal);
        Assert.True(answer.Version >= 1, $"No stream version in {answer.Text}");
    }
}
