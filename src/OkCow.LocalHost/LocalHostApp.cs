using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scalar.AspNetCore;
using OkCow.Application.Documents;
using OkCow.Application.EventStore;
using OkCow.Application.PersonalData;
using OkCow.Application.Security;
using OkCow.Application.Telemetry;
using OkCow.Functions;
using OkCow.Functions.ChangeFeed;
using OkCow.Infrastructure.Cosmos;
using OkCow.Infrastructure.Embedded;
using OkCow.LocalHost.ChangeFeed;
using OkCow.LocalHost.Http;
using OkCow.LocalHost.Security;
using OkCow.Functions.Edge;
using OkCow.Functions.Edge.Tokens;

namespace OkCow.LocalHost;

/// <summary>
/// The local host: the function classes of OkCow.Functions served over HTTP on :7071 and fed by the store's change
/// feed, over the embedded SQLite store (or Cosmos DB), with no Functions runtime. Routes and triggers come from the
/// functions' own attributes.
/// </summary>
public static partial class LocalHostApp
{
    public const string StatusPath = "/local/status";

    /// <summary>The local host's interactive explorer of the OpenAPI document.</summary>
    public const string DocsPath = "/api/docs";

    /// <summary>Builds the host from <paramref name="args"/> (<c>--key=value</c>) and the environment; see <see cref="LocalHostSettings"/>.</summary>
    /// <exception cref="LocalHostStartupException">A setting or the data folder is unusable; the message says which.</exception>
    public static WebApplication Build(string[] args) => Build(args, configure: null);

    /// <summary>As <see cref="Build(string[])"/>, with <paramref name="configure"/> run on the builder last (tests add a log sink).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure)
    {
        var builder = WebApplication.CreateBuilder(args);
        var settings = LocalHostSettings.Read(builder.Configuration);
        builder.WebHost.UseUrls(settings.Urls);

        // Kestrel answers oversized headers itself, with a bare body; it gets room here so that the host's own limit
        // (HeaderLimits) answers first, in problem+json.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestHeadersTotalSize = HeaderLimits.KestrelMaxBytes);
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });

        // One line per request is noise for someone reading the log to see what the system does; the functions log their own.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // Program reports a failed start in one sentence; the host's own report would repeat it with a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

        var functionsAssembly = typeof(FunctionsServiceCollectionExtensions).Assembly;
        var httpFunctions = FunctionRoutes.Discover(functionsAssembly);
        var feedFunctions = FeedFunctions.Discover(functionsAssembly);
        var store = OpenStore(settings.DataFolder);

        var services = builder.Services;
        services.AddSingleton(settings);

        // Created here, but handed over as a factory so that the container disposes it (closing the file) with the host.
        services.AddSingleton(_ => store);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ICheckpointStore>(store.Checkpoints);
        if (settings.Store == StoreKind.Cosmos)
        {
            services.AddOkCowCosmos(builder.Configuration);
        }
        else
        {
            services.AddSingleton<IEventStore>(store.Events);
            services.AddSingleton<IChangeFeed>(store.Events);
            if (settings.FeedWakesOnAppend)
            {
                services.AddSingleton<IChangeFeedSignal>(store.Events);
            }

            services.AddSingleton<IChangeFeedBacklog>(store.Events);
            services.AddSingleton<IDocumentStore>(store.Documents);
            services.AddSingleton<IDataKeyStore>(store.DataKeys);
            services.AddSingleton<IStorageScrubber>(store.Scrubber);
        }

        // Personal data: the key-encryption keys and the pseudonym key live in the data folder.
        var keks = new FileKeyEncryptionKeys(settings.DataFolder);
        if (string.Equals(builder.Configuration[LocalSecrets.RotateKekKey], "true", StringComparison.OrdinalIgnoreCase))
        {
            keks.Rotate();
        }

        services.AddSingleton<IKeyEncryptionKeys>(keks);
        services.AddSingleton(LocalSecrets.LoadPseudonyms(settings.DataFolder));

        services.AddOkCowFunctions(builder.Configuration);

        // The Functions app's telemetry pipeline: spans and metrics go nowhere unless OTEL_EXPORTER_OTLP_ENDPOINT (or an
        // Application Insights connection string, with the developer's Azure sign-in) says where.
        services.AddOkCowOpenTelemetry(builder.Configuration, () => new Azure.Identity.DefaultAzureCredential());

        // Identity: signing keys and the operator account live in the data folder; clients reach this host directly.
        services.AddSingleton<ISigningKeySource>(new FixedSigningKeys(LocalSecrets.LoadSigningKeys(settings.DataFolder)));
        services.Replace(ServiceDescriptor.Singleton<IClientAddress, ConnectionClientAddress>());
        var operatorPassword = LocalSecrets.OperatorPassword(settings.DataFolder, builder.Configuration[LocalSecrets.OperatorPasswordKey], out var generatedPassword);
        services.AddSingleton(sp => new LocalOperatorAccount(sp.GetRequiredService<PasswordHasher>().Hash(operatorPassword)));

        // Browser origins allowed to call the API (the same setting Bicep turns into the app's CORS in Azure).
        var origins = SecuritySettings.Read(builder.Configuration).AllowedOrigins;
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins([.. origins])
            .WithMethods("GET", "POST", "DELETE")
            .WithHeaders("Authorization", "Content-Type", "Idempotency-Key", "X-Correlation-Id")
            .WithExposedHeaders("Location", "Retry-After", "WWW-Authenticate")));

        // Built-in MVC results (ObjectResult, StatusCodeResult...) need their executors, as under the Functions integration.
        services.AddMvcCore();
        services.AddSingleton(new FeedStatus(feedFunctions));
        foreach (var function in feedFunctions)
        {
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<ChangeFeedConsumer>(sp, function));
        }

        configure?.Invoke(builder);
        var app = builder.Build();

        // The container disposes only what it resolved: resolving the store once makes it closed with the host (its
        // WAL checkpointer stopped, its connections closed) before anyone removes the data folder.
        app.Services.GetRequiredService<EmbeddedStore>();
        EnsureResolvable(app.Services, httpFunctions.Select(f => f.FunctionType).Concat(feedFunctions.Select(f => f.FunctionType)));

        app.UseMiddleware<UnhandledErrors>();
        app.UseStatusCodePages(LocalProblems.StatusCodeAsync);
        app.UseMiddleware<HeaderLimits>();
        app.UseCors();
        app.UseWebAppFiles(WebAppFiles.FindFolder(builder.Configuration));
        app.MapFunctions(httpFunctions);

        // An interactive explorer of GET /api/openapi.json; Scalar's script is served from the package, not a CDN.
        app.MapScalarApiReference(DocsPath, options => options
            .WithTitle("OkCow API")
            .WithOpenApiRoutePattern("/api/openapi.json"));
        app.MapGet(StatusPath, async (FeedStatus status, ChangeFeedLagProbe lagProbe, OkCowTelemetry telemetry, CancellationToken cancellationToken) =>
        {
            // Measured now (and handed to the lag gauges), so the page and the metrics agree.
            var lag = (await lagProbe.RefreshAsync(telemetry, cancellationToken)).ToDictionary(l => l.Consumer, StringComparer.Ordinal);
            return Results.Json(new
            {
                store = settings.Store.ToString().ToLowerInvariant(),
                dataFolder = settings.DataFolder,
                caughtUp = status.Consumers.All(c => FeedStatus.IsCaughtUp(c, lag.GetValueOrDefault(c.Consumer)?.Events)),
                reads = status.Reads,
                consumers = status.Consumers.Select(c => new
                {
                    c.Function,
                    c.Consumer,
                    c.Checkpoint,
                    caughtUp = FeedStatus.IsCaughtUp(c, lag.GetValueOrDefault(c.Consumer)?.Events),
                    c.CaughtUpAsOfRead,
                    c.EventsHandled,
                    c.FailuresInARow,
                    c.LastError,
                    lagEvents = lag.GetValueOrDefault(c.Consumer)?.Events,
                    lagSeconds = lag.GetValueOrDefault(c.Consumer)?.Seconds,
                    parked = lag.GetValueOrDefault(c.Consumer)?.Parked ?? 0,
                }),
                functions = httpFunctions.Select(f => new { name = f.Name, methods = f.Methods, route = f.Pattern }),
            });
        });
        app.MapFallback(LocalProblems.NotFoundAsync);

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OkCow.LocalHost");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            LogListening(logger, string.Join(", ", Addresses(app)), settings.Store.ToString().ToLowerInvariant(), settings.DataFolder);
            LogFunctions(logger, httpFunctions.Count, feedFunctions.Count, string.Join(", ", feedFunctions.Select(f => f.Name)));
            foreach (var function in httpFunctions)
            {
                LogRoute(logger, string.Join(",", function.Methods), function.Pattern, function.Name);
            }

            LogHelp(logger, StatusPath);
            if (generatedPassword)
            {
                // Printed once, on the console only (never to the log): later starts read it from the data folder.
                Console.WriteLine($"Operator sign-in: loginId '{LocalOperatorAccount.LoginId}', password {operatorPassword} (kept in {Path.Combine(settings.DataFolder, LocalSecrets.OperatorPasswordFile)}; set {LocalSecrets.OperatorPasswordKey} to choose one).");
            }
        });
        return app;
    }

    /// <summary>The addresses the server listens on once started (with the real port when the configured one was 0).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];
    }

    private static EmbeddedStore OpenStore(string dataFolder)
    {
        try
        {
            return EmbeddedStore.Open(dataFolder);
        }
        catch (Exception error) when (error is InvalidOperationException or IOException or UnauthorizedAccessException or SqliteException)
        {
            var cause = error.InnerException ?? error;
            throw new LocalHostStartupException(
                $"The data folder '{dataFolder}' cannot be used ({cause.GetType().Name}: {FirstSentence(cause.Message)}); set {LocalHostSettings.DataFolderKey} to a folder you can write.",
                error);
        }
    }

    private static string FirstSentence(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.EndsWith('.') ? line[..^1] : line;
    }

    /// <summary>Fails at startup, naming the class, when a function class needs a service nobody registered.</summary>
    private static void EnsureResolvable(IServiceProvider services, IEnumerable<Type> functionTypes)
    {
        var known = services.GetRequiredService<IServiceProviderIsService>();
        foreach (var type in functionTypes.Distinct())
        {
            var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
            var missing = constructor?.GetParameters().Where(p => !known.IsService(p.ParameterType)).Select(p => p.ParameterType.Name).ToList() ?? [];
            if (missing.Count > 0)
            {
                throw new InvalidOperationException($"Function class {type.Name} needs {string.Join(", ", missing)}, which nothing registered.");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "OkCow local host listening on {Addresses} (store: {Store}, data folder: {DataFolder})")]
    private static partial void LogListening(ILogger logger, string addresses, string store, string dataFolder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mapped {HttpCount} HTTP functions under /api; started {FeedCount} change-feed consumers ({FeedFunctions})")]
    private static partial void LogFunctions(ILogger logger, int httpCount, int feedCount, string feedFunctions);

    [LoggerMessage(Level = LogLevel.Debug, Message = "  {Methods} {Pattern} -> {Function}")]
    private static partial void LogRoute(ILogger logger, string methods, string pattern, string function);

    [LoggerMessage(Level = LogLevel.Information, Message = "Change-feed progress and the route table: GET {StatusPath}. Stop with Ctrl+C")]
    private static partial void LogHelp(ILogger logger, string statusPath);
}
