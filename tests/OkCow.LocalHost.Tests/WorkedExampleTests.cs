using System.Text.Json;

namespace OkCow.LocalHost.Tests;

/// <summary>SPEC §3, the worked example, end to end over HTTP only: every figure it gives, read back from the GET routes.</summary>
public sealed class WorkedExampleTests
{
    [Fact]
    public async Task Given_the_local_host_When_the_worked_example_runs_over_HTTP_Then_every_figure_of_SPEC_section_3_is_served()
    {
        using var folder = new TempDataFolder();
        await using var host = await RunningHost.StartAsync(folder.Path);

        await host.CommandAsync("/api/mcpi", new { value = 100.00m });
        var a = await RegisterAsync(host, "A", "investor_a");
        var b = await RegisterAsync(host, "B", "investor_b");
        var c = await RegisterAsync(host, "C", "investor_c");
        var (fundBody, fundLocation) = await host.CommandAsync("/api/funds", new { name = "F", basePrice = 10_000 }, 201);
        var f = fundBody.String("fundId")!;
        Assert.Equal($"/api/funds/{f}", fundLocation);
        await host.EventuallyAsync(fundLocation, fund => fund.Long("basePrice") == 10_000);

        await DepositAsync(host, a, 1_000_000);
        await DepositAsync(host, b, 600_000);
        await DepositAsync(host, c, 500_000);

        // 1. A subscribes 1,000,000 → NAV 10,000, 100 units, cost 1,000,000.
        var subscriptionA = await SubscribeAsync(host, f, a, 1_000_000);
        Assert.Equal(10_000m, subscriptionA.Decimal("nav"));
        Assert.Equal(100, subscriptionA.Long("units"));
        Assert.Equal(1_000_000, subscriptionA.Long("cost"));

        // 2. F acquires SONG-1 for 1,000,000 → fund cash 0.
        await host.CommandAsync($"/api/funds/{f}/properties", new { copyrightCode = "SONG-1", registrationNumber = "REG-0001", musicId = "MUSIC-1", price = 1_000_000 });
        await host.EventuallyAsync($"/api/funds/{f}", fund => fund.GetProperty("properties").GetArrayLength() == 1 && fund.Long("cash") == 0);

        // 3. MCPI 110.00 → property 1,100,000, NAV 11,000.
        await host.CommandAsync("/api/mcpi", new { value = 110.00m });
        var afterIndex = await host.EventuallyAsync($"/api/funds/{f}", fund => fund.Decimal("mcpi") == 110.00m);
        Assert.Equal(1_100_000, afterIndex.GetProperty("properties")[0].Long("value"));
        Assert.Equal(11_000m, afterIndex.Decimal("nav"));

        // 4. B subscribes 550,000 → 50 units; C subscribes 330,000 → 30 units.
        Assert.Equal(50, (await SubscribeAsync(host, f, b, 550_000)).Long("units"));
        Assert.Equal(30, (await SubscribeAsync(host, f, c, 330_000)).Long("units"));
        var afterSubscriptions = await host.EventuallyAsync($"/api/funds/{f}", fund => fund.Long("unitsOutstanding") == 180);
        Assert.Equal(880_000, afterSubscriptions.Long("cash"));
        Assert.Equal(1_980_000, afterSubscriptions.Long("netAssets"));

        // 5. Royalty 18,000 → A 10,000, B 5,000, C 3,000.
        var (royalty, _) = await host.CommandAsync($"/api/funds/{f}/royalties", new { amount = 18_000 });
        var payout = await host.EventuallyAsync($"/api/royalties/{royalty.GetProperty("royaltyId").GetGuid()}", r => r.GetProperty("status").GetString() == "completed");
        Assert.Equal((3L, 3L, 18_000L, 0L), (payout.Long("holdersPaid"), payout.Long("holdersOfRecord"), payout.Long("paid"), payout.Long("retained")));
        await AvailableAsync(host, a, 10_000);
        await AvailableAsync(host, b, 55_000);
        await AvailableAsync(host, c, 173_000);
        Assert.Equal(10_000, (await PortfolioAsync(host, a)).Holding(f).Long("royaltiesReceived"));
        Assert.Equal(5_000, (await PortfolioAsync(host, b)).Holding(f).Long("royaltiesReceived"));
        Assert.Equal(3_000, (await PortfolioAsync(host, c)).Holding(f).Long("royaltiesReceived"));

        // 6. Band 7,700–14,300 (the reference is NAV 11,000), evidenced at both edges by orders probed and cancelled.
        await ProbeAndCancelAsync(host, f, c, 14_300);
        await ProbeAndCancelAsync(host, f, c, 7_700);
        await host.RefusedAsync($"/api/funds/{f}/orders", Order(c, "buy", 14_400, 10), "PRICE_OUT_OF_BAND");
        await host.RefusedAsync($"/api/funds/{f}/orders", Order(c, "buy", 7_600, 1), "PRICE_OUT_OF_BAND");
        await AvailableAsync(host, c, 173_000);

        var sellB = await PlaceAsync(host, f, Order(b, "sell", 12_000, 20), "open");
        var buyC = await PlaceAsync(host, f, Order(c, "buy", 12_100, 10), "open");
        var reserved = await host.EventuallyAsync($"/api/investors/{c}/portfolio", p => p.Long("pendingCash") == 121_000);
        Assert.Equal(52_000, reserved.Long("availableCash"));
        await CancelAsync(host, f, buyC);
        await AvailableAsync(host, c, 173_000);
        var tradeC = await PlaceForStatusAsync(host, f, Order(c, "buy", 12_000, 10), "filled");
        Assert.Equal(10, tradeC.Long("filledQuantity"));
        var sellBAfter = await host.EventuallyAsync($"/api/orders/{sellB}", o => o.String("status") == "partiallyFilled");
        Assert.Equal(10, sellBAfter.Long("remainingQuantity"));

        await host.RefusedAsync($"/api/funds/{f}/orders", Order(c, "buy", 12_050, 10), "INVALID_TICK");
        await host.RefusedAsync($"/api/funds/{f}/orders", Order(c, "buy", 14_400, 10), "PRICE_OUT_OF_BAND");
        await host.RefusedAsync($"/api/funds/{f}/orders", Order(b, "sell", 12_000, 31), "INSUFFICIENT_UNITS");

        var portfolioA = await AvailableAsync(host, a, 10_000);
        var portfolioB = await AvailableAsync(host, b, 175_000);
        var portfolioC = await AvailableAsync(host, c, 53_000);
        Assert.Equal(100, portfolioA.Holding(f).Long("units"));
        Assert.Equal(40, portfolioB.Holding(f).Long("units"));
        Assert.Equal(10, portfolioB.Holding(f).Long("lockedUnits"));
        Assert.Equal(40, portfolioC.Holding(f).Long("units"));
        Assert.Equal(0, portfolioC.Holding(f).Long("lockedUnits"));
        Assert.Equal(120_000, portfolioB.Long("tradingValueToday"));
        Assert.Equal(120_000, portfolioC.Long("tradingValueToday"));
        var traded = await host.EventuallyAsync($"/api/funds/{f}", fund => fund.Long("tradingValueToday") == 120_000);
        Assert.Equal(12_000, traded.Long("currentPrice"));
        Assert.Equal(12_000, portfolioA.Holding(f).Long("currentPrice"));
        Assert.Equal(1_200_000, portfolioA.Holding(f).Long("valuation"));
        Assert.Equal(0.1100m, portfolioA.Holding(f).Decimal("returnRate"));
        Assert.Equal(0.0273m, portfolioB.Holding(f).Decimal("returnRate"));
        Assert.Equal(-0.0156m, portfolioC.Holding(f).Decimal("returnRate"));

        // 7. MCPI 92.00 (≤ 0.92 × 100) → markets halted; a new order gets MARKET_HALTED.
        await host.CommandAsync("/api/mcpi", new { value = 92.00m });
        var index = await host.EventuallyAsync("/api/mcpi", mcpi => mcpi.Decimal("value") == 92.00m);
        Assert.True(index.GetProperty("halted").GetBoolean(), index.GetRawText());
        Assert.Equal(100.00m, index.Decimal("referenceValue"));
        var halted = await host.EventuallyAsync($"/api/funds/{f}", fund => fund.Decimal("mcpi") == 92.00m);
        Assert.True(halted.GetProperty("halted").GetBoolean(), halted.GetRawText());
        Assert.Equal(920_000, halted.GetProperty("properties")[0].Long("value"));
        Assert.Equal(1_800_000, halted.Long("netAssets"));
        Assert.Equal(10_000m, halted.Decimal("nav"));
        await ExpectMarketHaltedAsync(host, f, c);

        // 8. A redeems 50 units → proceeds 500,000; fund cash 380,000, units 130, NAV 10,000.
        var (redemption, redemptionLocation) = await host.CommandAsync($"/api/funds/{f}/redemptions", new { investorId = a, units = 50 });
        Assert.Equal($"/api/redemptions/{redemption.String("redemptionId")}", redemptionLocation);
        var redeemed = await host.EventuallyAsync(redemptionLocation, r => r.String("status") == "completed");
        Assert.Equal(500_000, redeemed.Long("proceeds"));
        var afterRedemption = await host.EventuallyAsync($"/api/funds/{f}", fund => fund.Long("unitsOutstanding") == 130);
        Assert.Equal(380_000, afterRedemption.Long("cash"));
        Assert.Equal(10_000m, afterRedemption.Decimal("nav"));
        var finalA = await AvailableAsync(host, a, 510_000);
        Assert.Equal(50, finalA.Holding(f).Long("units"));
        Assert.Equal(0.0100m, finalA.Holding(f).Decimal("returnRate"));
        Assert.Equal(0.1100m, finalA.Holding(f).Decimal("marketReturnRate"));

        // R24: Σ investors' (available + pending) + fund cash = deposits + royalties − purchases = 1,118,000.
        var reconciliation = await host.EventuallyAsync("/api/reconciliation", r => r.GetProperty("settled").GetBoolean());
        Assert.True(reconciliation.GetProperty("agrees").GetBoolean(), reconciliation.GetRawText());
        Assert.Equal(1_118_000, reconciliation.Long("left"));
        Assert.Equal(1_118_000, reconciliation.Long("right"));

        // The running totals (the route's answer) are what the full fold of the log answers; any other 'verify' is 400.
        var full = await host.EventuallyAsync("/api/reconciliation?verify=full", r => r.GetProperty("settled").GetBoolean());
        var running = await host.EventuallyAsync("/api/reconciliation", r => r.Long("eventsRead") == full.Long("eventsRead"));
        Assert.Equal((full.Long("left"), full.Long("right"), full.Long("inTransit")), (running.Long("left"), running.Long("right"), running.Long("inTransit")));
        using var badVerify = await host.Client.GetAsync(new Uri("/api/reconciliation?verify=yes", UriKind.Relative));
        Assert.Equal(400, (int)badVerify.StatusCode);
    }

    private static object Order(string investorId, string side, long price, long quantity) => new { investorId, side, price, quantity };

    private static async Task<string> RegisterAsync(RunningHost host, string name, string loginId)
    {
        var (body, location) = await host.CommandAsync("/api/investors", new { name, loginId, password = "correct horse battery" }, 201);
        var investorId = body.String("investorId")!;
        Assert.Equal($"/api/investors/{investorId}", location);
        await host.EventuallyAsync(location, profile => profile.String("loginId") == loginId);
        return investorId;
    }

    private static async Task DepositAsync(RunningHost host, string investorId, long amount)
    {
        var (_, location) = await host.CommandAsync($"/api/investors/{investorId}/deposits", new { amount });
        Assert.Equal($"/api/investors/{investorId}/portfolio", location);
        await host.EventuallyAsync(location, portfolio => portfolio.Long("availableCash") == amount);
    }

    private static async Task<JsonElement> SubscribeAsync(RunningHost host, string fundId, string investorId, long amount)
    {
        var (_, location) = await host.CommandAsync($"/api/funds/{fundId}/subscriptions", new { investorId, amount });
        Assert.StartsWith("/api/subscriptions/", location, StringComparison.Ordinal);
        return await host.EventuallyAsync(location, s => s.String("status") == "completed");
    }

    private static Task<JsonElement> PortfolioAsync(RunningHost host, string investorId) =>
        host.EventuallyAsync($"/api/investors/{investorId}/portfolio", _ => true);

    private static Task<JsonElement> AvailableAsync(RunningHost host, string investorId, long available) =>
        host.EventuallyAsync($"/api/investors/{investorId}/portfolio", p => p.Long("availableCash") == available);

    /// <summary>Places an order, waits for its status to reach <paramref name="status"/> and returns the order's id.</summary>
    private static async Task<string> PlaceAsync(RunningHost host, string fundId, object order, string status) =>
        (await PlaceForStatusAsync(host, fundId, order, status)).String("orderId")!;

    private static async Task<JsonElement> PlaceForStatusAsync(RunningHost host, string fundId, object order, string status)
    {
        var (body, location) = await host.CommandAsync($"/api/funds/{fundId}/orders", order);
        Assert.Equal($"/api/orders/{body.String("orderId")}", location);
        return await host.EventuallyAsync(location, o => o.String("status") == status);
    }

    private static async Task CancelAsync(RunningHost host, string fundId, string orderId)
    {
        using var response = await host.DeleteAsync($"/api/funds/{fundId}/orders/{orderId}");
        Assert.Equal(202, (int)response.StatusCode);
        Assert.Equal($"/api/orders/{orderId}", response.Headers.Location!.OriginalString);
        await host.EventuallyAsync($"/api/orders/{orderId}", o => o.String("status") == "cancelled");
    }

    /// <summary>An order at <paramref name="price"/> is accepted (so the price is inside the band) and then cancelled.</summary>
    private static async Task ProbeAndCancelAsync(RunningHost host, string fundId, string investorId, long price)
    {
        var probe = await PlaceForStatusAsync(host, fundId, Order(investorId, "buy", price, 1), "open");
        await CancelAsync(host, fundId, probe.String("orderId")!);
    }

    /// <summary>
    /// SPEC §4: a rule checkable in the first stream is refused at once, one only a later saga step can check shows on
    /// the status resource. The halt is both; either way the answer must be MARKET_HALTED.
    /// </summary>
    private static async Task ExpectMarketHaltedAsync(RunningHost host, string fundId, string investorId)
    {
        using var response = await host.PostAsync($"/api/funds/{fundId}/orders", Order(investorId, "buy", 10_000, 1));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        if ((int)response.StatusCode == 202)
        {
            var rejected = await host.EventuallyAsync(response.Headers.Location!.OriginalString, o => o.String("status") == "rejected");
            Assert.Equal("MARKET_HALTED", rejected.String("code"));
        }
        else
        {
            Assert.Equal("MARKET_HALTED", body.String("code"));
        }
    }
}
