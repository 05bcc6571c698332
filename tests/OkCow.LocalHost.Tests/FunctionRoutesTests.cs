using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OkCow.Functions;
using OkCow.Functions.Edge;
using OkCow.Functions.Edge.Tokens;
using OkCow.Functions.Http;
using OkCow.LocalHost.Http;

namespace OkCow.LocalHost.Tests;

public sealed class FunctionRoutesTests
{
    [Fact]
    public void Given_function_classes_When_discovered_Then_routes_methods_and_names_come_from_the_attributes()
    {
        var functions = FunctionRoutes.Discover([typeof(SampleFunctions), typeof(NotAFunction)]);

        Assert.Equal(
            ["GET /api/boom Boom", "GET,POST /api/echo/{word} Echo"],
            functions.Select(f => $"{string.Join(",", f.Methods)} {f.Pattern} {f.Name}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Given_a_parameter_the_host_cannot_bind_When_discovered_Then_startup_fails_naming_the_function_and_the_parameter()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FunctionRoutes.Discover([typeof(UnbindableFunction)]));

        Assert.Contains("'Unbindable'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'count'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_string_parameter_missing_from_the_route_When_discovered_Then_startup_fails()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FunctionRoutes.Discover([typeof(MissingRouteValueFunction)]));

        Assert.Contains("{other}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_mapped_functions_When_called_Then_route_values_bind_crashes_are_500_without_internals_and_unknown_routes_are_404()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(new Greeting("hello"));
        builder.Services.AddSingleton<IResourceOwners>(new NoOwners());
        builder.Services.AddSingleton<ISigningKeySource>(new FixedSigningKeys(new SigningKeySet(SigningKey.Generate(), null)));
        builder.Services.AddOkCowEdge(SecuritySettings.Read(new ConfigurationBuilder().Build()));
        await using var app = builder.Build();
        app.UseMiddleware<UnhandledErrors>();
        app.MapFunctions(FunctionRoutes.Discover([typeof(SampleFunctions)]));
        app.MapFallback(LocalProblems.NotFoundAsync);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(LocalHostApp.Addresses(app).Single()) };

        var echo = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/echo/cow", UriKind.Relative));
        using var boom = await client.GetAsync(new Uri("/api/boom", UriKind.Relative));
        var boomText = await boom.Content.ReadAsStringAsync();
        using var unknown = await client.GetAsync(new Uri("/api/nothing/here", UriKind.Relative));

        Assert.Equal("hello cow", echo.GetProperty("said").GetString());
        Assert.Equal(500, (int)boom.StatusCode);
        Assert.Equal("application/problem+json", boom.Content.Headers.ContentType?.MediaType);
        Assert.Equal(LocalProblems.InternalErrorCode, JsonDocument.Parse(boomText).RootElement.GetProperty("code").GetString());
        Assert.DoesNotContain(SampleFunctions.Secret, boomText, StringComparison.Ordinal);
        Assert.DoesNotContain("at OkCow", boomText, StringComparison.Ordinal);
        Assert.Equal(404, (int)unknown.StatusCode);
        Assert.Equal("NOT_FOUND", JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        await app.StopAsync();
    }

    public sealed record Greeting(string Word);

    private sealed class NoOwners : IResourceOwners
    {
        public Task<Guid?> OwnerOfAsync(OwnedBy kind, Guid resourceId, Caller? caller, CancellationToken cancellationToken) => Task.FromResult<Guid?>(null);
    }

    public sealed class SampleFunctions(Greeting greeting)
    {
        public const string Secret = "connection string with a password";

        [Function("Echo")]
        [Access(AccessRule.Public)]
        public Task<IActionResult> Echo(
            [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = "echo/{word}")] HttpRequest request,
            string word,
            CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult<IActionResult>(new JsonAnswer(200, new { said = $"{greeting.Word} {word}", path = request.Path.Value }));
        }

        [Function("Boom")]
        [Access(AccessRule.Public)]
        public IActionResult Boom([HttpTrigger(AuthorizationLevel.Function, "get", Route = "boom")] HttpRequest request) =>
            throw new InvalidOperationException(Secret);
    }

    public sealed class NotAFunction
    {
        public Task<IActionResult> Helper(HttpRequest request) => Task.FromResult<IActionResult>(new JsonAnswer(200, null));
    }

    public sealed class UnbindableFunction
    {
        [Function("Unbindable")]
        [Access(AccessRule.Public)]
        public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Function, "get", Route = "things")] HttpRequest request, int count) =>
            Task.FromResult<IActionResult>(new JsonAnswer(200, count));
    }

    public sealed class MissingRouteValueFunction
    {
        [Function("Missing")]
        [Access(AccessRule.Public)]
        public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Function, "get", Route = "things/{id}")] HttpRequest request, string other) =>
            Task.FromResult<IActionResult>(new JsonAnswer(200, other));
    }
}
