using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OkCow.LocalHost.Tests;

/// <summary>Errors are problem+json with a stable code, and a refused request writes nothing.</summary>
public sealed class ProblemDetailsTests
{
    [Fact]
    public async Task Given_bad_requests_When_they_reach_the_host_Then_each_gets_problem_json_with_its_code_and_nothing_is_written()
    {
        using var folder = new TempDataFolder();
        await using var host = await RunningHost.StartAsync(folder.Path);
        var (body, _) = await host.CommandAsync("/api/investors", new { name = "P", loginId = "problems_1", password = "correct horse battery" }, 201);
        var investorId = body.GetProperty("investorId").GetString()!;
        var deposits = $"/api/investors/{investorId}/deposits";
        var audit = $"/api/streams/investor-{investorId}/events";
        var before = await host.EventuallyAsync(audit, _ => true);

        await ExpectProblemAsync(host, HttpMethod.Post, deposits, "{\"amount\": 100", 400, "VALIDATION_FAILED");
        await ExpectProblemAsync(host, HttpMethod.Post, deposits, "{\"amount\": 1.5}", 400, "VALIDATION_FAILED");
        await ExpectProblemAsync(host, HttpMethod.Post, deposits, "{\"amount\": \"100\"}", 400, "VALIDATION_FAILED");
        await ExpectProblemAsync(host, HttpMethod.Post, deposits, "{\"amount\": 0}", 400, "VALIDATION_FAILED");
        await ExpectProblemAsync(host, HttpMethod.Post, "/api/investors/not-a-uuid/deposits", "{\"amount\": 100}", 400, "VALIDATION_FAILED", host.Credentials.Investors[investorId]);
        await ExpectProblemAsync(host, HttpMethod.Get, "/api/no-such-route", null, 404, "NOT_FOUND");
        await ExpectProblemAsync(host, HttpMethod.Put, deposits, "{\"amount\": 100}", 404, "NOT_FOUND");
        await ExpectProblemAsync(host, HttpMethod.Get, $"/api/investors/{Guid.NewGuid()}", null, 404, "NOT_FOUND");

        var after = await host.EventuallyAsync(audit, _ => true);
        Assert.Equal(before.GetProperty("items").GetArrayLength(), after.GetProperty("items").GetArrayLength());
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), e => e.String("type") == "V1.CashDeposited");
    }

    private static async Task ExpectProblemAsync(RunningHost host, HttpMethod method, string path, string? json, int status, string code, string? token = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        using var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{method} {path} with {json}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(code, problem.String("code"));
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.String("title")));
        Assert.False(string.IsNullOrWhiteSpace(problem.String("detail")));

        // One shape for every problem, whoever raised it: the instance is the request's path, and a trace id correlates it.
        Assert.Equal(path.Split('?')[0], problem.String("instance"));
        Assert.Matches("^[0-9a-f]{32}$|^[^ ]{8,}$", problem.String("traceId"));
    }
}
