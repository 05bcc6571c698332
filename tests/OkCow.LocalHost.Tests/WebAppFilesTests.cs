using System.Net;
using OkCow.LocalHost.Http;

namespace OkCow.LocalHost.Tests;

/// <summary>
/// The local host serves the built web app at / with an SPA fallback, over a tiny stand-in of the built files in a
/// temporary folder, so these tests never need npm.
/// </summary>
public sealed class WebAppFilesTests : IAsyncLifetime
{
    private const string Csp = "default-src 'self'; frame-ancestors 'none'";

    private readonly TempDataFolder _data = new();
    private readonly TempDataFolder _web = new();
    private RunningHost _host = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_web.Path, "index.html"), "<!doctype html><title>OkCow test app</title><div id=\"root\"></div>");
        Directory.CreateDirectory(Path.Combine(_web.Path, "assets"));
        await File.WriteAllTextAsync(Path.Combine(_web.Path, "assets", "index-abc123.js"), "console.log('okcow');");
        await File.WriteAllTextAsync(
            Path.Combine(_web.Path, WebAppFiles.ConfigFile),
            $$"""{ "navigationFallback": { "rewrite": "/index.html" }, "globalHeaders": { "Content-Security-Policy": "{{Csp}}", "X-Content-Type-Options": "nosniff" } }""");
        _host = await RunningHost.StartAsync(_data.Path, null, $"--{WebAppFiles.FolderKey}={_web.Path}");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
        _web.Dispose();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/index.html")]
    [InlineData("/market/3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("/operations/funds")]
    public async Task Given_the_built_app_When_a_page_is_opened_Then_index_html_answers_with_the_apps_headers(string path)
    {
        using var response = await _host.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("OkCow test app", await response.Content.ReadAsStringAsync());
        Assert.Equal(Csp, string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.CacheControl?.NoCache, "index.html must be revalidated so a new build's assets are found");
    }

    [Fact]
    public async Task Given_the_built_app_When_an_asset_is_fetched_Then_it_is_served_as_itself_and_cached_for_good()
    {
        using var response = await _host.Client.GetAsync("/assets/index-abc123.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("console.log('okcow');", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
    }

    [Theory]
    [InlineData("/assets/missing.js")]
    [InlineData("/api/no-such-route")]
    [InlineData("/api")]
    [InlineData("/staticwebapp.config.json")]
    public async Task Given_the_built_app_When_a_path_is_no_page_Then_it_is_a_404_problem_not_the_app(string path)
    {
        using var response = await _host.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Given_the_built_app_When_the_api_is_called_Then_the_functions_answer_as_before()
    {
        var (status, mcpi) = await _host.GetAsync("/api/mcpi");

        Assert.Equal(200, status);
        Assert.Equal(100.00m, mcpi.GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task Given_the_built_app_When_a_page_path_is_posted_to_Then_it_is_a_404_problem()
    {
        using var response = await _host.Client.PostAsync("/market", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
