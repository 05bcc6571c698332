using System.Text.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace OkCow.LocalHost.Http;

/// <summary>
/// Serves the built web app (src/OkCow.Web/dist) at <c>/</c>: its files as they are, and <c>index.html</c> for any other
/// GET outside <c>/api</c> and <c>/local</c>, so a deep link such as <c>/market/{fundId}</c> opens the app on that screen.
/// The headers the deployed app gets from Azure Static Web Apps (<c>globalHeaders</c> of its
/// <c>staticwebapp.config.json</c>, the content security policy among them) are sent here too, from the same file.
/// </summary>
public static partial class WebAppFiles
{
    /// <summary>Where the built files are; default: src/OkCow.Web/dist of the repository.</summary>
    public const string FolderKey = "OKCOW_WEB_DIR";

    public const string IndexFile = "index.html";

    public const string ConfigFile = "staticwebapp.config.json";

    private static readonly PathString[] ApiPrefixes = ["/api", "/local"];

    /// <summary>The configured folder, else the repository's dist folder; null when neither holds an index.html.</summary>
    public static string? FindFolder(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var folder = configuration[FolderKey] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : LocalHostSettings.FindRepositoryRoot() is { } root ? Path.Combine(root, "src", "OkCow.Web", "dist") : null;
        return folder is not null && File.Exists(Path.Combine(folder, IndexFile)) ? folder : null;
    }

    /// <summary>Adds the web app to the pipeline when <paramref name="folder"/> holds it; says so in the log either way.</summary>
    public static WebApplication UseWebAppFiles(this WebApplication app, string? folder)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OkCow.LocalHost.WebApp");
        if (folder is null)
        {
            LogNotBuilt(logger, FolderKey);
            return app;
        }

        var files = new PhysicalFileProvider(folder);
        var headers = GlobalHeaders(Path.Combine(folder, ConfigFile));
        var index = files.GetFileInfo(IndexFile);
        app.UseWhen(IsForWebApp, web =>
        {
            // Routing has already matched the API's catch-all 404 for this path; the files decide instead.
            web.Use((context, next) =>
            {
                context.SetEndpoint(null);
                return IsConfig(context) ? LocalProblems.NotFoundAsync(context) : next(context);
            });
            web.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                OnPrepareResponse = file => Prepare(file.Context, headers, immutable: file.Context.Request.Path.StartsWithSegments("/assets")),
            });
            web.Run(context => LooksLikeFile(context.Request.Path)
                ? LocalProblems.NotFoundAsync(context)
                : SendIndexAsync(context, index, headers));
        });
        LogServing(logger, folder);
        return app;
    }

    private static bool IsForWebApp(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && !ApiPrefixes.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    // The hosting configuration is for the host, as on Static Web Apps, not a file to hand out.
    private static bool IsConfig(HttpContext context) => context.Request.Path.Equals("/" + ConfigFile, StringComparison.OrdinalIgnoreCase);

    // A missing script or image is a 404, not the app's page: the browser would try to run HTML as a script.
    private static bool LooksLikeFile(PathString path) => Path.HasExtension(path.Value);

    private static async Task SendIndexAsync(HttpContext context, IFileInfo index, IReadOnlyDictionary<string, string> headers)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength = index.Length;
        Prepare(context, headers, immutable: false);
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await context.Response.SendFileAsync(index, context.RequestAborted).ConfigureAwait(false);
    }

    private static void Prepare(HttpContext context, IReadOnlyDictionary<string, string> headers, bool immutable)
    {
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        // Vite names built assets by content hash, so they never change; index.html must be fetched fresh to find them.
        context.Response.Headers[HeaderNames.CacheControl] = immutable ? "public, max-age=31536000, immutable" : "no-cache";
    }

    private static Dictionary<string, string> GlobalHeaders(string configPath)
    {
        if (!File.Exists(configPath))
        {
            return [];
        }

        using var document = JsonDocument.Parse(File.ReadAllText(configPath));
        return document.RootElement.TryGetProperty("globalHeaders", out var globalHeaders) && globalHeaders.ValueKind == JsonValueKind.Object
            ? globalHeaders.EnumerateObject().Where(h => h.Value.ValueKind == JsonValueKind.String).ToDictionary(h => h.Name, h => h.Value.GetString()!)
            : [];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Web app served at / from {Folder}")]
    private static partial void LogServing(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The web app is not built, so / serves nothing: build/run-local.sh builds it (npm ci && npm run build in src/OkCow.Web), or set {FolderKey} to a built folder")]
    private static partial void LogNotBuilt(ILogger logger, string folderKey);
}
