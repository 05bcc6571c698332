using Microsoft.AspNetCore.Connections;
using Microsoft.Data.Sqlite;

namespace OkCow.LocalHost;

// Not top-level statements: OkCow.Functions has a top-level Program of its own and lets this assembly see its
// internals, so a second global Program here would clash with it in the real (non stand-in) build.
internal static class Program
{
    /// <summary>`--openapi-document FILE` writes GET /api/openapi.json's document to FILE and exits without starting the host.</summary>
    public const string OpenApiDocumentSwitch = "--openapi-document";

    /// <summary>Problems a newcomer can fix get one sentence and exit code 1; anything else is a bug and keeps its stack trace.</summary>
    public static async Task<int> Main(string[] args)
    {
        // The web app's typed client is generated from this document (src/OkCow.Web: npm run api:generate).
        if (args is [OpenApiDocumentSwitch, var file])
        {
            await File.WriteAllTextAsync(file, OkCow.Functions.Contract.OpenApiContract.Json31);
            return 0;
        }

        try
        {
            await using var app = LocalHostApp.Build(args);
            await app.RunAsync();
            return 0;
        }
        catch (LocalHostStartupException problem)
        {
            await Console.Error.WriteLineAsync($"OkCow local host cannot start: {problem.Message}");
            return 1;
        }
        catch (IOException problem) when (problem.InnerException is AddressInUseException || problem.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync($"OkCow local host cannot start: {problem.Message.TrimEnd('.')}; stop the program using it or set ASPNETCORE_URLS to another address (e.g. http://localhost:7072).");
            return 1;
        }
        catch (Exception problem) when (problem is UnauthorizedAccessException or SqliteException)
        {
            await Console.Error.WriteLineAsync($"OkCow local host cannot start: the data folder is not readable and writable ({problem.Message.TrimEnd('.')}); set {LocalHostSettings.DataFolderKey} to a folder you can write.");
            return 1;
        }
    }
}
