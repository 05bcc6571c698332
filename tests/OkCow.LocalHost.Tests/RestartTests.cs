using System.Text.Json;

namespace OkCow.LocalHost.Tests;

/// <summary>State lives in the data folder: a new host on the same folder serves it and resumes the change feed where the last one stopped.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Given_deposits_handled_by_a_stopped_host_When_a_new_host_opens_the_same_folder_Then_state_is_intact_and_nothing_is_applied_twice()
    {
        using var folder = new TempDataFolder();
        string investorId;
        JsonElement checkpointsBefore;
        SignedInAs tokens;
        await using (var first = await RunningHost.StartAsync(folder.Path))
        {
            var (body, _) = await first.CommandAsync("/api/investors", new { name = "Restart", loginId = "restart_1", password = "correct horse battery" }, 201);
            investorId = body.GetProperty("investorId").GetString()!;
            await first.CommandAsync($"/api/investors/{investorId}/deposits", new { amount = 100 });
            await first.CommandAsync($"/api/investors/{investorId}/deposits", new { amount = 200 });
            await first.EventuallyAsync($"/api/investors/{investorId}/portfolio", p => p.Long("availableCash") == 300);
            checkpointsBefore = (await first.SettledAsync()).GetProperty("consumers");
            tokens = first.Credentials;
        }

        // The tokens issued by the first host stay valid: the signing key is kept in the data folder.
        await using var second = await RunningHost.StartAsync(folder.Path, tokens);
        var resumed = await second.SettledAsync();

        // The new host starts from the stored checkpoints: it re-delivers nothing the first one handled.
        Assert.Equal(Checkpoints(checkpointsBefore), Checkpoints(resumed.GetProperty("consumers")));
        Assert.All(resumed.GetProperty("consumers").EnumerateArray(), c => Assert.Equal(0, c.Long("eventsHandled")));
        var portfolio = await second.EventuallyAsync($"/api/investors/{investorId}/portfolio", _ => true);
        Assert.Equal(300, portfolio.Long("availableCash"));
        Assert.Equal(2, await DepositCountAsync(second, investorId));

        await second.CommandAsync($"/api/investors/{investorId}/deposits", new { amount = 50 });
        await second.EventuallyAsync($"/api/investors/{investorId}/portfolio", p => p.Long("availableCash") == 350);
        await second.SettledAsync();
        Assert.Equal(350, (await second.EventuallyAsync($"/api/investors/{investorId}/portfolio", _ => true)).Long("availableCash"));
        Assert.Equal(3, await DepositCountAsync(second, investorId));
    }

    private static Dictionary<string, string?> Checkpoints(JsonElement consumers) =>
        consumers.EnumerateArray().ToDictionary(c => c.String("consumer")!, c => c.String("checkpoint"));

    private static async Task<int> DepositCountAsync(RunningHost host, string investorId)
    {
        var (status, events) = await host.GetAsync($"/api/streams/investor-{investorId}/events");
        Assert.Equal(200, status);
        return events.GetProperty("items").EnumerateArray().Count(e => e.String("type") == "V1.CashDeposited");
    }
}
