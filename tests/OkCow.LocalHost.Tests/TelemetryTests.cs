using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OkCow.LocalHost.ChangeFeed;

namespace OkCow.LocalHost.Tests;

/// <summary>Issue 16: W3C trace context from the request to the events, the metrics an operator watches, the lag gauges.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string TraceParent = $"00-{TraceId}-00f067aa0ba902b7-01";

    [Fact]
    public async Task Given_a_deposit_sent_with_a_traceparent_When_it_lands_Then_its_event_carries_that_trace_on_the_audit_route()
    {
        using var telemetry = new TelemetryCapture();
        using var folder = new TempDataFolder();
        await using var host = await RunningHost.StartAsync(folder.Path);
        var investorId = await RegisterAsync(host, "trace_a");

        using var answer = await SendTracedAsync(host, $"/api/investors/{investorId}/deposits", new { amount = 5_000 }, host.Credentials.Investors[investorId]);
        Assert.Equal(202, (int)answer.StatusCode);

        var events = Items((await host.GetAsync($"/api/streams/investor-{investorId}/events")).Body);
        var deposited = Assert.Single(events, e => e.GetProperty("type").GetString()!.EndsWith("CashDeposited", StringComparison.Ordinal));
        var recorded = deposited.GetProperty("traceParent").GetString()!;
        Assert.Equal(TraceId, recorded.Split('-')[1]);
        Assert.NotEqual(TraceParent, recorded);
        Assert.Equal(TraceId, deposited.GetProperty("correlationId").GetString());

        // The span the event names is the command's, a child of the request's server span in the client's trace.
        var command = Assert.Single(telemetry.Spans, s => s.Id == recorded);
        Assert.Equal(TraceId, command.TraceId.ToHexString());
        Assert.Equal($"investor-{investorId}", command.GetTagItem("okcow.stream"));
    }

    [Fact]
    public async Task Given_accepted_refused_and_replayed_commands_and_failed_sign_ins_When_metrics_are_collected_Then_they_count_exactly_those()
    {
        using var telemetry = new TelemetryCapture();
        using var folder = new TempDataFolder();
        await using var host = await RunningHost.StartAsync(folder.Path);
        var investorId = await RegisterAsync(host, "metrics_a");

        await host.CommandAsync($"/api/investors/{investorId}/deposits", new { amount = 1_000 });
        await host.CommandAsync($"/api/investors/{investorId}/deposits", new { amount = 2_000 });
        await host.RefusedAsync($"/api/investors/{investorId}/withdrawals", new { amount = 1_000_000 }, "INSUFFICIENT_CASH");
        await host.RefusedAsync($"/api/investors/{investorId}/deposits", new { amount = 0 }, "VALIDATION_FAILED");
        using (var first = await host.PostAsync($"/api/investors/{investorId}/deposits", new { amount = 7 }, idempotencyKey: "k-1"))
        using (var repeat = await host.PostAsync($"/api/investors/{investorId}/deposits", new { amount = 7 }, idempotencyKey: "k-1"))
        {
            Assert.Equal((202, 202), ((int)first.StatusCode, (int)repeat.StatusCode));
        }

        for (var i = 0; i < 6; i++)
        {
            using var signIn = await host.Anonymous.PostAsJsonAsync("/api/sessions", new { loginId = "metrics_a", password = "wrong password" });
        }

        Assert.Equal(3, telemetry.Sum("okcow.commands", ("function", "DepositCash"), ("outcome", "accepted")));
        Assert.Equal(1, telemetry.Sum("okcow.commands", ("function", "DepositCash"), ("outcome", "replayed")));
        Assert.Equal(1, telemetry.Sum("okcow.commands", ("function", "DepositCash"), ("outcome", "refused"), ("code", "VALIDATION_FAILED")));
        Assert.Equal(1, telemetry.Sum("okcow.commands", ("function", "WithdrawCash"), ("outcome", "refused"), ("code", "INSUFFICIENT_CASH")));
        Assert.Equal(1, telemetry.Sum("okcow.idempotent.replays", ("function", "DepositCash")));
        Assert.Equal(5, telemetry.Sum("okcow.signin.failures"));
        Assert.Equal(1, telemetry.Sum("okcow.signin.lockouts"));
        Assert.True(telemetry.Sum("okcow.append.duration", ("aggregate", "Investor"), ("outcome", "written")) >= 4);
    }

    [Fact]
    public async Task Given_the_consumers_stopped_When_commands_land_Then_the_lag_rises_and_falls_to_zero_once_they_run_again()
    {
        using var telemetry = new TelemetryCapture();
        using var folder = new TempDataFolder();
        await using var host = await RunningHost.StartAsync(folder.Path);
        var investorId = await RegisterAsync(host, "lag_a");
        await host.SettledAsync();
        var consumers = host.App.Services.GetServices<IHostedService>().OfType<ChangeFeedConsumer>().ToList();
        Assert.Equal(2, consumers.Count);

        foreach (var consumer in consumers)
        {
            await consumer.StopAsync(CancellationToken.None);
        }

        await host.CommandAsync($"/api/investors/{investorId}/deposits", new { amount = 1_000 });
        await host.CommandAsync($"/api/investors/{investorId}/deposits", new { amount = 2_000 });

        var (_, stopped) = await host.GetAsync(LocalHostApp.StatusPath);
        Assert.All(stopped.GetProperty("consumers").EnumerateArray(), c => Assert.Equal(2, c.GetProperty("lagEvents").GetInt64()));
        Assert.All(stopped.GetProperty("consumers").EnumerateArray(), c => Assert.True(c.GetProperty("lagSeconds").GetDouble() >= 0));
        var behind = telemetry.Points("okcow.changefeed.lag.events");
        Assert.Equal(["projections-", "sagas-"], behind.Select(p => (string)p.Tags["consumer"]!).Order(StringComparer.Ordinal));
        Assert.All(behind, p => Assert.Equal(2, p.Value));

        foreach (var consumer in consumers)
        {
            await consumer.StartAsync(CancellationToken.None);
        }

        await host.EventuallyAsync($"/api/investors/{investorId}/portfolio", p => p.GetProperty("availableCash").GetInt64() == 3_000);
        var settled = await host.SettledAsync();
        Assert.All(settled.GetProperty("consumers").EnumerateArray(), c => Assert.Equal((0L, 0d, 0), (c.GetProperty("lagEvents").GetInt64(), c.GetProperty("lagSeconds").GetDouble(), c.GetProperty("parked").GetInt32())));
        Assert.All(telemetry.Points("okcow.changefeed.lag.events"), p => Assert.Equal(0, p.Value));
        Assert.All(telemetry.Points("okcow.changefeed.lag.seconds"), p => Assert.Equal(0, p.Value));
        Assert.All(telemetry.Points("okcow.changefeed.parked"), p => Assert.Equal(0, p.Value));
    }

    /// <summary>
    /// Posts with the test's own traceparent, as a traced client would. The client propagates nothing itself: in this
    /// process the host's HTTP client instrumentation would otherwise start a trace of its own for the call.
    /// </summary>
    private static async Task<HttpResponseMessage> SendTracedAsync(RunningHost host, string path, object body, string token)
    {
        using var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = host.Client.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("traceparent", TraceParent);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    private static async Task<string> RegisterAsync(RunningHost host, string loginId)
    {
        var (body, location) = await host.CommandAsync("/api/investors", new { name = "Trace", loginId, password = "correct horse battery" }, 201);
        await host.EventuallyAsync(location, profile => profile.GetProperty("loginId").GetString() == loginId);
        return body.GetProperty("investorId").GetString()!;
    }

    /// <summary>The audit route's events, as a bare list or as a page's items.</summary>
    private static List<JsonElement> Items(JsonElement body) =>
        [.. (body.ValueKind == JsonValueKind.Array ? body : body.GetProperty("items")).EnumerateArray()];
}
