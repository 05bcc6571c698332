namespace OkCow.Functions.Edge;

/// <summary>Who may call a route (SPEC 6). Combine with <c>|</c>: investor-own routes that operators may read too.</summary>
[Flags]
public enum AccessRule
{
    /// <summary>Anyone, signed in or not.</summary>
    Public = 1,

    /// <summary>A signed-in investor, for resources of their own (see <see cref="OwnedBy"/>).</summary>
    InvestorOwn = 2,

    /// <summary>A signed-in operator.</summary>
    Operator = 4,
}

/// <summary>Where the investor a request acts for is named, for <see cref="AccessRule.InvestorOwn"/> routes.</summary>
public enum OwnedBy
{
    Nobody,

    /// <summary>The route's <c>{investorId}</c>.</summary>
    RouteInvestorId,

    /// <summary>The body's <c>investorId</c>.</summary>
    BodyInvestorId,

    /// <summary>The investor who placed the order named by the route's <c>{orderId}</c>.</summary>
    Order,

    /// <summary>The investor of the subscription named by the route's <c>{subscriptionId}</c>.</summary>
    Subscription,

    /// <summary>The investor of the redemption named by the route's <c>{redemptionId}</c>.</summary>
    Redemption,
}

/// <summary>
/// The access declaration every HTTP function carries; the edge decides from it, and a test fails for a function
/// without one. <see cref="RateLimited"/> puts the route under the per-client-address limit of sign-up and sign-in.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class AccessAttribute(AccessRule rule) : Attribute
{
    public AccessRule Rule { get; } = rule;

    public OwnedBy Owner { get; init; } = OwnedBy.Nobody;

    public bool RateLimited { get; init; }

    public override string ToString() => Owner == OwnedBy.Nobody ? Rule.ToString() : $"{Rule} (owner: {Owner})";
}
