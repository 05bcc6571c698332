using System.Text.Json;

namespace OkCow.LocalHost.Tests;

/// <summary>SPEC 7 over the local host's HTTP: every list answers the one page shape, and tokens travel in the query string as given.</summary>
public sealed class PagingOverHttpTests
{
    [Fact]
    public async Task Given_funds_investors_and_an_audit_trail_When_each_list_is_walked_with_take_1_Then_every_item_comes_once_and_the_last_page_has_no_token()
    {
        using var folder = new TempDataFolder();
        await using var host = await RunningHost.StartAsync(folder.Path);
        var funds = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            funds.Add((await host.CommandAsync("/api/funds", new { name = $"Paged fund {i}", basePrice = 10_000 }, 201)).Body.GetProperty("fundId").GetString()!);
        }

        var (registered, _) = await host.CommandAsync("/api/investors", new { name = "P", loginId = "paged_1", password = "correct horse battery" }, 201);
        var investorId = registered.GetProperty("investorId").GetString()!;
        for (var amount = 1; amount <= 3; amount++)
        {
            await host.CommandAsync($"/api/investors/{investorId}/deposits", new { amount });
        }

        await host.SettledAsync();

        var fundIds = (await WalkAsync(host, "/api/funds")).Select(f => f.GetProperty("fundId").GetString()!).ToList();
        Assert.Equal(funds.Order(StringComparer.Ordinal), fundIds);
        var investors = await WalkAsync(host, "/api/investors");
        Assert.Equal(investorId, Assert.Single(investors).GetProperty("investorId").GetString());
        var versions = (await WalkAsync(host, $"/api/streams/investor-{investorId}/events")).Select(e => e.GetProperty("version").GetInt64()).ToList();
        Assert.Equal([1L, 2, 3, 4], versions);
        var history = await WalkAsync(host, $"/api/funds/{funds[0]}/nav-history");
        Assert.NotEmpty(history);

        var fundsToken = FirstToken(await host.GetAsync("/api/funds?take=1"));
        Assert.NotNull(fundsToken);
        foreach (var refused in new[] { $"/api/investors?continuationToken={Uri.EscapeDataString(fundsToken)}", "/api/funds?take=201", "/api/funds?continuationToken=%FF" })
        {
            var (status, problem) = await host.GetAsync(refused);
            Assert.Equal(400, status);
            Assert.Equal("VALIDATION_FAILED", problem.GetProperty("code").GetString());
        }
    }

    private static string? FirstToken((int Status, JsonElement Body) answer) =>
        answer.Body.GetProperty("continuationToken").ValueKind == JsonValueKind.String ? answer.Body.GetProperty("continuationToken").GetString() : null;

    private static async Task<List<JsonElement>> WalkAsync(RunningHost host, string path)
    {
        var items = new List<JsonElement>();
        var query = "?take=1";
        for (var pages = 0; pages < 100; pages++)
        {
            var (status, body) = await host.GetAsync(path + query);
            Assert.Equal(200, status);
            items.AddRange(body.GetProperty("items").EnumerateArray());
            var token = FirstToken((status, body));
            Assert.Equal(token is not null, body.GetProperty("hasMore").GetBoolean());
            if (token is null)
            {
                return items;
            }

            query = "?take=1&continuationToken=" + Uri.EscapeDataString(token);
        }

        throw new InvalidOperationException($"{path} did not end within 100 pages.");
    }
}
