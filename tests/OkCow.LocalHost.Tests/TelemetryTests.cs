using System.Diagnostics;
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

        // The projections that applied the deposit did so in spans of the same trace, children of the command's span.
        await host.EventuallyAsync($"/api/investors/{investorId}/portfolio", p => p.GetProperty("availableCash").GetInt64() == 5_000);
        await host.SettledAsync();
        var applied = telemetry.Spans.Where(s => s.ParentSpanId == command.SpanId && s.Kind == System.Diagnostics.ActivityKind.Consumer).ToList();
        Assert.NotEmpty(applied);
        Assert.All(applied, s => Assert.Equal(TraceId, s.TraceId.ToHexString()));
        Assert.Contains(applied, s => !((string)s.GetTagItem("okcow.handler")!).StartsWith("saga:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_a_subscription_sent_with_a_traceparent_When_its_saga_runs_Then_the_command_every_step_and_every_view_share_its_trace_and_the_metrics_count_them()
    {
        using var telemetry = new TelemetryCapture();
        using var folder = new TempDataFolder();
        await using var host = await RunningHost.StartAsync(folder.Path);
        await host.CommandAsync("/api/mcpi", new { value = 100.00m });
        var investorId = await RegisterAsync(host, "trace_s");
        var (fund, fundLocation) = await host.CommandAsync("/api/funds", new { name = "Traced", basePrice = 10_000 }, 201);
        var fundId = fund.GetProperty("fundId").GetString()!;
        await host.EventuallyAsync(fundLocation, f => f.GetProperty("basePrice").GetInt64() == 10_000);
        await host.CommandAsync($"/api/investors/{investorId}/deposits", new { amount = 1_000_000 });
        await host.SettledAsync();

        var investorStream = $"investor-{investorId}";
        var fundStream = $"fund-{fundId}";
        var investorBefore = await LastVersionAsync(host, investorStream);
        var fundBefore = await LastVersionAsync(host, fundStream);
        var dispatchers = host.App.Services.GetRequiredService<OkCow.Functions.ChangeFeed.FeedDispatchers>();
        var handledBefore = HandledPerHandler(telemetry, dispatchers);

        using (var answer = await SendTracedAsync(host, $"/api/funds/{fundId}/subscriptions", new { investorId, amount = 1_000_000 }, host.Credentials.Investors[investorId]))
        {
            Assert.Equal(202, (int)answer.StatusCode);
            var status = answer.Headers.Location!.OriginalString;
            await host.EventuallyAsync(status, s => s.GetProperty("status").GetString() == "completed");
        }

        await host.SettledAsync();

        // Everything the subscription appended, in both streams, records a span of the client's trace: the request's
        // command in the investor stream, the saga's steps in the fund stream and back in the investor stream.
        var appended = (await EventsAfterAsync(host, investorStream, investorBefore)).Concat(await EventsAfterAsync(host, fundStream, fundBefore)).ToList();
        Assert.Contains(appended, e => e.Stream == fundStream && e.Type.EndsWith("UnitsIssued", StringComparison.Ordinal));
        Assert.Contains(appended, e => e.Stream == investorStream && e.Type.EndsWith("SubscriptionRequested", StringComparison.Ordinal));
        Assert.Contains(appended, e => e.Stream == investorStream && e.Type.EndsWith("SubscriptionSettled", StringComparison.Ordinal));
        Assert.All(appended, e => Assert.Equal(TraceId, e.TraceParent.Split('-')[1]));

        var spans = telemetry.Spans;
        var okcow = spans.Where(s => s.Source.Name == OkCow.Application.Telemetry.OkCowTelemetry.Name).ToList();

        // Each event was appended by a command span of the trace (the request's, or a saga step's inside its handler span).
        foreach (var e in appended)
        {
            var command = Assert.Single(okcow, s => s.Id == e.TraceParent);
            Assert.Equal(ActivityKind.Internal, command.Kind);
            Assert.Equal(e.Stream, command.GetTagItem("okcow.stream"));
        }

        var requested = appended.Single(e => e.Type.EndsWith("SubscriptionRequested", StringComparison.Ordinal));
        var requestSpan = okcow.Single(s => s.Id == requested.TraceParent);
        Assert.Equal(ActivityKind.Server, spans.Single(s => s.SpanId == requestSpan.ParentSpanId).Kind);
        foreach (var step in appended.Where(e => e != requested))
        {
            var stepCommand = okcow.Single(s => s.Id == step.TraceParent);
            var sagaSpan = okcow.Single(s => s.SpanId == stepCommand.ParentSpanId);
            Assert.Equal("saga:subscription", sagaSpan.GetTagItem("okcow.handler"));
        }

        // Every handler of both consumers ran on every one of these events in a span of the trace, parented on the span
        // that appended it: the saga steps and every projection.
        var handlers = dispatchers.ByConsumer.SelectMany(c => c.Dispatcher.HandlerNames).ToList();
        Assert.Contains("saga:subscription", handlers);
        Assert.Contains("projection:portfolio", handlers);
        foreach (var e in appended)
        {
            var appendedBy = okcow.Single(s => s.Id == e.TraceParent);
            foreach (var handler in handlers)
            {
                var handled = Assert.Single(okcow, s =>
                    s.Kind == ActivityKind.Consumer
                    && (string?)s.GetTagItem("okcow.handler") == handler
                    && (string?)s.GetTagItem("okcow.stream") == e.Stream
                    && Equals(s.GetTagItem("okcow.version"), e.Version));
                Assert.Equal(TraceId, handled.TraceId.ToHexString());
                Assert.Equal(appendedBy.SpanId, handled.ParentSpanId);
            }
        }

        // Nothing of OkCow's that touched these streams since the request ran outside the trace.
        Assert.All(
            okcow.Where(s => s.StartTimeUtc >= requestSpan.StartTimeUtc && s.GetTagItem("okcow.stream") is string stream && (stream == investorStream || stream == fundStream)),
            s => Assert.Equal(TraceId, s.TraceId.ToHexString()));

        // The metrics count what the scenario did: one accepted command per route used, and every handler handled
        // exactly the subscription's events on top of what it had handled before.
        Assert.Equal(1, telemetry.Sum("okcow.commands", ("function", "Subscribe"), ("outcome", "accepted")));
        Assert.Equal(1, telemetry.Sum("okcow.commands", ("function", "DepositCash"), ("outcome", "accepted")));
        Assert.Equal(1, telemetry.Sum("okcow.commands", ("function", "CreateFund"), ("outcome", "accepted")));
        Assert.Equal(1, telemetry.Sum("okcow.commands", ("function", "PublishMcpi"), ("outcome", "accepted")));
        Assert.Equal(1, telemetry.Sum("okcow.commands", ("function", "RegisterInvestor"), ("outcome", "accepted")));
        Assert.Equal(0, telemetry.Sum("okcow.commands", ("outcome", "refused")));
        var handledAfter = HandledPerHandler(telemetry, dispatchers);
        Assert.Equal(handledBefore.Keys, handledAfter.Keys);
        Assert.All(handledAfter, h => Assert.Equal(handledBefore[h.Key] + appended.Count, h.Value));
        Assert.Equal(0, telemetry.Sum("okcow.changefeed.parks"));
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

        // Every consumer handled every event of the scenario: registration (claim and investor) and the three deposits.
        await host.SettledAsync();
        Assert.True(telemetry.Sum("okcow.changefeed.events", ("consumer", "projections-")) >= 5);
        Assert.Equal(telemetry.Sum("okcow.changefeed.events", ("consumer", "projections-")), telemetry.Sum("okcow.changefeed.delay", ("consumer", "projections-")));
        Assert.Equal(0, telemetry.Sum("okcow.changefeed.parks"));
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

    private sealed record AuditedEvent(string Stream, long Version, string Type, string TraceParent);

    private static async Task<long> LastVersionAsync(RunningHost host, string stream) =>
        (await EventsAfterAsync(host, stream, 0)).Max(e => e.Version);

    private static async Task<List<AuditedEvent>> EventsAfterAsync(RunningHost host, string stream, long version)
    {
        var (status, body) = await host.GetAsync($"/api/streams/{stream}/events");
        Assert.Equal(200, status);
        return [.. Items(body)
            .Select(e => new AuditedEvent(stream, e.GetProperty("version").GetInt64(), e.GetProperty("type").GetString()!, e.TryGetProperty("traceParent", out var trace) ? trace.GetString() ?? "" : ""))
            .Where(e => e.Version > version)];
    }

    /// <summary>okcow.changefeed.events per "consumer/handler", every handler of both consumers listed (0 when none yet).</summary>
    private static Dictionary<string, double> HandledPerHandler(TelemetryCapture telemetry, OkCow.Functions.ChangeFeed.FeedDispatchers dispatchers) =>
        dispatchers.ByConsumer
            .SelectMany(c => c.Dispatcher.HandlerNames.Select(h => (c.Consumer, Handler: h)))
            .ToDictionary(
                h => $"{h.Consumer}/{h.Handler}",
                h => telemetry.Sum("okcow.changefeed.events", ("consumer", h.Consumer), ("handler", h.Handler)),
                StringComparer.Ordinal);

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
