using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Azure.Functions.Worker;
using OkCow.Functions.Edge;

namespace OkCow.LocalHost.Http;

/// <summary>One HTTP-triggered function, exactly as its <c>[Function]</c> and <c>[HttpTrigger]</c> attributes declare it.</summary>
/// <param name="Methods">Upper-case HTTP methods; empty when the trigger accepts every method.</param>
/// <param name="Route">The trigger's route template (the function name when it has none), without the <c>api/</c> prefix.</param>
public sealed record HttpFunction(
    string Name,
    IReadOnlyList<string> Methods,
    string Route,
    Type FunctionType,
    MethodInfo Method,
    IReadOnlyList<Func<HttpContext, object?>> Binders,
    EdgeEndpoint Endpoint)
{
    public string Pattern => $"/{FunctionRoutes.RoutePrefix}/{Route}";
}

/// <summary>
/// The local host's route table, read from the attributes of the function classes so that routes are stated once.
/// Binds what the Functions ASP.NET Core integration binds for these functions: the request, route values into string
/// parameters and the cancellation token. Anything else fails at startup rather than on the first request.
/// Every request goes through the same <see cref="EdgePipeline"/> the worker middleware runs in Azure before its function
/// runs; a function without an access declaration fails the start. (Authorization levels play no part: the edge decides.)
/// </summary>
public static class FunctionRoutes
{
    /// <summary>The Functions host's default route prefix (host.json sets no other).</summary>
    public const string RoutePrefix = "api";

    public static IReadOnlyList<HttpFunction> Discover(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return Discover(assembly.GetExportedTypes());
    }

    public static IReadOnlyList<HttpFunction> Discover(IEnumerable<Type> types)
    {
        var functions = new List<HttpFunction>();
        foreach (var type in types.Where(t => t.IsClass))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                var function = method.GetCustomAttribute<FunctionAttribute>();
                var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>().FirstOrDefault();
                if (function is not null && trigger is not null)
                {
                    functions.Add(Describe(function.Name, trigger, type, method));
                }
            }
        }

        return [.. functions.OrderBy(f => f.Route, StringComparer.Ordinal).ThenBy(f => f.Name, StringComparer.Ordinal)];
    }

    public static void MapFunctions(this IEndpointRouteBuilder endpoints, IEnumerable<HttpFunction> functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        foreach (var function in functions)
        {
            var factory = function.Method.IsStatic ? null : ActivatorUtilities.CreateFactory(function.FunctionType, Type.EmptyTypes);
            var edge = endpoints.ServiceProvider.GetRequiredService<EdgePipeline>();
            RequestDelegate handler = context => InvokeAsync(function, factory, edge, context);
            var endpoint = function.Methods.Count == 0
                ? endpoints.Map(function.Pattern, handler)
                : endpoints.MapMethods(function.Pattern, function.Methods, handler);
            endpoint.WithDisplayName(function.Name);
        }
    }

    private static async Task InvokeAsync(HttpFunction function, ObjectFactory? factory, EdgePipeline edge, HttpContext context)
    {
        var request = new EdgeRequest(context, function.Endpoint, name => context.Request.RouteValues.TryGetValue(name, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null);
        if (await edge.RunAsync(request).ConfigureAwait(false) is { } refusal)
        {
            await refusal.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor())).ConfigureAwait(false);
            return;
        }

        // A new instance per request through DI, as the Functions worker creates one per invocation.
        var instance = factory?.Invoke(context.RequestServices, null);
        try
        {
            var arguments = function.Binders.Select(bind => bind(context)).ToArray();
            var returned = function.Method.Invoke(instance, BindingFlags.DoNotWrapExceptions, null, arguments, CultureInfo.InvariantCulture);
            var result = returned switch
            {
                Task<IActionResult> task => await task.ConfigureAwait(false),
                ValueTask<IActionResult> task => await task.ConfigureAwait(false),
                IActionResult done => done,
                _ => throw new InvalidOperationException($"Function {function.Name} returned no IActionResult."),
            };
            await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor())).ConfigureAwait(false);
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    private static HttpFunction Describe(string name, HttpTriggerAttribute trigger, Type type, MethodInfo method)
    {
        var where = $"Function '{name}' ({type.Name}.{method.Name})";
        var route = (trigger.Route ?? name).Trim('/');
        var pattern = RoutePatternFactory.Parse(route);
        if (method.ReturnType != typeof(Task<IActionResult>) && method.ReturnType != typeof(ValueTask<IActionResult>) && method.ReturnType != typeof(IActionResult))
        {
            throw new InvalidOperationException($"{where} returns {method.ReturnType.Name}; the local host serves functions that return IActionResult or Task<IActionResult>.");
        }

        var binders = method.GetParameters().Select(parameter => BinderFor(parameter, pattern, where)).ToList();
        var methods = (trigger.Methods ?? []).Select(m => m.ToUpperInvariant()).ToList();
        return new HttpFunction(name, methods, route, type, method, binders, FunctionCatalog.EndpointOf(name, method));
    }

    private static Func<HttpContext, object?> BinderFor(ParameterInfo parameter, RoutePattern pattern, string where)
    {
        var type = parameter.ParameterType;
        if (type == typeof(HttpRequest))
        {
            return context => context.Request;
        }

        if (type == typeof(CancellationToken))
        {
            return context => context.RequestAborted;
        }

        if (type == typeof(string) && parameter.Name is { } name)
        {
            return pattern.GetParameter(name) is not null
                ? context => context.Request.RouteValues.TryGetValue(name, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null
                : throw new InvalidOperationException($"{where} has a string parameter '{name}' but its route '{pattern.RawText}' has no {{{name}}}.");
        }

        throw new InvalidOperationException(
            $"{where} has a parameter '{parameter.Name}' of type {type.Name} that the local host cannot bind; it binds HttpRequest, string route values and CancellationToken.");
    }
}
