using Microsoft.AspNetCore.Http;
using OkCow.Application.Security;

namespace OkCow.Functions.Edge;

/// <summary>A signed-in caller: the subject recorded as the actor of their events, their role and, for investors, their id.</summary>
public sealed record Caller(string Subject, string Role, Guid? InvestorId)
{
    public bool IsOperator => Role == Roles.Operator;

    public bool IsInvestor => Role == Roles.Investor && InvestorId is not null;
}

/// <summary>What the edge learned about a request, for the function that runs after it.</summary>
public static class EdgeItems
{
    private static readonly object CallerKey = new();
    private static readonly object CorrelationKey = new();
    private static readonly object FunctionKey = new();

    public static Caller? CallerOf(HttpContext context) => context.Items.TryGetValue(CallerKey, out var caller) ? caller as Caller : null;

    public static void SetCaller(HttpContext context, Caller caller) => context.Items[CallerKey] = caller;

    public static string? CorrelationIdOf(HttpContext context) => context.Items.TryGetValue(CorrelationKey, out var id) ? id as string : null;

    public static void SetCorrelationId(HttpContext context, string correlationId) => context.Items[CorrelationKey] = correlationId;

    /// <summary>The name of the function the request reached (a bounded set: the tag of the command metrics).</summary>
    public static string? FunctionOf(HttpContext context) => context.Items.TryGetValue(FunctionKey, out var name) ? name as string : null;

    public static void SetFunction(HttpContext context, string function) => context.Items[FunctionKey] = function;
}
