namespace OkCow.LocalHost.Tests;

/// <summary>SPEC §4: a repeat with the same Idempotency-Key and body has no second effect; another body is DUPLICATE_REQUEST.</summary>
public sealed class IdempotencyTests
{
    [Fact]
    public async Task Given_a_deposit_with_an_Idempotency_Key_When_it_is_repeated_Then_one_deposit_is_made_and_the_answer_is_the_same()
    {
        using var folder = new TempDataFolder();
        await using var host = await RunningHost.StartAsync(folder.Path);
        var (body, _) = await host.CommandAsync("/api/investors", new { name = "I", loginId = "idempotent_1", password = "correct horse battery" }, 201);
        var investorId = body.GetProperty("investorId").GetString()!;
        var deposits = $"/api/investors/{investorId}/deposits";

        using var first = await host.PostAsync(deposits, new { amount = 700 }, "deposit-key-1");
        using var repeat = await host.PostAsync(deposits, new { amount = 700 }, "deposit-key-1");
        Assert.Equal(202, (int)first.StatusCode);
        Assert.Equal(202, (int)repeat.StatusCode);
        Assert.Equal(first.Headers.Location, repeat.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await repeat.Content.ReadAsStringAsync());

        var duplicate = await host.RefusedAsync(deposits, new { amount = 800 }, "DUPLICATE_REQUEST", "deposit-key-1");
        Assert.Equal(409, duplicate.GetProperty("status").GetInt32());

        await host.EventuallyAsync($"/api/investors/{investorId}/portfolio", p => p.Long("availableCash") == 700);
        await host.SettledAsync();
        Assert.Equal(700, (await host.EventuallyAsync($"/api/investors/{investorId}/portfolio", _ => true)).Long("availableCash"));
        var (_, events) = await host.GetAsync($"/api/streams/investor-{investorId}/events");
        Assert.Single(events.GetProperty("items").EnumerateArray(), e => e.String("type") == "V1.CashDeposited");
    }
}
