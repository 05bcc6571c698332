using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace OkCow.LocalHost.Tests;

/// <summary>
/// SPEC 9 end to end over the real local host: an investor who traded closes their account; afterwards no answer, no
/// view (also rebuilt), no audit read, no log line and no file of the data folder holds their name or login id, they
/// cannot sign in, the login id is free again, and every figure and the R24 reconciliation are as they were.
/// </summary>
public sealed class ErasureTests
{
    private static readonly string Suffix = Guid.NewGuid().ToString("N")[..8];
    private static readonly string Name = "Zelda Quokkafield " + Suffix;
    private static readonly string LoginId = "quokka_" + Suffix;

    [Fact]
    public async Task Given_an_investor_who_traded_and_emptied_the_account_When_erased_Then_nothing_holds_the_name_or_login_id_and_figures_are_unchanged()
    {
        using var folder = new TempDataFolder();
        var logs = new CapturedLogs();
        var host = await RunningHost.StartAsync(folder.Path, null, logs, "--Logging:LogLevel:Default=Trace", "--Logging:LogLevel:Microsoft=Trace");
        try
        {
            var fund = (await host.CommandAsync("/api/funds", new { name = "Erasure fund", basePrice = 10_000 }, 201)).Body.String("fundId")!;
            var stayer = (await host.CommandAsync("/api/investors", new { name = "Stays Here", loginId = "stayer_" + Suffix, password = "correct horse battery" }, 201)).Body.String("investorId")!;
            await host.CommandAsync($"/api/investors/{stayer}/deposits", new { amount = 2_000_000 });
            await Completed(host, await host.CommandAsync($"/api/funds/{fund}/subscriptions", new { investorId = stayer, amount = 1_000_000 }));

            var investor = (await host.CommandAsync("/api/investors", new { name = Name, loginId = LoginId, password = "correct horse battery" }, 201)).Body.String("investorId")!;
            await host.CommandAsync($"/api/investors/{investor}/deposits", new { amount = 1_000_000 });
            await Completed(host, await host.CommandAsync($"/api/funds/{fund}/subscriptions", new { investorId = investor, amount = 1_000_000 }));
            await host.SettledAsync();
            var profile = await host.EventuallyAsync($"/api/investors/{investor}", p => p.String("name") == Name);
            Assert.Equal(LoginId, profile.String("loginId"));

            var notEmpty = await DeleteAsync(host, $"/api/investors/{investor}");
            Assert.Equal(409, notEmpty.Status);
            Assert.Equal("ACCOUNT_NOT_EMPTY", notEmpty.Body.String("code"));

            await Completed(host, await host.CommandAsync($"/api/funds/{fund}/redemptions", new { investorId = investor, units = 100 }));
            await host.SettledAsync();
            var available = (await host.GetAsync($"/api/investors/{investor}/portfolio")).Body.Long("availableCash");
            await host.CommandAsync($"/api/investors/{investor}/withdrawals", new { amount = available });
            await host.SettledAsync();
            var reconciliationBefore = await Figures(host, "/api/reconciliation");
            var fundBefore = await Figures(host, $"/api/funds/{fund}");
            var stayerBefore = await Figures(host, $"/api/investors/{stayer}/portfolio");
            var auditVersionBefore = (await host.GetAsync($"/api/streams/investor-{investor}/events")).Body.GetRawText();

            var erased = await DeleteAsync(host, $"/api/investors/{investor}");
            Assert.Equal(202, erased.Status);
            await host.SettledAsync();

            var answers = new List<string>
            {
                (await host.EventuallyAsync($"/api/investors/{investor}", p => p.GetProperty("erased").GetBoolean())).GetRawText(),
                (await host.GetAsync($"/api/investors/{investor}/portfolio")).Body.GetRawText(),
                (await host.GetAsync("/api/investors?take=100")).Body.GetRawText(),
                (await host.GetAsync($"/api/streams/investor-{investor}/events")).Body.GetRawText(),
                auditVersionBefore,
                erased.Body.GetRawText(),
            };
            var profileAfter = (await host.GetAsync($"/api/investors/{investor}")).Body;
            Assert.Equal(JsonValueKind.Null, profileAfter.GetProperty("name").ValueKind);
            Assert.Equal(JsonValueKind.Null, profileAfter.GetProperty("loginId").ValueKind);
            Assert.Contains(investor, answers[2], StringComparison.Ordinal);
            AssertNoPersonalData(answers);

            Assert.Equal(reconciliationBefore, await Figures(host, "/api/reconciliation"));
            Assert.Equal(fundBefore, await Figures(host, $"/api/funds/{fund}"));
            Assert.Equal(stayerBefore, await Figures(host, $"/api/investors/{stayer}/portfolio"));
            Assert.True((await host.GetAsync("/api/reconciliation")).Body.GetProperty("agrees").GetBoolean());

            using (var signIn = await host.Anonymous.PostAsJsonAsync(new Uri("/api/sessions", UriKind.Relative), new { loginId = LoginId, password = "correct horse battery" }))
            {
                Assert.Equal(401, (int)signIn.StatusCode);
            }

            var deposit = await host.PostAsync($"/api/investors/{investor}/deposits", new { amount = 1_000 });
            Assert.Equal(404, (int)deposit.StatusCode);
            Assert.Equal(202, (await DeleteAsync(host, $"/api/investors/{investor}")).Status);

            using var rebuilt = await host.PostAsync("/api/operations/read-models/g2/rebuild", new { });
            Assert.Equal(200, (int)rebuilt.StatusCode);
        }
        finally
        {
            await host.DisposeAsync();
        }

        AssertNoPersonalData(logs.Lines);
        AssertNoPersonalDataInFiles(folder.Path);

        // The rebuilt generation, served: the investor shows as erased there too.
        var again = await RunningHost.StartAsync(folder.Path, null, "--OkCow:ReadModels:Generation=g2");
        await using (again)
        {
            var rebuiltProfile = await again.EventuallyAsync($"/api/investors?take=100", list => list.GetRawText().Contains("\"erased\":true", StringComparison.Ordinal));
            AssertNoPersonalData([rebuiltProfile.GetRawText()]);

            // The login id is free again: a new person registers it (and may sign in with it).
            var newcomer = await again.CommandAsync("/api/investors", new { name = "Someone New", loginId = LoginId, password = "another horse battery" }, 201);
            Assert.NotNull(newcomer.Body.String("investorId"));
            Assert.True((await again.SignInAsync(LoginId, "another horse battery")).Length > 0);
        }
    }

    [Fact]
    public async Task Given_a_new_KEK_version_When_the_operator_rewraps_Then_every_data_key_moves_and_names_still_open()
    {
        using var folder = new TempDataFolder();
        string investor;
        await using (var host = await RunningHost.StartAsync(folder.Path))
        {
            investor = (await host.CommandAsync("/api/investors", new { name = "Rotating Kim", loginId = "rotating_" + Suffix, password = "correct horse battery" }, 201)).Body.String("investorId")!;
        }

        var kekFile = Path.Combine(folder.Path, Security.LocalSecrets.DataKekFile);
        var versionsBefore = JsonDocument.Parse(File.ReadAllText(kekFile)).RootElement.GetProperty("Versions").GetArrayLength();
        await using var rotated = await RunningHost.StartAsync(folder.Path, null, "--OkCow:PersonalData:RotateKek=true");
        Assert.Equal(versionsBefore + 1, JsonDocument.Parse(File.ReadAllText(kekFile)).RootElement.GetProperty("Versions").GetArrayLength());

        using var first = await rotated.PostAsync("/api/operations/data-keys/rewrap", new { });
        var rewrap = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal(1, rewrap.GetProperty("rewrapped").GetInt32());
        using var second = await rotated.PostAsync("/api/operations/data-keys/rewrap", new { });
        Assert.Equal(0, JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("rewrapped").GetInt32());

        var rebuilt = await rotated.PostAsync("/api/operations/read-models/g3/rebuild", new { });
        Assert.Equal(200, (int)rebuilt.StatusCode);
        await rotated.DisposeAsync();
        await using var reading = await RunningHost.StartAsync(folder.Path, null, "--OkCow:ReadModels:Generation=g3");
        var signedIn = await reading.SignInAsync("rotating_" + Suffix, "correct horse battery");
        Assert.NotEmpty(signedIn);
        await reading.EventuallyAsync("/api/investors?take=100", list => list.GetRawText().Contains("Rotating Kim", StringComparison.Ordinal));
    }

    private static async Task Completed(RunningHost host, (JsonElement Body, string Location) command) =>
        await host.EventuallyAsync(command.Location, s => s.String("status") == "completed");

    private static async Task<(int Status, JsonElement Body)> DeleteAsync(RunningHost host, string path)
    {
        using var response = await host.DeleteAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>An answer's figures: everything except instants and event counts, which move with time and the log.</summary>
    private static async Task<string> Figures(RunningHost host, string path)
    {
        var (status, body) = await host.GetAsync(path);
        Assert.Equal(200, status);
        return string.Join(",", body.EnumerateObject()
            .Where(p => p.Name is not ("at" or "eventsRead" or "versions" or "asOf"))
            .Select(p => $"{p.Name}={p.Value.GetRawText()}"));
    }

    private static void AssertNoPersonalData(IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            Assert.DoesNotContain(Name, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(LoginId, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Quokkafield", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>Every file of the data folder, as bytes: the name and login id in UTF-8 and in UTF-16 must be absent.</summary>
    private static void AssertNoPersonalDataInFiles(string dataFolder)
    {
        var files = Directory.GetFiles(dataFolder, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => Path.GetFileName(f) == "okcow.db");
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var needle in new[] { "Quokkafield", LoginId })
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) < 0, $"{Path.GetFileName(file)} holds '{needle}'.");
                Assert.True(bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(needle)) < 0, $"{Path.GetFileName(file)} holds '{needle}' (UTF-16).");
            }
        }
    }

    /// <summary>Every log line of the host, formatted with its arguments and exception.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IEnumerable<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                lines.Enqueue($"{category} scope {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                lines.Enqueue($"{category} {logLevel} {formatter(state, exception)} {properties} {exception}");
            }
        }
    }
}
