using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OkCow.Functions.Edge.Tokens;

namespace OkCow.LocalHost.Tests;

/// <summary>
/// The real local host, started in-process on a free loopback port (port 0) over a data folder, with a client for it.
/// Password hashing is cheap and the change feed polls often, so that scenarios run in seconds.
/// </summary>
internal sealed class RunningHost : IAsyncDisposable
{
    public static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(30);

    public const string OperatorPassword = "operator test password";

    private readonly WebApplication _app;

    private RunningHost(WebApplication app, string dataFolder, SignedInAs? credentials)
    {
        _app = app;
        DataFolder = dataFolder;
        var address = new Uri(LocalHostApp.Addresses(app).Single());
        Credentials = credentials ?? new SignedInAs();
        Client = new HttpClient(new ActingAsHandler(Credentials, address)) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        Anonymous = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public string DataFolder { get; }

    /// <summary>
    /// A client that signs in as whoever a request acts for (see <see cref="ActingAsHandler"/>), so scenarios read as
    /// the API's users act: investors for their own commands, the operator for the rest.
    /// </summary>
    public HttpClient Client { get; }

    /// <summary>A client that sends only the headers a test gives it.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>The tokens the client holds; hand them to a host restarted on the same folder.</summary>
    public SignedInAs Credentials { get; }

    public WebApplication App => _app;

    /// <param name="dataFolder">The data folder, usually a <see cref="TempDataFolder"/>.</param>
    /// <param name="credentials">Tokens of a host that ran on the same folder before, to act as the same callers.</param>
    /// <param name="settings">More <c>--key=value</c> settings, after (and so over) the defaults.</param>
    public static Task<RunningHost> StartAsync(string dataFolder, SignedInAs? credentials = null, params string[] settings) =>
        StartAsync(dataFolder, credentials, logs: null, settings);

    /// <param name="logs">A log sink added to the host's logging (with the host's own console logger).</param>
    public static async Task<RunningHost> StartAsync(string dataFolder, SignedInAs? credentials, Microsoft.Extensions.Logging.ILoggerProvider? logs, params string[] settings)
    {
        var app = LocalHostApp.Build(
        [
            $"--{LocalHostSettings.DataFolderKey}={dataFolder}",
            $"--{LocalHostSettings.StoreKey}=embedded",
            $"--{LocalHostSettings.UrlsKey}=http://127.0.0.1:0",
            $"--{SecuritySettings.PasswordIterationsKey}=1000",
            $"--{LocalHostSettings.FeedIdleDelayKey}=10",
            $"--OKCOW_OPERATOR_PASSWORD={OperatorPassword}",
            "--OkCow:Security:SignInPermitsPerMinute=0",
            "--Logging:LogLevel:Default=Warning",
            .. settings,
        ],
        builder =>
        {
            if (logs is not null)
            {
                builder.Services.AddSingleton(logs);
            }
        });
        await app.StartAsync();
        return new RunningHost(app, dataFolder, credentials);
    }

    /// <summary>Signs in and returns the session's access token (asserting 200).</summary>
    public async Task<string> SignInAsync(string loginId, string password)
    {
        using var response = await Anonymous.PostAsJsonAsync(new Uri("/api/sessions", UriKind.Relative), new { loginId, password });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 200, $"Sign-in of {loginId} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("accessToken").GetString()!;
    }

    public Task<HttpResponseMessage> DeleteAsync(string path) => Client.DeleteAsync(new Uri(path, UriKind.Relative));

    public async Task<HttpResponseMessage> PostAsync(string path, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>Posts a command that must be accepted and returns its body and Location.</summary>
    public async Task<(JsonElement Body, string Location)> CommandAsync(string path, object body, int expectedStatus = 202)
    {
        using var response = await PostAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"POST {path} answered {(int)response.StatusCode}: {text}");
        return (JsonDocument.Parse(text).RootElement.Clone(), response.Headers.Location!.OriginalString);
    }

    /// <summary>Posts a command that must be refused at once with <paramref name="code"/>.</summary>
    public async Task<JsonElement> RefusedAsync(string path, object body, string code, string? idempotencyKey = null)
    {
        using var response = await PostAsync(path, body, idempotencyKey);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"POST {path} answered {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }

    public async Task<(int Status, JsonElement Body)> GetAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>
    /// Polls <paramref name="path"/> until it answers 200 with a body <paramref name="settled"/> accepts (reads are
    /// eventually consistent); fails with the last answer after <see cref="SettleTimeout"/>.
    /// </summary>
    public async Task<JsonElement> EventuallyAsync(string path, Func<JsonElement, bool> settled)
    {
        var clock = Stopwatch.StartNew();
        var last = "(no answer)";
        while (clock.Elapsed < SettleTimeout)
        {
            var (status, body) = await GetAsync(path);
            if (status == 200 && settled(body))
            {
                return body;
            }

            last = $"{status} {(body.ValueKind == JsonValueKind.Undefined ? "" : body.GetRawText())}";
            await Task.Delay(15);
        }

        throw new TimeoutException($"GET {path} did not settle within {SettleTimeout}; last answer: {last}");
    }

    /// <summary>
    /// Waits until the change feed has settled: every consumer found nothing new in a read that started after this
    /// call, and none handled anything meanwhile (a saga's handling may append events that the others must still see).
    /// </summary>
    public async Task<JsonElement> SettledAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < SettleTimeout)
        {
            var (_, before) = await GetAsync(LocalHostApp.StatusPath);
            var reads = before.Long("reads");
            var after = await EventuallyAsync(LocalHostApp.StatusPath, status =>
                status.GetProperty("consumers").EnumerateArray().All(c => c.Long("caughtUpAsOfRead") > reads));
            if (Handled(before) == Handled(after))
            {
                return after;
            }
        }

        throw new TimeoutException($"The change feed did not settle within {SettleTimeout}.");
    }

    private static string Handled(JsonElement status) =>
        string.Join(",", status.GetProperty("consumers").EnumerateArray().Select(c => $"{c.String("consumer")}={c.Long("eventsHandled")}"));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
