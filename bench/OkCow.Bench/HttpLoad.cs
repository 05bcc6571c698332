using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OkCow.Bench;

/// <summary>
/// The bounded HTTP load generator (build/bench.sh starts a local host for it over a scratch data folder):
/// deposits sent open-loop at a fixed rate for a fixed time (latency from each request's scheduled start, so a stalled
/// server is not hidden by a waiting client), projection lag sampled by a probe that deposits and then reads the
/// portfolio until its cash shows the deposit, and the rate where p99 passes 100 ms found by stepping the rate.
/// </summary>
public static class HttpLoad
{
    private const long Amount = 1_000;
    private const int Investors = 128;
    private const int Probes = 4;
    private const double KneeMs = 100;

    private static int _conflicts;

    public static async Task<int> RunAsync(string baseUrl, string output, bool quick)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var investors = await SignUpAsync(http, "load", Investors);
        var probes = await SignUpAsync(http, "probe", Probes);
        var duration = TimeSpan.FromSeconds(quick ? 3 : 15);

        // Warm-up: the JIT and the connection pool, not measured.
        await OpenLoopAsync(http, investors, 100, TimeSpan.FromSeconds(quick ? 1 : 3));

        using var stop = new CancellationTokenSource();
        var lagProbe = ProbeLagAsync(http, probes, stop.Token);
        var at200 = await OpenLoopAsync(http, investors, 200, duration);
        await stop.CancelAsync();
        var lags = await lagProbe;

        var steps = new JsonObject();
        int? knee = null;
        foreach (var rate in new[] { 400, 600, 800, 1000, 1200, 1600 })
        {
            var step = await OpenLoopAsync(http, investors, rate, TimeSpan.FromSeconds(quick ? 2 : 5));
            var p99 = Percentile(step, 0.99);
            steps[rate.ToString(CultureInfo.InvariantCulture)] = Round(p99);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rate}/s: p99 {p99:F1} ms"));
            if (p99 > KneeMs)
            {
                knee = rate;
                break;
            }
        }

        var figures = new JsonObject
        {
            ["httpP50Ms"] = Round(Percentile(at200, 0.50)),
            ["httpP99Ms"] = Round(Percentile(at200, 0.99)),
            ["httpRequests"] = at200.Count,
            ["projectionLagP50Ms"] = Round(Percentile(lags, 0.50)),
            ["projectionLagP99Ms"] = Round(Percentile(lags, 0.99)),
            ["projectionLagSamples"] = lags.Count,
            ["httpKneeRps"] = knee,
            ["httpStepP99Ms"] = steps,
            ["depositConflicts"] = _conflicts,
        };
        await File.WriteAllTextAsync(output, figures.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine(figures.ToJsonString());
        return 0;
    }

    /// <summary>Deposits at <paramref name="rate"/> per second for <paramref name="duration"/>; milliseconds per request.</summary>
    private static async Task<List<double>> OpenLoopAsync(HttpClient http, IReadOnlyList<Investor> investors, int rate, TimeSpan duration)
    {
        var count = (int)(rate * duration.TotalSeconds);
        var requests = new List<Task<double>>(count);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var scheduled = start + (long)(i * (double)Stopwatch.Frequency / rate);
            while (Stopwatch.GetTimestamp() < scheduled)
            {
                var ahead = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), scheduled);
                if (ahead > TimeSpan.FromMilliseconds(2))
                {
                    await Task.Delay(ahead - TimeSpan.FromMilliseconds(1));
                }
                else
                {
                    Thread.Yield();
                }
            }

            var investor = investors[i % investors.Count];
            requests.Add(Task.Run(async () =>
            {
                await DepositAsync(http, investor);
                return Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds;
            }));
        }

        return [.. await Task.WhenAll(requests)];
    }

    /// <summary>One deposit after another on the probe investors: from each answer until the portfolio shows it, in ms.</summary>
    private static async Task<List<double>> ProbeLagAsync(HttpClient http, IReadOnlyList<Investor> probes, CancellationToken stop)
    {
        var lags = new List<double>();
        var expected = new long[probes.Count];
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var p = i % probes.Count;
            if (!await DepositAsync(http, probes[p]))
            {
                continue;
            }

            expected[p] += Amount;
            var answered = Stopwatch.GetTimestamp();
            while (await CashAsync(http, probes[p]) < expected[p])
            {
                await Task.Yield();
            }

            lags.Add(Stopwatch.GetElapsedTime(answered).TotalMilliseconds);
            await Task.Delay(20, CancellationToken.None);
        }

        return lags;
    }

    private static async Task<bool> DepositAsync(HttpClient http, Investor investor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/investors/{investor.Id}/deposits")
        {
            Content = JsonContent.Create(new { amount = Amount }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", investor.Token);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await http.SendAsync(request);
        if (response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // Past the knee, deposits to one investor can keep colliding until the handler gives up: an answer all the same.
            Interlocked.Increment(ref _conflicts);
            return false;
        }

        return response.IsSuccessStatusCode
            ? true
            : throw new InvalidOperationException($"A deposit answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<long> CashAsync(HttpClient http, Investor investor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/investors/{investor.Id}/portfolio");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", investor.Token);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            return -1;
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        return body.RootElement.TryGetProperty("availableCash", out var cash) ? cash.GetInt64() : -1;
    }

    private static async Task<List<Investor>> SignUpAsync(HttpClient http, string prefix, int count)
    {
        var investors = new List<Investor>();
        var run = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < count; i++)
        {
            var loginId = $"{prefix}_{run}_{i}";
            const string password = "correct horse battery";
            using var registered = await http.PostAsJsonAsync("/api/investors", new { name = $"Bench {i}", loginId, password });
            var id = (await Json(registered)).GetProperty("investorId").GetString()!;
            using var session = await http.PostAsJsonAsync("/api/sessions", new { loginId, password });
            investors.Add(new Investor(id, (await Json(session)).GetProperty("accessToken").GetString()!));
        }

        return investors;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(text).RootElement.Clone()
            : throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
    }

    private static double Percentile(List<double> values, double quantile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static double Round(double value) => Math.Round(value, 1);

    private sealed record Investor(string Id, string Token);
}
