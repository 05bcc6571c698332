namespace OkCow.Functions.Edge;

public enum AccessVerdict
{
    Allow,

    /// <summary>401: no valid credentials on a route that needs them.</summary>
    Unauthenticated,

    /// <summary>403: signed in, but not allowed here.</summary>
    Forbidden,

    /// <summary>The resource whose owner decides does not exist (yet): answered as not found.</summary>
    OwnerUnknown,
}

/// <summary>
/// The one place where access is decided (SPEC 6), from a route's declaration, the caller and, for investor-own routes,
/// the investor the request acts for. Operators never act for an investor: on routes open to investors only, they get 403.
/// </summary>
public static class AccessPolicy
{
    /// <param name="owner">Looked up only when the decision depends on it (an investor on an investor-own route).</param>
    public static async ValueTask<AccessVerdict> DecideAsync(AccessAttribute access, Caller? caller, Func<ValueTask<Guid?>> owner)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(owner);
        if (access.Rule.HasFlag(AccessRule.Public))
        {
            return AccessVerdict.Allow;
        }

        if (caller is null)
        {
            return AccessVerdict.Unauthenticated;
        }

        if (caller.IsOperator)
        {
            return access.Rule.HasFlag(AccessRule.Operator) ? AccessVerdict.Allow : AccessVerdict.Forbidden;
        }

        if (!caller.IsInvestor || !access.Rule.HasFlag(AccessRule.InvestorOwn) || access.Owner == OwnedBy.Nobody)
        {
            return AccessVerdict.Forbidden;
        }

        return await owner().ConfigureAwait(false) switch
        {
            null => AccessVerdict.OwnerUnknown,
            var id when id == caller.InvestorId => AccessVerdict.Allow,
            _ => AccessVerdict.Forbidden,
        };
    }
}
