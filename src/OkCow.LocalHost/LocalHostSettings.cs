using System.Globalization;

namespace OkCow.LocalHost;

/// <summary>Which store backs the local host.</summary>
public enum StoreKind
{
    /// <summary>The SQLite file in the data folder: no Azure pieces at all.</summary>
    Embedded,

    /// <summary>Cosmos DB (the emulator or an account) through the <c>CosmosDb</c> setting; checkpoints stay in the data folder.</summary>
    Cosmos,
}

/// <summary>
/// The local host's settings, from environment variables or <c>--key=value</c> arguments:
/// <c>OKCOW_DATA_DIR</c>, <c>OKCOW_STORE</c> (embedded or cosmos), <c>ASPNETCORE_URLS</c> (or <c>--urls</c>) and, mostly
/// for tests, <c>OkCow:LocalHost:FeedIdleDelayMs</c>, <c>OkCow:LocalHost:FeedPageSize</c> and
/// <c>OkCow:LocalHost:FeedWakesOnAppend</c>.
/// </summary>
public sealed record LocalHostSettings(
    string DataFolder,
    string Urls,
    StoreKind Store,
    TimeSpan FeedIdleDelay,
    int FeedPageSize)
{
    public const string DataFolderKey = "OKCOW_DATA_DIR";
    public const string StoreKey = "OKCOW_STORE";
    public const string UrlsKey = "urls";
    public const string FeedIdleDelayKey = "OkCow:LocalHost:FeedIdleDelayMs";
    public const string FeedPageSizeKey = "OkCow:LocalHost:FeedPageSize";
    public const string FeedWakesOnAppendKey = "OkCow:LocalHost:FeedWakesOnAppend";
    public const string DefaultUrls = "http://localhost:7071";
    public const string SolutionFileName = "OkCow.sln";

    public static LocalHostSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var store = configuration[StoreKey] switch
        {
            null or "" => StoreKind.Embedded,
            var text when Enum.TryParse<StoreKind>(text, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !char.IsDigit(text[0]) => kind,
            var text => throw new LocalHostStartupException($"{StoreKey} is '{text}', but it must be 'embedded' (the default) or 'cosmos'."),
        };

        var dataFolder = configuration[DataFolderKey] is { Length: > 0 } folder
            ? Path.GetFullPath(folder)
            : Path.Combine(FindRepositoryRoot() ?? Directory.GetCurrentDirectory(), ".okcow", "data");

        return new LocalHostSettings(
            dataFolder,
            configuration[UrlsKey] is { Length: > 0 } urls ? urls : DefaultUrls,
            store,
            TimeSpan.FromMilliseconds(PositiveOrNull(configuration, FeedIdleDelayKey) ?? 100),
            PositiveOrNull(configuration, FeedPageSizeKey) ?? 100)
        {
            FeedWakesOnAppend = configuration[FeedWakesOnAppendKey] switch
            {
                null or "" => true,
                var text when bool.TryParse(text, out var wakes) => wakes,
                var text => throw new LocalHostStartupException($"{FeedWakesOnAppendKey} is '{text}', but it must be true (the default) or false."),
            },
        };
    }

    /// <summary>
    /// Whether the embedded store's appends wake the change-feed consumers at once (true) or they only poll every
    /// <see cref="FeedIdleDelay"/> (false, for tests that need the read side to stay behind).
    /// </summary>
    public bool FeedWakesOnAppend { get; init; } = true;

    /// <summary>The nearest folder holding <see cref="SolutionFileName"/>, above the working directory or else above the binaries.</summary>
    public static string? FindRepositoryRoot() =>
        FindAbove(Directory.GetCurrentDirectory()) ?? FindAbove(AppContext.BaseDirectory);

    private static string? FindAbove(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFileName)))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    private static int? PositiveOrNull(IConfiguration configuration, string key) => configuration[key] switch
    {
        null or "" => null,
        var text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 => value,
        var text => throw new LocalHostStartupException($"{key} is '{text}', but it must be a whole number above 0."),
    };
}
