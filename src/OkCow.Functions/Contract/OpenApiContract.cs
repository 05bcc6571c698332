using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using OkCow.Application.Queries;
using OkCow.Application.Security;
using OkCow.Domain.Common;
using OkCow.Functions.Edge;
using OkCow.Functions.Http;

namespace OkCow.Functions.Contract;

/// <summary>
/// The OpenAPI 3.1 document of the HTTP API, built from the functions' own declarations: route and methods from
/// <c>[Function]</c>/<c>[HttpTrigger]</c>, who may call from <see cref="AccessAttribute"/>, bodies, answers, query
/// parameters and business refusals from the contract attributes, and every schema from the .NET types through
/// System.Text.Json's schema exporter with the options the API serialises with.
/// </summary>
public static class OpenApiContract
{
    public const string TokenScheme = "okcowToken";
    public const string EntraScheme = "entraOperator";
    public const string ProblemSchema = "Problem";
    public const string WaitForParameter = "waitFor";

    private static readonly Lazy<string> Served = new(() => ToJson(Build(FunctionCatalog.HttpFunctions)));

    /// <summary>The document of this assembly's functions, serialised once.</summary>
    public static string Json31 => Served.Value;

    public static string ToJson(OpenApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        document.SerializeAsV31(new OpenApiJsonWriter(text));
        return text.ToString();
    }

    public static OpenApiDocument Build(IEnumerable<HttpFunctionDeclaration> functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "OkCow API",
                Version = "1",
                Description = "Music-copyright funds: investors deposit, subscribe, trade and redeem; operators run funds and the MCPI. "
                    + "Commands answer 201/202 with a Location and the stream and version they wrote; views say which version of each "
                    + "source stream they include (body `versions` and `ETag`) and can wait for one with `waitFor`. Errors are RFC 9457 "
                    + "problem+json with a stable `code`.",
            },
            Paths = [],
            Components = new OpenApiComponents
            {
                Schemas = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal),
                SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
                {
                    [TokenScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        BearerFormat = "JWT",
                        Description = "A token from POST /api/sessions (investors, and the local host's operator account). Requirements name the role the route needs: investor (their own resources only) or operator.",
                    },
                    [EntraScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        BearerFormat = "JWT",
                        Description = "In Azure, operators bring a Microsoft Entra ID access token for this API carrying the app role OkCow.Operator.",
                    },
                },
            },
        };

        var schemas = new SchemaCatalog(document);
        foreach (var group in functions.GroupBy(f => f.Route, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var item = new OpenApiPathItem { Operations = [] };
            foreach (var function in group)
            {
                foreach (var method in function.Methods)
                {
                    item.Operations[HttpMethod.Parse(method)] = Operation(function, method, schemas);
                }
            }

            document.Paths["/api/" + group.Key] = item;
        }

        schemas.Flush();
        return document;
    }

    private static OpenApiOperation Operation(HttpFunctionDeclaration function, string method, SchemaCatalog schemas)
    {
        var declared = function.Method;
        var access = function.Access ?? throw new InvalidOperationException($"Function '{function.Name}' declares no [Access].");
        var body = declared.GetCustomAttribute<RequestBodyAttribute>();
        var queries = declared.GetCustomAttributes<QueryParameterAttribute>().ToList();
        var answers = declared.GetCustomAttributes<AnswersAttribute>().ToList();
        if (answers.Count == 0)
        {
            throw new InvalidOperationException($"Function '{function.Name}' declares no [Answers]: the OpenAPI document cannot say what it returns.");
        }

        var isCommand = method is "POST" or "PUT" or "PATCH" or "DELETE";
        var routeParameters = RoutePatternFactory.Parse(function.Route).Parameters.Select(p => p.Name).ToList();
        var operation = new OpenApiOperation
        {
            OperationId = function.Name,
            Summary = declared.GetCustomAttribute<SummaryAttribute>()?.Text,
            Description = AccessText(access),
            Tags = new HashSet<OpenApiTagReference> { new(TagOf(function.Route)) },
            Parameters = [],
            Responses = [],
            Security = Security(access, schemas.Document),
            Extensions = new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal)
            {
                ["x-okcow-access"] = new JsonNodeExtension(new JsonObject
                {
                    ["rule"] = access.Rule.ToString(),
                    ["owner"] = access.Owner.ToString(),
                    ["rateLimited"] = access.RateLimited,
                }),
            },
        };

        foreach (var name in routeParameters)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                Schema = name == "streamId" || name == "generation"
                    ? new OpenApiSchema { Type = JsonSchemaType.String }
                    : new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
            });
        }

        foreach (var query in queries)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = query.Name,
                In = ParameterLocation.Query,
                Required = query.Required,
                Description = query.Description,
                Schema = schemas.Inline(query.Type),
            });
        }

        if (declared.GetCustomAttribute<PagedAttribute>() is { } paged)
        {
            foreach (var parameter in PageParametersOf(paged))
            {
                operation.Parameters.Add(parameter);
            }
        }

        var versioned = answers.Any(a => a.Type?.IsAssignableTo(typeof(VersionedDto)) == true);
        if (versioned)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = WaitForParameter,
                In = ParameterLocation.Query,
                Description = $"Wait (at most {VersionWait.MaxWait.TotalSeconds:0} seconds, polling the view with growing pauses) until the view includes these stream versions: "
                    + "`{streamId}:{version}` as a command answer names them, comma-separated or repeated. A view not projected yet is waited for rather than answered 404. "
                    + "When the bound passes, the latest answer comes back as it is; its `versions` say what it includes.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[A-Za-z0-9_.-]+:[1-9][0-9]*(,[A-Za-z0-9_.-]+:[1-9][0-9]*)*$" },
                Example = JsonValue.Create("investor-6f1c0c3e-0000-0000-0000-000000000000:3"),
            });
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-None-Match",
                In = ParameterLocation.Header,
                Description = "An ETag of an earlier answer: 304 without a body while the view is unchanged.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        if (isCommand)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = CommandRunner.IdempotencyKeyHeader,
                In = ParameterLocation.Header,
                Description = "Makes a retry safe: a repeat of the same request under the same key (per caller) gets the first answer; another request under it gets DUPLICATE_REQUEST.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 },
            });
        }

        operation.Parameters.Add(new OpenApiParameter
        {
            Name = CommandRunner.CorrelationIdHeader,
            In = ParameterLocation.Header,
            Description = "Ties the events this request causes together; kept only when it is short visible ASCII.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 64 },
        });

        if (body is not null)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
                {
                    ["application/json"] = new OpenApiMediaType { Schema = schemas.Request(body.Type) },
                },
            };
        }

        foreach (var answer in answers)
        {
            var response = new OpenApiResponse { Description = answer.Status switch { 201 => "Created", 202 => "Accepted: poll the Location", _ => "OK" } };
            if (answer.Type is not null)
            {
                response.Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
                {
                    ["application/json"] = new OpenApiMediaType { Schema = schemas.Response(answer.Type) },
                };
            }

            if (versioned && answer.Status == 200)
            {
                response.Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal)
                {
                    ["ETag"] = new OpenApiHeader { Description = "Changes whenever the answer does (it includes the source-stream versions).", Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                };
                operation.Responses["304"] = new OpenApiResponse { Description = "Not modified: If-None-Match named the current ETag." };
            }

            if (answer.HasLocation)
            {
                response.Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal)
                {
                    ["Location"] = new OpenApiHeader { Description = "The resource to poll for the command's effect.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                };
            }

            operation.Responses[answer.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = response;
        }

        var problem = schemas.Response(typeof(Problem));
        foreach (var codes in RefusalsOf(function, access, body is not null, routeParameters.Count > 0 || queries.Count > 0 || declared.IsDefined(typeof(PagedAttribute)), isCommand)
                     .GroupBy(Problems.StatusOf)
                     .OrderBy(g => g.Key))
        {
            var distinct = codes.Distinct(StringComparer.Ordinal).ToList();
            operation.Responses[codes.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = string.Join(", ", distinct),
                Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
                {
                    [Problems.ContentType] = new OpenApiMediaType
                    {
                        Schema = new OpenApiSchema
                        {
                            AllOf = [problem, new OpenApiSchema { Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal) { ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. distinct.Select(c => (JsonNode)JsonValue.Create(c))] } } }],
                        },
                    },
                },
            };
        }

        return operation;
    }

    /// <summary>The paging parameters every list route reads (SPEC 7), described once.</summary>
    private static IEnumerable<OpenApiParameter> PageParametersOf(PagedAttribute paged)
    {
        yield return new OpenApiParameter
        {
            Name = PageParameters.Take,
            In = ParameterLocation.Query,
            Description = $"Page size: at most this many items (default {PageRequest.DefaultTake}).",
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = PageRequest.MaxTake.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        yield return new OpenApiParameter
        {
            Name = PageParameters.ContinuationToken,
            In = ParameterLocation.Query,
            Description = "The `continuationToken` of the page before, unchanged, for the next page (absent: the first page). "
                + "Opaque; a token of another list, or altered, is refused with 400 VALIDATION_FAILED. The last page has none and says `hasMore: false`.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = PageRequest.MaxTokenLength, Pattern = "^[A-Za-z0-9_-]+$" },
        };
        if (paged.AcceptsSkip)
        {
            yield return new OpenApiParameter
            {
                Name = PageParameters.Skip,
                In = ParameterLocation.Query,
                Description = "Still accepted: how many items to skip (not with continuationToken). The answer says whether more follow but gives no token; prefer tokens.",
                Deprecated = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0" },
            };
        }
    }

    /// <summary>
    /// Every code the route can answer: its declared business refusals plus those its kind brings — malformed input,
    /// the access decision, the media type and idempotency of commands, the sign-up/sign-in rate limit.
    /// </summary>
    public static IEnumerable<string> RefusalsOf(HttpFunctionDeclaration function, AccessAttribute access, bool hasBody, bool hasParameters, bool isCommand)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(access);
        if (hasBody || hasParameters || isCommand)
        {
            yield return ErrorCodes.ValidationFailed;
        }

        if (!access.Rule.HasFlag(AccessRule.Public))
        {
            yield return ErrorCodes.Unauthenticated;
            yield return ErrorCodes.Forbidden;
        }

        if (access.Owner is OwnedBy.Order or OwnedBy.Subscription or OwnedBy.Redemption)
        {
            yield return ErrorCodes.NotFound;
        }

        if (hasBody)
        {
            yield return ErrorCodes.UnsupportedMediaType;
        }

        if (isCommand)
        {
            yield return ErrorCodes.DuplicateRequest;
            yield return ErrorCodes.ConcurrencyConflict;
        }

        if (access.RateLimited)
        {
            yield return ErrorCodes.TooManyRequests;
        }

        foreach (var code in function.Method.GetCustomAttribute<RefusesAttribute>()?.Codes ?? [])
        {
            yield return code;
        }
    }

    private static string AccessText(AccessAttribute access)
    {
        if (access.Rule.HasFlag(AccessRule.Public))
        {
            return "Open to anyone." + (access.RateLimited ? " Rate-limited per client address (429 TOO_MANY_REQUESTS)." : "");
        }

        var who = new List<string>();
        if (access.Rule.HasFlag(AccessRule.InvestorOwn))
        {
            who.Add(access.Owner switch
            {
                OwnedBy.RouteInvestorId => "the investor named by the route's investorId",
                OwnedBy.BodyInvestorId => "the investor named by the body's investorId",
                OwnedBy.Order => "the investor who placed the order",
                OwnedBy.Subscription => "the investor of the subscription",
                OwnedBy.Redemption => "the investor of the redemption",
                _ => "an investor",
            });
        }

        if (access.Rule.HasFlag(AccessRule.Operator))
        {
            who.Add("an operator");
        }

        return $"Needs a bearer token of {string.Join(" or ", who)}.";
    }

    /// <summary>OpenAPI 3.1 lets an http scheme's requirement name the roles it needs; public routes require nothing.</summary>
    private static List<OpenApiSecurityRequirement> Security(AccessAttribute access, OpenApiDocument document)
    {
        if (access.Rule.HasFlag(AccessRule.Public))
        {
            return [];
        }

        var requirements = new List<OpenApiSecurityRequirement>();
        if (access.Rule.HasFlag(AccessRule.InvestorOwn))
        {
            requirements.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(TokenScheme, document)] = [Roles.Investor] });
        }

        if (access.Rule.HasFlag(AccessRule.Operator))
        {
            requirements.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(TokenScheme, document)] = [Roles.Operator] });
            requirements.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(EntraScheme, document)] = ["OkCow.Operator"] });
        }

        return requirements;
    }

    private static string TagOf(string route) => route.Split('/')[0] switch
    {
        "investors" => "Investors",
        "funds" or "subscriptions" or "redemptions" or "orders" or "royalties" => "Funds and market",
        "mcpi" => "Index",
        "sessions" => "Sessions",
        "openapi.json" => "Contract",
        _ => "Operations",
    };

    /// <summary>
    /// Schemas from .NET types with System.Text.Json's exporter: response types with the API's own options (nullable
    /// annotations and constructor parameters respected, so what is always present is required), request bodies with
    /// the strict binding options. Records of this app become components, referenced by name wherever they nest.
    /// </summary>
    private sealed class SchemaCatalog(OpenApiDocument document)
    {
        // The web defaults also read numbers from strings; answers only ever write numbers, so their schemas say so.
        private static readonly JsonSerializerOptions ResponseOptions = new(Application.Serialization.Json.Options)
        {
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
        };

        private readonly Dictionary<string, (Type Type, JsonSerializerOptions Options)> _components = new(StringComparer.Ordinal);
        private readonly Queue<string> _pending = new();

        public OpenApiDocument Document => document;

        public IOpenApiSchema Response(Type type) => Reference(type, ResponseOptions);

        public IOpenApiSchema Request(Type type) => Reference(type, JsonRequests.Strict);

        public IOpenApiSchema Inline(Type type) => Parse(JsonSchemaExporter.GetJsonSchemaAsNode(ResponseOptions, type, Exporter(ResponseOptions, root: type)));

        public void Flush()
        {
            while (_pending.TryDequeue(out var name))
            {
                var (type, options) = _components[name];
                var node = JsonSchemaExporter.GetJsonSchemaAsNode(options, type, Exporter(options, root: type));
                document.Components!.Schemas![name] = Parse(node);
            }
        }

        private OpenApiSchemaReference Reference(Type type, JsonSerializerOptions options)
        {
            var name = NameOf(type);
            if (_components.TryAdd(name, (type, options)))
            {
                _pending.Enqueue(name);
            }

            return new OpenApiSchemaReference(name, document);
        }

        private JsonSchemaExporterOptions Exporter(JsonSerializerOptions options, Type root) => new()
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) =>
            {
                if (FigureOf(context.PropertyInfo) is { } figure)
                {
                    // A figure written in one fixed form: still a JSON number (its converter alone would export as `true`).
                    var number = new JsonObject { ["type"] = "number", ["multipleOf"] = figure.Decimals == 4 ? 0.0001 : 0.01 };
                    return Nullable.GetUnderlyingType(context.PropertyInfo!.PropertyType) is null
                        ? number
                        : new JsonObject { ["anyOf"] = new JsonArray(number, new JsonObject { ["type"] = "null" }) };
                }

                if (node is JsonValue)
                {
                    // Any JSON value (JsonElement) exports as the schema `true`; OpenAPI's model wants an empty schema.
                    return new JsonObject();
                }

                var type = Nullable.GetUnderlyingType(context.TypeInfo.Type) ?? context.TypeInfo.Type;
                if (type == root || !IsComponent(type) || context.TypeInfo.Kind != System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object)
                {
                    return node;
                }

                var reference = new JsonObject { ["$ref"] = "#/components/schemas/" + Reference(type, options).Reference.Id };
                var nullable = node is JsonObject { } shape && shape["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "null");
                return nullable ? new JsonObject { ["anyOf"] = new JsonArray(reference, new JsonObject { ["type"] = "null" }) } : reference;
            },
        };

        /// <summary>The fixed form of a figure property; on a nullable one the converter in force is the nullable wrapper, so its attribute tells.</summary>
        private static FixedDecimals? FigureOf(System.Text.Json.Serialization.Metadata.JsonPropertyInfo? property) =>
            property?.CustomConverter as FixedDecimals
            ?? (property?.AttributeProvider?.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonConverterAttribute), inherit: false)
                .OfType<System.Text.Json.Serialization.JsonConverterAttribute>()
                .Select(a => a.ConverterType)
                .FirstOrDefault(t => t?.IsAssignableTo(typeof(FixedDecimals)) == true) is { } converter
                ? (FixedDecimals?)Activator.CreateInstance(converter)
                : null);

        private static bool IsComponent(Type type) =>
            type.IsClass && type.Namespace?.StartsWith("OkCow.", StringComparison.Ordinal) == true;

        private static string NameOf(Type type)
        {
            if (!type.IsGenericType)
            {
                return type.Name;
            }

            var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
            return name + "Of" + string.Concat(type.GetGenericArguments().Select(NameOf));
        }

        private IOpenApiSchema Parse(JsonNode node)
        {
            var schema = OpenApiModelFactory.Parse<OpenApiSchema>(node.ToJsonString(), OpenApiSpecVersion.OpenApi3_1, document, out var diagnostic, "json");
            if (schema is null || diagnostic?.Errors.Count > 0)
            {
                throw new InvalidOperationException($"A schema did not read as OpenAPI 3.1: {string.Join("; ", diagnostic?.Errors.Select(e => e.Message) ?? [])}");
            }

            return schema;
        }
    }
}
