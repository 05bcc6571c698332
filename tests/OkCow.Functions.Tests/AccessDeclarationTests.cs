using OkCow.Functions.Edge;

namespace OkCow.Functions.Tests;

/// <summary>Every HTTP function says who may call it, and the declarations say what SPEC 6 says.</summary>
public sealed class AccessDeclarationTests
{
    private static readonly IReadOnlyList<HttpFunctionDeclaration> Functions = FunctionCatalog.HttpFunctions;

    private static string RouteOf(HttpFunctionDeclaration function) => $"{string.Join(",", function.Methods)} /api/{function.Route}";

    [Fact]
    public void GivenEveryHttpFunction_WhenItsAttributesAreRead_ThenEachDeclaresItsAccess()
    {
        Assert.NotEmpty(Functions);
        Assert.Empty(Functions.Where(f => f.Access is null).Select(f => f.Name));
    }

    [Fact]
    public void GivenAFunctionWithoutADeclaration_WhenTheEdgeLooksItUp_ThenItRefusesToServeIt()
    {
        var undeclared = typeof(AccessDeclarationTests).GetMethod(nameof(Undeclared), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

        var error = Assert.Throws<InvalidOperationException>(() => FunctionCatalog.EndpointOf("Undeclared", undeclared));

        Assert.Contains("[Access]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTheDeclarations_WhenGrouped_ThenThePublicRoutesAreExactlyThoseOfSpec6()
    {
        string[] open =
        [
            "GET /api/funds", "GET /api/funds/{fundId}", "GET /api/funds/{fundId}/nav", "GET /api/funds/{fundId}/nav-history",
            "GET /api/funds/{fundId}/orderbook", "GET /api/mcpi", "POST /api/investors", "POST /api/sessions",

            // The API's own description (SPEC 8's contract) is public too: it names routes and shapes, no data.
            "GET /api/openapi.json",
        ];

        Assert.Equal(open.Order(StringComparer.Ordinal), Functions.Where(f => f.Access!.Rule.HasFlag(AccessRule.Public)).Select(RouteOf).Order(StringComparer.Ordinal));
        Assert.All(Functions.Where(f => f.Access!.Rule.HasFlag(AccessRule.Public)), f => Assert.Equal(AccessRule.Public, f.Access!.Rule));
    }

    [Fact]
    public void GivenTheDeclarations_WhenGrouped_ThenOperatorsOnlyAndInvestorOwnRoutesAreThoseOfSpec6()
    {
        string[] operatorOnly =
        [
            "POST /api/funds", "POST /api/funds/{fundId}/properties", "POST /api/funds/{fundId}/royalties", "POST /api/mcpi",
            "GET /api/royalties/{royaltyId}", "GET /api/investors", "GET /api/streams/{streamId}/events", "GET /api/reconciliation",
            "GET /api/operations/parked", "POST /api/operations/read-models/{generation}/rebuild", "POST /api/operations/data-keys/rewrap",
        ];
        string[] investorsOnly =
        [
            "POST /api/investors/{investorId}/deposits", "POST /api/investors/{investorId}/withdrawals",
            "POST /api/funds/{fundId}/subscriptions", "POST /api/funds/{fundId}/redemptions", "POST /api/funds/{fundId}/orders",
            "DELETE /api/funds/{fundId}/orders/{orderId}",
        ];
        string[] both =
        [
            "GET /api/investors/{investorId}", "GET /api/investors/{investorId}/portfolio", "GET /api/subscriptions/{subscriptionId}",
            "GET /api/redemptions/{redemptionId}", "GET /api/orders/{orderId}",

            // SPEC 9: an account is closed by its investor or by an operator.
            "DELETE /api/investors/{investorId}",
        ];

        Assert.Equal(operatorOnly.Order(StringComparer.Ordinal), Functions.Where(f => f.Access!.Rule == AccessRule.Operator).Select(RouteOf).Order(StringComparer.Ordinal));
        Assert.Equal(investorsOnly.Order(StringComparer.Ordinal), Functions.Where(f => f.Access!.Rule == AccessRule.InvestorOwn).Select(RouteOf).Order(StringComparer.Ordinal));
        Assert.Equal(both.Order(StringComparer.Ordinal), Functions.Where(f => f.Access!.Rule == (AccessRule.InvestorOwn | AccessRule.Operator)).Select(RouteOf).Order(StringComparer.Ordinal));
        Assert.All(Functions.Where(f => f.Access!.Rule.HasFlag(AccessRule.InvestorOwn)), f => Assert.NotEqual(OwnedBy.Nobody, f.Access!.Owner));
    }

    [Fact]
    public async Task GivenEachCallerAndDeclaration_WhenDecided_ThenOperatorsNeverActForInvestorsAndInvestorsReachOnlyTheirOwn()
    {
        var me = Guid.NewGuid();
        var investor = new Caller($"investor:{me}", "investor", me);
        var op = new Caller("operator", "operator", null);
        var own = new AccessAttribute(AccessRule.InvestorOwn) { Owner = OwnedBy.RouteInvestorId };
        var ownOrOperator = new AccessAttribute(AccessRule.InvestorOwn | AccessRule.Operator) { Owner = OwnedBy.RouteInvestorId };
        ValueTask<Guid?> Mine() => ValueTask.FromResult<Guid?>(me);
        ValueTask<Guid?> Theirs() => ValueTask.FromResult<Guid?>(Guid.NewGuid());
        ValueTask<Guid?> Nobody() => ValueTask.FromResult<Guid?>(null);

        Assert.Equal(AccessVerdict.Unauthenticated, await AccessPolicy.DecideAsync(own, null, Mine));
        Assert.Equal(AccessVerdict.Allow, await AccessPolicy.DecideAsync(own, investor, Mine));
        Assert.Equal(AccessVerdict.Forbidden, await AccessPolicy.DecideAsync(own, investor, Theirs));
        Assert.Equal(AccessVerdict.OwnerUnknown, await AccessPolicy.DecideAsync(own, investor, Nobody));
        Assert.Equal(AccessVerdict.Forbidden, await AccessPolicy.DecideAsync(own, op, Mine));
        Assert.Equal(AccessVerdict.Allow, await AccessPolicy.DecideAsync(ownOrOperator, op, Theirs));
        Assert.Equal(AccessVerdict.Forbidden, await AccessPolicy.DecideAsync(new AccessAttribute(AccessRule.Operator), investor, Mine));
        Assert.Equal(AccessVerdict.Allow, await AccessPolicy.DecideAsync(new AccessAttribute(AccessRule.Public), null, Nobody));
    }

    private static void Undeclared()
    {
    }
}
