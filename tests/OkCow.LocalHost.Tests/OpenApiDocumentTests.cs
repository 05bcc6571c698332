using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using OkCow.Functions.Contract;
using OkCow.Functions.Edge;

namespace OkCow.LocalHost.Tests;

/// <summary>GET /api/openapi.json: a valid OpenAPI 3.1 document that describes exactly the routes the host serves.</summary>
public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task Given_the_host_When_the_document_is_read_Then_it_parses_as_OpenAPI_3_1_without_errors_and_describes_exactly_the_served_routes()
    {
        using var folder = new TempDataFolder();
        await using var host = await RunningHost.StartAsync(folder.Path);

        using var response = await host.Anonymous.GetAsync(new Uri("/api/openapi.json", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var read = OpenApiDocument.Parse(text, "json");
        Assert.Empty(read.Diagnostic?.Errors ?? []);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic?.SpecificationVersion);
        Assert.StartsWith("3.1", JsonDocument.Parse(text).RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);

        var (_, status) = await host.GetAsync(LocalHostApp.StatusPath);
        var served = status.GetProperty("functions").EnumerateArray()
            .SelectMany(f => f.GetProperty("methods").EnumerateArray().Select(m => $"{m.GetString()} {f.GetProperty("route").GetString()}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        var described = read.Document!.Paths
            .SelectMany(p => p.Value.Operations!.Select(o => $"{o.Key.Method} {p.Key}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(served, described);
    }

    [Fact]
    public void Given_the_functions_When_described_Then_access_roles_problem_codes_and_bodies_come_from_their_declarations()
    {
        var document = OpenApiDocument.Parse(OpenApiContract.Json31, "json").Document!;
        OpenApiOperation Operation(string path, HttpMethod method) => document.Paths[path].Operations![method];

        Assert.Empty(Operation("/api/funds", HttpMethod.Get).Security ?? []);
        var createFund = Operation("/api/funds", HttpMethod.Post);
        Assert.Contains(createFund.Security!, r => r.Values.Any(roles => roles.Contains("operator")));
        Assert.DoesNotContain(createFund.Security!, r => r.Values.Any(roles => roles.Contains("investor")));
        Assert.NotNull(createFund.RequestBody?.Content?["application/json"].Schema);

        var placeOrder = Operation("/api/funds/{fundId}/orders", HttpMethod.Post);
        Assert.Contains(placeOrder.Security!, r => r.Values.Any(roles => roles.Contains("investor")));
        Assert.DoesNotContain(placeOrder.Security!, r => r.Values.Any(roles => roles.Contains("operator")));
        Assert.Equal(["202", "400", "401", "403", "404", "409", "415", "422"], placeOrder.Responses!.Keys.Order(StringComparer.Ordinal));
        var refusal = placeOrder.Responses["422"];
        Assert.Contains("PRICE_OUT_OF_BAND", refusal.Description, StringComparison.Ordinal);
        Assert.True(refusal.Content!.ContainsKey("application/problem+json"));
        Assert.Contains(placeOrder.Parameters!, p => p.Name == "Idempotency-Key" && p.In == ParameterLocation.Header);

        Assert.Contains("TOO_MANY_REQUESTS", Operation("/api/sessions", HttpMethod.Post).Responses!["429"].Description, StringComparison.Ordinal);
        Assert.True(document.Components!.SecuritySchemes!.ContainsKey(OpenApiContract.TokenScheme));
        Assert.True(document.Components.Schemas!.ContainsKey("Problem"));
        Assert.True(document.Components.Schemas.ContainsKey("PortfolioDto"));
    }

    [Theory]
    [InlineData("/api/investors", "PageDtoOfInvestorSummaryDto")]
    [InlineData("/api/funds", "PageDtoOfFundSummaryDto")]
    [InlineData("/api/funds/{fundId}/nav-history", "PageDtoOfNavPointDto")]
    [InlineData("/api/streams/{streamId}/events", "PageDtoOfStreamEventDto")]
    public void Given_a_list_route_When_described_Then_it_takes_take_and_a_continuation_token_and_answers_the_one_page_shape(string path, string schema)
    {
        var document = OpenApiDocument.Parse(OpenApiContract.Json31, "json").Document!;
        var operation = document.Paths[path].Operations![HttpMethod.Get];

        var take = Assert.Single(operation.Parameters!, p => p.Name == "take" && p.In == ParameterLocation.Query);
        Assert.Equal(("1", "200"), (take.Schema!.Minimum, take.Schema.Maximum));
        Assert.Single(operation.Parameters!, p => p.Name == "continuationToken" && p.In == ParameterLocation.Query);
        Assert.Equal(path == "/api/investors", operation.Parameters!.Any(p => p.Name == "skip"));
        Assert.Contains("VALIDATION_FAILED", operation.Responses!["400"].Description, StringComparison.Ordinal);
        var page = Assert.IsType<OpenApiSchemaReference>(operation.Responses["200"].Content!["application/json"].Schema);
        Assert.Equal(schema, page.Reference.Id);
        Assert.Equal(["continuationToken", "hasMore", "items"], document.Components!.Schemas![schema].Properties!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Given_the_answers_When_described_Then_figures_are_numbers_in_their_fixed_form_and_counts_are_integers_never_strings()
    {
        var schemas = JsonNode.Parse(OpenApiContract.Json31)!["components"]!["schemas"]!;
        void Property(string schema, string name, string expected)
        {
            var actual = schemas[schema]!["properties"]![name]!;
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"{schema}.{name}: {actual.ToJsonString()}");
        }

        Property("FundDto", "nav", """{"type":"number","multipleOf":0.0001}""");
        Property("FundDto", "mcpi", """{"type":"number","multipleOf":0.01}""");
        Property("HoldingDto", "returnRate", """{"anyOf":[{"type":"number","multipleOf":0.0001},{"type":"null"}]}""");
        Property("FundDto", "cash", """{"type":"integer"}""");
        Property("FundDto", "lastTradePrice", """{"type":["null","integer"]}""");
    }

    /// <summary>
    /// The web app's typed client (src/OkCow.Web/src/api/schema.d.ts) is generated from a committed copy of the document,
    /// and a Vitest test regenerates it from that copy; this keeps the copy equal to what the functions serve, so the
    /// front end cannot drift from them without a red test.
    /// </summary>
    [Fact]
    public void Given_the_functions_When_described_Then_the_document_equals_the_web_apps_committed_copy()
    {
        var committed = Path.Combine(RepoRoot(), "src", "OkCow.Web", "src", "api", "openapi.json");

        Assert.True(
            File.Exists(committed) && File.ReadAllText(committed).ReplaceLineEndings("\n") == OpenApiContract.Json31.ReplaceLineEndings("\n"),
            $"{committed} differs from GET /api/openapi.json: in src/OkCow.Web run `npm run api:generate` and commit the document and schema.d.ts.");
    }

    [Fact]
    public async Task Given_the_openapi_document_switch_When_the_host_program_runs_Then_it_writes_the_served_document_and_starts_nothing()
    {
        using var folder = new TempDataFolder();
        var file = Path.Combine(folder.Path, "openapi.json");

        var exit = await Program.Main([Program.OpenApiDocumentSwitch, file]);

        Assert.Equal(0, exit);
        Assert.Equal(OpenApiContract.Json31, await File.ReadAllTextAsync(file));
        Assert.Equal(["openapi.json"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OkCow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("OkCow.sln not found above the test output directory.");
    }

    [Fact]
    public void Given_a_function_that_does_not_say_what_it_answers_When_described_Then_the_document_is_not_built()
    {
        var error = Assert.Throws<InvalidOperationException>(() => OpenApiContract.Build(FunctionCatalog.Discover([typeof(Undescribed)])));

        Assert.Contains("'Undescribed'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_the_local_host_When_the_explorer_is_opened_Then_it_is_served_with_its_script_from_the_host_itself()
    {
        using var folder = new TempDataFolder();
        await using var host = await RunningHost.StartAsync(folder.Path);

        using var page = await host.Anonymous.GetAsync(new Uri(LocalHostApp.DocsPath, UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(200, (int)page.StatusCode);
        Assert.True(html.Contains("\"api/openapi.json\"", StringComparison.Ordinal), html);
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]+src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            Assert.False(Uri.TryCreate(script, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal), $"{script} is loaded from elsewhere");
            using var asset = await host.Anonymous.GetAsync(new Uri(new Uri(host.Anonymous.BaseAddress!, LocalHostApp.DocsPath + "/"), script));
            Assert.Equal(200, (int)asset.StatusCode);
        }
    }

    public sealed class Undescribed
    {
        [Microsoft.Azure.Functions.Worker.Function("Undescribed")]
        [Access(AccessRule.Public)]
        public static Microsoft.AspNetCore.Mvc.IActionResult Run(
            [Microsoft.Azure.Functions.Worker.HttpTrigger(Microsoft.Azure.Functions.Worker.AuthorizationLevel.Anonymous, "get", Route = "undescribed")] Microsoft.AspNetCore.Http.HttpRequest request) =>
            new Microsoft.AspNetCore.Mvc.OkResult();
    }
}
