namespace OkCow.Functions.Contract;

/// <summary>The JSON body a command function binds (with the strict options), for the OpenAPI document.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class RequestBodyAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}

/// <summary>What a function answers on success: its status and body type (null: no body).</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = true)]
public sealed class AnswersAttribute(int status, Type? type) : Attribute
{
    public int Status { get; } = status;

    public Type? Type { get; } = type;

    /// <summary>A 201/202 answer's <c>Location</c>: the resource to poll.</summary>
    public bool HasLocation { get; init; }
}

/// <summary>
/// The business codes a function may refuse with, besides those every route of its kind can answer (validation, access,
/// media type, idempotency), which the OpenAPI document adds from the function's other declarations.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class RefusesAttribute(params string[] codes) : Attribute
{
    public IReadOnlyList<string> Codes { get; } = codes;
}

/// <summary>A query-string parameter a function reads.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = true)]
public sealed class QueryParameterAttribute(string name, Type type, string description) : Attribute
{
    public string Name { get; } = name;

    public Type Type { get; } = type;

    public string Description { get; } = description;

    public bool Required { get; init; }
}

/// <summary>One sentence on what a route does, for the OpenAPI document's summary.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class SummaryAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}

/// <summary>
/// A list route paged the one way (SPEC 7): it reads <c>take</c> and <c>continuationToken</c> (and <c>skip</c> with
/// <see cref="AcceptsSkip"/>) and answers a page. The OpenAPI document describes the parameters from this.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class PagedAttribute : Attribute
{
    public bool AcceptsSkip { get; init; }
}
