using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace OkCow.Functions.Edge;

/// <summary>One HTTP function as its attributes declare it: name, methods, route and access.</summary>
public sealed record HttpFunctionDeclaration(string Name, IReadOnlyList<string> Methods, string Route, MethodInfo Method, AccessAttribute? Access);

/// <summary>
/// The HTTP functions of this assembly, read from their <c>[Function]</c>, <c>[HttpTrigger]</c> and <see cref="AccessAttribute"/>
/// attributes: the worker middleware finds a function's access here by name, and the tests enumerate every route.
/// </summary>
public static class FunctionCatalog
{
    private static readonly Lazy<IReadOnlyList<HttpFunctionDeclaration>> Declared = new(() => Discover(typeof(FunctionCatalog).Assembly.GetExportedTypes()));

    public static IReadOnlyList<HttpFunctionDeclaration> HttpFunctions => Declared.Value;

    public static IReadOnlyList<HttpFunctionDeclaration> Discover(IEnumerable<Type> types) =>
    [
        .. from type in types
           where type.IsClass
           from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
           let function = method.GetCustomAttribute<FunctionAttribute>()
           let trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>().FirstOrDefault()
           where function is not null && trigger is not null
           orderby (trigger.Route ?? function.Name).Trim('/'), function.Name
           select new HttpFunctionDeclaration(
               function.Name,
               [.. (trigger.Methods ?? []).Select(m => m.ToUpperInvariant())],
               (trigger.Route ?? function.Name).Trim('/'),
               method,
               method.GetCustomAttribute<AccessAttribute>()),
    ];

    /// <summary>The edge's view of a function; throws for one without an access declaration (it must never be served).</summary>
    public static EdgeEndpoint EndpointOf(string name, MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var access = method.GetCustomAttribute<AccessAttribute>()
            ?? throw new InvalidOperationException($"Function '{name}' ({method.DeclaringType?.Name}.{method.Name}) declares no [Access]; every HTTP function must say who may call it.");
        return new EdgeEndpoint(name, access);
    }

    private static readonly Lazy<IReadOnlyDictionary<string, EdgeEndpoint>> ByName = new(() =>
        HttpFunctions.ToDictionary(f => f.Name, f => EndpointOf(f.Name, f.Method), StringComparer.Ordinal));

    /// <summary>The endpoint of the HTTP function named <paramref name="name"/>; null for other functions (change-feed triggers).</summary>
    public static EdgeEndpoint? Find(string name) => ByName.Value.TryGetValue(name, out var endpoint) ? endpoint : null;
}
