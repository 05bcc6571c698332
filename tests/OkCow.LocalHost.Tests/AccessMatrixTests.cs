using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OkCow.Functions.Edge;

namespace OkCow.LocalHost.Tests;

/// <summary>
/// SPEC 6 as a matrix: every HTTP function, read from its own attributes (so no route can be left out), called over
/// HTTP by four callers: anonymous, the investor whose resources the request names, another investor, and the operator.
/// Each answer must be 2xx where the declaration lets the caller in, 401 UNAUTHENTICATED (with WWW-Authenticate) for
/// the anonymous caller on a closed route, and 403 FORBIDDEN otherwise.
/// </summary>
public sealed class AccessMatrixTests
{
    private enum Who
    {
        Anonymous,
        Owner,
        OtherInvestor,
        Operator,
    }

    [Fact]
    public async Task Given_every_route_and_every_kind_of_caller_When_called_Then_each_answer_is_2xx_401_or_403_as_SPEC_6_says()
    {
        using var folder = new TempDataFolder();
        await using var host = await RunningHost.StartAsync(folder.Path);
        var world = await World.CreateAsync(host);
        var tokens = new Dictionary<Who, string?>
        {
            [Who.Anonymous] = null,
            [Who.Owner] = host.Credentials.Investors[world.Owner],
            [Who.OtherInvestor] = host.Credentials.Investors[world.Other],
            [Who.Operator] = await host.SignInAsync("operator", RunningHost.OperatorPassword),
        };

        var failures = new List<string>();
        var cells = 0;
        foreach (var function in FunctionCatalog.HttpFunctions)
        {
            var access = function.Access ?? throw new InvalidOperationException($"{function.Name} has no [Access].");
            foreach (var who in Enum.GetValues<Who>())
            {
                cells++;
                var expected = Expected(access, who);
                var method = new HttpMethod(function.Methods.Single());
                var path = world.PathOf(function.Route);
                using var request = new HttpRequestMessage(method, path);
                if (world.BodyOf(function.Name) is { } body)
                {
                    request.Content = JsonContent.Create(body);
                }

                if (tokens[who] is { } token)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                using var response = await host.Anonymous.SendAsync(request);
                var status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync();
                var ok = expected switch
                {
                    // The world's owner holds cash and units, so an erasure the edge lets in is refused by the rule.
                    200 => status is >= 200 and < 300 || (function.Name == "EraseInvestor" && status == 409 && Code(text) == "ACCOUNT_NOT_EMPTY"),
                    401 => status == 401 && response.Headers.WwwAuthenticate.Any(h => h.Scheme == "Bearer") && Code(text) == "UNAUTHENTICATED",
                    _ => status == 403 && Code(text) == "FORBIDDEN",
                };
                if (!ok)
                {
                    failures.Add($"{function.Name} {method} {path} as {who}: expected {(expected == 200 ? "2xx" : expected)}, got {status} {text}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(FunctionCatalog.HttpFunctions.Count * 4, cells);
        Assert.True(FunctionCatalog.HttpFunctions.Count >= 28, "Every route of SPEC 4 and 6 is in the matrix.");
    }

    private static int Expected(AccessAttribute access, Who who) => who switch
    {
        _ when access.Rule.HasFlag(AccessRule.Public) => 200,
        Who.Anonymous => 401,
        Who.Operator => access.Rule.HasFlag(AccessRule.Operator) ? 200 : 403,
        Who.Owner => access.Rule.HasFlag(AccessRule.InvestorOwn) ? 200 : 403,
        _ => 403,
    };

    private static string? Code(string text) =>
        JsonDocument.Parse(text).RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;

    /// <summary>An investor with cash, units, an open order, a subscription and a redemption; another investor; a fund.</summary>
    private sealed record World(string Owner, string Other, string Fund, string Order, string Subscription, string Redemption, string Royalty)
    {
        public static async Task<World> CreateAsync(RunningHost host)
        {
            await host.CommandAsync("/api/mcpi", new { value = 100.00m });
            var owner = (await host.CommandAsync("/api/investors", new { name = "Owner", loginId = "matrix_owner", password = "correct horse battery" }, 201)).Body.String("investorId")!;
            var other = (await host.CommandAsync("/api/investors", new { name = "Other", loginId = "matrix_other", password = "correct horse battery" }, 201)).Body.String("investorId")!;
            var fund = (await host.CommandAsync("/api/funds", new { name = "Matrix fund", basePrice = 10_000 }, 201)).Body.String("fundId")!;
            await host.CommandAsync($"/api/investors/{owner}/deposits", new { amount = 100_000_000 });
            var (_, subscription) = await host.CommandAsync($"/api/funds/{fund}/subscriptions", new { investorId = owner, amount = 10_000_000 });
            await host.EventuallyAsync(subscription, s => s.String("status") == "completed");
            var (_, redemption) = await host.CommandAsync($"/api/funds/{fund}/redemptions", new { investorId = owner, units = 1 });
            await host.EventuallyAsync(redemption, r => r.String("status") == "completed");
            var (_, order) = await host.CommandAsync($"/api/funds/{fund}/orders", new { investorId = owner, side = "buy", price = 10_000, quantity = 1 });
            await host.EventuallyAsync(order, o => o.String("status") == "open");
            var royalty = (await host.CommandAsync($"/api/funds/{fund}/royalties", new { amount = 1_000 })).Body.String("royaltyId")!;
            await host.EventuallyAsync($"/api/royalties/{royalty}", r => r.String("status") == "completed");
            return new World(owner, other, fund, Last(order), Last(subscription), Last(redemption), royalty);
        }

        private static string Last(string location) => location[(location.LastIndexOf('/') + 1)..];

        public string PathOf(string route)
        {
            var path = "/api/" + route
                .Replace("{investorId}", Owner, StringComparison.Ordinal)
                .Replace("{fundId}", Fund, StringComparison.Ordinal)
                .Replace("{orderId}", Order, StringComparison.Ordinal)
                .Replace("{subscriptionId}", Subscription, StringComparison.Ordinal)
                .Replace("{redemptionId}", Redemption, StringComparison.Ordinal)
                .Replace("{royaltyId}", Royalty, StringComparison.Ordinal)
                .Replace("{streamId}", $"investor-{Owner}", StringComparison.Ordinal)
                .Replace("{generation}", "g2", StringComparison.Ordinal);
            Assert.DoesNotContain("{", path, StringComparison.Ordinal);
            return route == "funds/{fundId}/nav" ? path + "?at=2030-01-01T00:00:00%2B09:00" : path;
        }

        public object? BodyOf(string function) => function switch
        {
            "RegisterInvestor" => new { name = "New", loginId = "m" + Guid.NewGuid().ToString("N")[..20], password = "correct horse battery" },
            "SignIn" => new { loginId = "matrix_owner", password = "correct horse battery" },
            "DepositCash" or "WithdrawCash" => new { amount = 1_000 },
            "CreateFund" => new { name = "Fund " + Guid.NewGuid().ToString("N"), basePrice = 10_000 },
            "AcquireProperty" => new { copyrightCode = "C-" + Guid.NewGuid().ToString("N")[..8], registrationNumber = "R-1", musicId = "M-1", price = 1_000 },
            "ReceiveRoyalty" => new { amount = 1_000 },
            "PublishMcpi" => new { value = 100.00m },
            "Subscribe" => new { investorId = Owner, amount = 10_000 },
            "Redeem" => new { investorId = Owner, units = 1 },
            "PlaceOrder" => new { investorId = Owner, side = "buy", price = 10_000, quantity = 1 },
            _ => null,
        };
    }
}
