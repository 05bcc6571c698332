using System.Net.Http.Json;
using System.Text.Json;
using OkCow.LocalHost.Security;

namespace OkCow.LocalHost.Tests;

/// <summary>What the local host adds around the edge: its own error answers, CORS, its secrets and the sign-in limit.</summary>
public sealed class EdgeOverHttpTests
{
    private static async Task AssertProblemAsync(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(status, JsonDocument.Parse(text).RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task GivenOversizedHeadersOrABadPathOrAWrongMethod_WhenSent_ThenEachIsProblemJson()
    {
        using var folder = new TempDataFolder();
        await using var host = await RunningHost.StartAsync(folder.Path);

        using var big = new HttpRequestMessage(HttpMethod.Get, "/api/mcpi");
        big.Headers.Add("X-Padding", new string('a', 40 * 1024));
        using var oversized = await host.Anonymous.SendAsync(big);
        using var badPath = await host.Anonymous.GetAsync(new Uri("/api/funds/%FF%FE/nav-history", UriKind.Relative));
        using var traversal = await host.Anonymous.GetAsync(new Uri("/api/funds/..%2F..%2Fetc", UriKind.Relative));

        await AssertProblemAsync(oversized, 431);
        Assert.InRange((int)badPath.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", badPath.Content.Headers.ContentType?.MediaType);
        Assert.InRange((int)traversal.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", traversal.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GivenAllowedOrigins_WhenABrowserSendsAPreflight_ThenOnlyThoseOriginsAreAllowed()
    {
        using var folder = new TempDataFolder();
        await using var host = await RunningHost.StartAsync(folder.Path, null, "--OkCow:Cors:AllowedOrigins=http://localhost:5173");

        async Task<HttpResponseMessage> PreflightAsync(string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Options, "/api/funds");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
            return await host.Anonymous.SendAsync(request);
        }

        using var allowed = await PreflightAsync("http://localhost:5173");
        using var other = await PreflightAsync("https://evil.example");

        Assert.InRange((int)allowed.StatusCode, 200, 204);
        Assert.Equal("http://localhost:5173", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task GivenNoOperatorPasswordSetting_WhenTheHostStarts_ThenOneIsGeneratedKeptAndUsableAfterARestart()
    {
        using var folder = new TempDataFolder();
        var settings = new[] { "--OKCOW_OPERATOR_PASSWORD=" };
        string token;
        await using (var first = await RunningHost.StartAsync(folder.Path, null, settings))
        {
            var password = (await File.ReadAllTextAsync(Path.Combine(folder.Path, LocalSecrets.OperatorPasswordFile))).Trim();
            Assert.True(password.Length >= 20);
            token = await first.SignInAsync("operator", password);
        }

        await using var second = await RunningHost.StartAsync(folder.Path, null, settings);
        var kept = (await File.ReadAllTextAsync(Path.Combine(folder.Path, LocalSecrets.OperatorPasswordFile))).Trim();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/reconciliation");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var answer = await second.Anonymous.SendAsync(request);

        Assert.Equal(200, (int)answer.StatusCode);
        await second.SignInAsync("operator", kept);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder.Path, LocalSecrets.SigningKeysFile)));
        }
    }

    [Fact]
    public async Task GivenASignInLimit_WhenOneAddressSignsInTooOften_Then429TooManyRequests()
    {
        using var folder = new TempDataFolder();
        await using var host = await RunningHost.StartAsync(folder.Path, null, "--OkCow:Security:SignInPermitsPerMinute=3");

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await host.Anonymous.PostAsJsonAsync(new Uri("/api/sessions", UriKind.Relative), new { loginId = "nobody_" + i, password = "wrong password" });
            statuses.Add((int)response.StatusCode);
            if (i == 3)
            {
                await AssertProblemAsync(response, 429);
                Assert.True(response.Headers.RetryAfter is not null);
            }
        }

        Assert.Equal([401, 401, 401, 429], statuses);
    }
}
