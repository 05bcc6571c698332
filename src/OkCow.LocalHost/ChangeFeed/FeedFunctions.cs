using System.Globalization;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using OkCow.Infrastructure.Cosmos.EventStore;

namespace OkCow.LocalHost.ChangeFeed;

/// <summary>
/// One change-feed-triggered function as its attributes declare it. <see cref="Consumer"/> is the trigger's lease
/// prefix, so each function keeps its own checkpoint just as it keeps its own leases in Azure.
/// </summary>
public sealed record FeedFunction(
    string Name,
    string Consumer,
    Type FunctionType,
    MethodInfo Method,
    RetryDelays Retry,
    IReadOnlyList<Func<IReadOnlyList<EventDocument>, CancellationToken, object?>> Binders);

/// <summary>How long to wait before retrying a failed page: the function's own retry attribute, without its retry cap.</summary>
public sealed record RetryDelays(TimeSpan First, TimeSpan Max)
{
    public static RetryDelays Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

    // A zero delay would spin on a page that keeps failing.
    private static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(100);

    /// <summary>Doubles from <see cref="First"/> per failure in a row, up to <see cref="Max"/>.</summary>
    public TimeSpan After(int failures)
    {
        var first = Math.Max(First.Ticks, Floor.Ticks);
        var doubled = first * (1L << Math.Clamp(failures - 1, 0, 20));
        return TimeSpan.FromTicks(Math.Max(first, Math.Min(Max.Ticks, doubled)));
    }
}

public static class FeedFunctions
{
    public static IReadOnlyList<FeedFunction> Discover(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return Discover(assembly.GetExportedTypes());
    }

    public static IReadOnlyList<FeedFunction> Discover(IEnumerable<Type> types)
    {
        var functions = new List<FeedFunction>();
        foreach (var type in types.Where(t => t.IsClass))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                var function = method.GetCustomAttribute<FunctionAttribute>();
                var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<CosmosDBTriggerAttribute>()).OfType<CosmosDBTriggerAttribute>().FirstOrDefault();
                if (function is not null && trigger is not null)
                {
                    functions.Add(Describe(function.Name, trigger, type, method));
                }
            }
        }

        return [.. functions.OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    private static FeedFunction Describe(string name, CosmosDBTriggerAttribute trigger, Type type, MethodInfo method)
    {
        var where = $"Function '{name}' ({type.Name}.{method.Name})";
        if (method.ReturnType != typeof(Task) && method.ReturnType != typeof(void))
        {
            throw new InvalidOperationException($"{where} returns {method.ReturnType.Name}; the local host runs change-feed functions that return Task or void.");
        }

        var binders = method.GetParameters().Select(parameter => BinderFor(parameter, where)).ToList();
        var consumer = string.IsNullOrWhiteSpace(trigger.LeaseContainerPrefix) ? name : trigger.LeaseContainerPrefix;
        return new FeedFunction(name, consumer, type, method, RetryOf(method), binders);
    }

    private static Func<IReadOnlyList<EventDocument>, CancellationToken, object?> BinderFor(ParameterInfo parameter, string where)
    {
        if (parameter.GetCustomAttribute<CosmosDBTriggerAttribute>() is not null)
        {
            return parameter.ParameterType.IsAssignableFrom(typeof(List<EventDocument>))
                ? (documents, _) => documents
                : throw new InvalidOperationException(
                    $"{where} takes its change-feed batch as {parameter.ParameterType.Name}; the local host delivers IReadOnlyList<{nameof(EventDocument)}>.");
        }

        return parameter.ParameterType == typeof(CancellationToken)
            ? (_, cancellationToken) => cancellationToken
            : throw new InvalidOperationException(
                $"{where} has a parameter '{parameter.Name}' of type {parameter.ParameterType.Name} that the local host cannot bind; it binds the batch and CancellationToken.");
    }

    private static RetryDelays RetryOf(MethodInfo method) => method.GetCustomAttribute<RetryAttribute>() switch
    {
        ExponentialBackoffRetryAttribute backoff => new(Interval(backoff.MinimumInterval), Interval(backoff.MaximumInterval)),
        FixedDelayRetryAttribute fixedDelay => new(Interval(fixedDelay.DelayInterval), Interval(fixedDelay.DelayInterval)),
        _ => RetryDelays.Default,
    };

    private static TimeSpan Interval(string text) => TimeSpan.Parse(text, CultureInfo.InvariantCulture);
}
