using System.Net.Http.Headers;
using System.Text.Json;

namespace OkCow.LocalHost.Tests;

/// <summary>
/// SPEC 8: the Location of an accepted command answers at once. The host's change-feed consumers are put to sleep after
/// their first read, so no status view exists when the Location is polled: the answer comes from the request itself.
/// </summary>
public sealed class StatusBeforeProjectionTests
{
    [Fact]
    public async Task Given_projections_not_caught_up_When_the_requester_polls_the_Location_right_after_202_Then_it_answers_pending_never_404()
    {
        using var folder = new TempDataFolder();
        await using var host = await RunningHost.StartAsync(folder.Path, null, $"--{LocalHostSettings.FeedIdleDelayKey}=600000");
        var (registered, _) = await host.CommandAsync("/api/investors", new { name = "A", loginId = "pending-a", password = "correct horse" }, 201);
        var investorId = registered.GetProperty("investorId").GetString()!;
        var (other, _) = await host.CommandAsync("/api/investors", new { name = "B", loginId = "pending-b", password = "correct horse" }, 201);
        await host.CommandAsync($"/api/investors/{investorId}/deposits", new { amount = 1_000_000 });
        var (fund, _) = await host.CommandAsync("/api/funds", new { name = "Pending fund", basePrice = 10_000 }, 201);
        var fundId = fund.GetProperty("fundId").GetString()!;

        var (_, subscription) = await host.CommandAsync($"/api/funds/{fundId}/subscriptions", new { investorId, amount = 100_000 });
        var (_, order) = await host.CommandAsync($"/api/funds/{fundId}/orders", new { investorId, side = "buy", price = 10_000, quantity = 3 });

        var asRequester = host.Credentials.Investors[investorId];
        var subscribed = await GetAsync(host, subscription, asRequester);
        Assert.Equal(200, subscribed.Status);
        Assert.Equal("pending", subscribed.Body.GetProperty("status").GetString());
        Assert.Equal(investorId, subscribed.Body.GetProperty("investorId").GetString());
        Assert.Equal(100_000, subscribed.Body.GetProperty("amount").GetInt64());

        var placed = await GetAsync(host, order, asRequester);
        Assert.Equal(200, placed.Status);
        Assert.Equal("pending", placed.Body.GetProperty("status").GetString());
        Assert.Equal(3, placed.Body.GetProperty("remainingQuantity").GetInt64());

        // Nobody else learns of it from the requester's stream: another investor gets the same 404 as for no request at all.
        var asOther = host.Credentials.Investors[other.GetProperty("investorId").GetString()!];
        Assert.Equal(404, (await GetAsync(host, subscription, asOther)).Status);
        Assert.Equal(404, (await GetAsync(host, $"/api/orders/{Guid.NewGuid()}", asRequester)).Status);
    }

    private static async Task<(int Status, JsonElement Body)> GetAsync(RunningHost host, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await host.Anonymous.SendAsync(request);
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}
