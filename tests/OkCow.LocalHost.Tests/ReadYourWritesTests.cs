using System.Net.Http.Headers;
using System.Text.Json;

namespace OkCow.LocalHost.Tests;

/// <summary>
/// SPEC 8: a command answer names the stream and version it wrote, a view answer the versions it includes (body and
/// ETag), and a read may wait for a version. The change feed idles 300 ms here, so views lag behind their commands.
/// </summary>
public sealed class ReadYourWritesTests
{
    [Fact]
    public async Task Given_a_lagging_read_side_When_a_client_reads_with_waitFor_the_version_its_command_returned_Then_the_first_read_shows_the_effect()
    {
        using var folder = new TempDataFolder();
        await using var host = await RunningHost.StartAsync(folder.Path, null, $"--{LocalHostSettings.FeedIdleDelayKey}=300");

        var (registered, _) = await host.CommandAsync("/api/investors", new { name = "W", loginId = "waiter", password = "correct horse" }, 201);
        var investorId = registered.GetProperty("investorId").GetString()!;
        var profile = await FirstReadAsync(host, $"/api/investors/{investorId}", registered);
        Assert.Equal("waiter", profile.GetProperty("loginId").GetString());

        var (deposited, _) = await host.CommandAsync($"/api/investors/{investorId}/deposits", new { amount = 500_000 });
        Assert.Equal($"investor-{investorId}", deposited.GetProperty("streamId").GetString());
        var portfolio = await FirstReadAsync(host, $"/api/investors/{investorId}/portfolio", deposited);
        Assert.Equal(500_000, portfolio.GetProperty("availableCash").GetInt64());

        var (created, _) = await host.CommandAsync("/api/funds", new { name = "Waited", basePrice = 10_000 }, 201);
        var fund = await FirstReadAsync(host, $"/api/funds/{created.GetProperty("fundId").GetString()}", created);
        Assert.Equal("Waited", fund.GetProperty("name").GetString());

        var (published, _) = await host.CommandAsync("/api/mcpi", new { value = 104.5m });
        var mcpi = await FirstReadAsync(host, "/api/mcpi", published);
        Assert.Equal(104.5m, mcpi.GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task Given_a_view_answer_When_read_again_with_its_ETag_Then_304_until_a_command_changes_it_and_a_malformed_waitFor_is_400()
    {
        using var folder = new TempDataFolder();
        await using var host = await RunningHost.StartAsync(folder.Path);
        var (registered, _) = await host.CommandAsync("/api/investors", new { name = "E", loginId = "etagger", password = "correct horse" }, 201);
        var investorId = registered.GetProperty("investorId").GetString()!;
        var path = $"/api/investors/{investorId}/portfolio";
        await FirstReadAsync(host, path, registered);

        using var first = await host.Client.GetAsync(new Uri($"{path}?waitFor={Uri.EscapeDataString(WaitFor(registered))}", UriKind.Relative));
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(etag);
        using var unchanged = await host.Client.SendAsync(again);
        Assert.Equal(304, (int)unchanged.StatusCode);

        var (deposited, _) = await host.CommandAsync($"/api/investors/{investorId}/deposits", new { amount = 7 });
        using var afterWrite = new HttpRequestMessage(HttpMethod.Get, $"{path}?waitFor={Uri.EscapeDataString(WaitFor(deposited))}");
        afterWrite.Headers.IfNoneMatch.Add(etag);
        using var changed = await host.Client.SendAsync(afterWrite);
        Assert.Equal(200, (int)changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);

        foreach (var bad in new[] { "nocolon", "investor-x:0", "investor-x:1.5", "bad stream:3" })
        {
            var (status, problem) = await host.GetAsync($"{path}?waitFor={Uri.EscapeDataString(bad)}");
            Assert.Equal(400, status);
            Assert.Equal("VALIDATION_FAILED", problem.GetProperty("code").GetString());
        }
    }

    private static string WaitFor(JsonElement answer) => $"{answer.GetProperty("streamId").GetString()}:{answer.GetProperty("version").GetInt64()}";

    /// <summary>One read, waiting for the command's version: it must answer 200 with that version included, at once.</summary>
    private static async Task<JsonElement> FirstReadAsync(RunningHost host, string path, JsonElement commandAnswer)
    {
        var (status, body) = await host.GetAsync($"{path}?waitFor={Uri.EscapeDataString(WaitFor(commandAnswer))}");
        Assert.True(status == 200, $"GET {path} answered {status}: {body}");
        var stream = commandAnswer.GetProperty("streamId").GetString()!;
        Assert.True(body.GetProperty("versions").GetProperty(stream).GetInt64() >= commandAnswer.GetProperty("version").GetInt64());
        return body;
    }
}
