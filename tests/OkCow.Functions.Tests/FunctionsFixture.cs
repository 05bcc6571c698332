using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OkCow.Application.Commands;
using OkCow.Application.Documents;
using OkCow.Application.EventStore;
using OkCow.Application.Security;
using OkCow.Functions.ChangeFeed;
using OkCow.Functions.Commands;
using OkCow.Functions.Edge.Tokens;
using OkCow.Functions.Queries;
using OkCow.Infrastructure.Embedded;

namespace OkCow.Functions.Tests;

/// <summary>
/// The function classes composed as the hosts compose them, over an embedded store in a temporary folder (one per test
/// class), with a fixed clock and a cheap password hash. Tests share it, so each one makes its own investors and funds.
/// </summary>
public sealed class FunctionsFixture : IDisposable
{
    /// <summary>Tuesday 2026-11-17 10:00 KST.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 17, 1, 0, 0, TimeSpan.Zero);

    public const string Password = "correct horse battery staple";

    private readonly SemaphoreSlim _dispatching = new(1, 1);
    private string? _continuation;

    public FunctionsFixture()
        : this(wrapEvents: null)
    {
    }

    /// <param name="wrapEvents">Puts a decorator (one that refuses appends, say) between the functions and the event store.</param>
    internal FunctionsFixture(Func<IEventStore, IEventStore>? wrapEvents)
    {
        DataFolder = Path.Combine(Path.GetTempPath(), "okcow-functions-tests-" + Guid.NewGuid().ToString("N"));
        Store = EmbeddedStore.Open(DataFolder);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OkCow:Market:FeeRate"] = "0" })
            .Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddOkCowFunctions(configuration);
        services.AddSingleton<IEventStore>(wrapEvents?.Invoke(Store.Events) ?? Store.Events);
        services.AddSingleton<IChangeFeed>(Store.Events);
        services.AddSingleton<IDocumentStore>(Store.Documents);
        services.AddSingleton<ICheckpointStore>(Store.Checkpoints);
        services.AddSingleton<ISigningKeySource>(SigningKeys);

        // The last registration wins: OWASP's 600,000 iterations per registration would make the suite crawl.
        services.AddSingleton(new PasswordHasher(1_000));
        services.AddTransient<InvestorCommandFunctions>();
        services.AddTransient<FundCommandFunctions>();
        services.AddTransient<MarketCommandFunctions>();
        services.AddTransient<QueryFunctions>();
        services.AddTransient<Sessions.SessionFunctions>();
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public string DataFolder { get; }

    public FixedSigningKeys SigningKeys { get; } = new(new SigningKeySet(SigningKey.Generate(), null));

    public EmbeddedStore Store { get; }

    public FixedClock Clock { get; } = new(Now);

    public ServiceProvider Services { get; }

    public IEventStore Events => Services.GetRequiredService<IEventStore>();

    public InvestorCommandFunctions Investors => Services.GetRequiredService<InvestorCommandFunctions>();

    public FundCommandFunctions Funds => Services.GetRequiredService<FundCommandFunctions>();

    public MarketCommandFunctions Market => Services.GetRequiredService<MarketCommandFunctions>();

    public QueryFunctions Queries => Services.GetRequiredService<QueryFunctions>();

    public Task<Answer> PostAsync(string path, object? body, Func<HttpRequest, Task<IActionResult>> function, string? idempotencyKey = null) =>
        HttpCall.SendAsync(Services, "POST", path, body is string raw ? raw : JsonSerializer.Serialize(body), function, idempotencyKey);

    public Task<Answer> GetAsync(string pathAndQuery, Func<HttpRequest, Task<IActionResult>> function) =>
        HttpCall.SendAsync(Services, "GET", pathAndQuery, null, function);

    public Task<Answer> DeleteAsync(string path, Func<HttpRequest, Task<IActionResult>> function) =>
        HttpCall.SendAsync(Services, "DELETE", path, null, function);

    public async Task<Guid> RegisterAsync(string? loginId = null)
    {
        var answer = await PostAsync("/api/investors", new { name = "Investor", loginId = loginId ?? NewLoginId(), password = Password }, Investors.Register);
        Assert.Equal(StatusCodes.Status201Created, answer.Status);
        return answer.Json.GetProperty("investorId").GetGuid();
    }

    public async Task<Guid> RegisterWithCashAsync(long amount)
    {
        var investorId = await RegisterAsync();
        var answer = await PostAsync($"/api/investors/{investorId}/deposits", new { amount }, r => Investors.Deposit(r, investorId.ToString()));
        Assert.Equal(StatusCodes.Status202Accepted, answer.Status);
        return investorId;
    }

    public async Task<Guid> CreateFundAsync(long basePrice = 10_000)
    {
        var answer = await PostAsync("/api/funds", new { name = "Fund " + Guid.NewGuid().ToString("N"), basePrice }, Funds.Create);
        Assert.Equal(StatusCodes.Status201Created, answer.Status);
        return answer.Json.GetProperty("fundId").GetGuid();
    }

    public async Task<long> StreamVersionAsync(string streamId) =>
        (await Events.ReadHeadAsync(streamId))?.Version ?? 0;

    public async Task<IReadOnlyList<StoredEvent>> AllEventsAsync()
    {
        var all = new List<StoredEvent>();
        var feed = Services.GetRequiredService<IChangeFeed>();
        string? continuation = null;
        while (true)
        {
            var page = await feed.ReadAsync(continuation, 500);
            if (page.Events.Count == 0)
            {
                return all;
            }

            all.AddRange(page.Events);
            continuation = page.Continuation;
        }
    }

    /// <summary>
    /// What the two change-feed functions do in Azure, run to quiescence: every new page goes to the sagas, then the
    /// projections; the events the sagas append come round on the next page.
    /// </summary>
    public async Task DispatchFeedAsync()
    {
        var feed = Services.GetRequiredService<IChangeFeed>();
        var dispatchers = Services.GetRequiredService<FeedDispatchers>();
        await _dispatching.WaitAsync();
        try
        {
            while (true)
            {
                var page = await feed.ReadAsync(_continuation, 100);
                if (page.Events.Count == 0)
                {
                    return;
                }

                await dispatchers.Sagas.DispatchAsync(page.Events);
                await dispatchers.Projections.DispatchAsync(page.Events);
                _continuation = page.Continuation;
            }
        }
        finally
        {
            _dispatching.Release();
        }
    }

    public static string NewLoginId() => "u" + Guid.NewGuid().ToString("N")[..20];

    public void Dispose()
    {
        Services.Dispose();
        Store.Dispose();
        _dispatching.Dispose();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A straggling handle on some platforms; the folder is in the temp directory either way.
        }
    }
}
