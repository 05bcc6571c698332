using OkCow.Domain.Investors;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Domain.Tests.Investors;

public partial class InvestorTests
{
    private static readonly Guid InvestorId = Guid.Parse("0b8f3a52-6d4e-4c1a-9f0e-000000000001");
    private static readonly Guid FundId = Guid.Parse("f0f0f0f0-0000-4000-8000-000000000001");
    private static readonly Guid OtherFundId = Guid.Parse("f0f0f0f0-0000-4000-8000-000000000002");
    private static readonly Guid SubscriptionId = Guid.Parse("5b5b5b5b-0000-4000-8000-000000000001");
    private static readonly Guid RedemptionId = Guid.Parse("7e7e7e7e-0000-4000-8000-000000000001");
    private static readonly Guid OrderId = Guid.Parse("0d0d0d0d-0000-4000-8000-000000000001");
    private static readonly Guid TradeId = Guid.Parse("7a7a7a7a-0000-4000-8000-000000000001");
    private static readonly Guid SecondTradeId = Guid.Parse("7a7a7a7a-0000-4000-8000-000000000002");
    private static readonly Guid RoyaltyId = Guid.Parse("40404040-0000-4000-8000-000000000001");
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 1, 0, 0, TimeSpan.Zero);

    /// <summary>Reference 11,000: the band runs from 7,700 to 14,300 (SPEC §3 step 6).</summary>
    private static readonly MarketConditions OpenMarket = new(11_000, false);

    private static readonly InvestorRegistered Registered = new(InvestorId, "Ada Lovelace", "ada", "salted-hash", Now);

    private static DeciderSpec<InvestorDecider, InvestorCommand, InvestorEvent, InvestorState> Spec() => new();

    private static CashDeposited Deposited(long amount) => new(InvestorId, amount, Now);

    /// <summary>The events that leave the investor holding <paramref name="units"/> of a fund, bought through a subscription.</summary>
    private static InvestorEvent[] Holds(long units, Guid? fundId = null)
    {
        var fund = fundId ?? FundId;
        var subscription = Guid.NewGuid();
        var cost = units * 10_000;
        return
        [
            Deposited(cost),
            new SubscriptionRequested(InvestorId, subscription, fund, cost, Now),
            new SubscriptionSettled(InvestorId, subscription, fund, cost, units, cost, Now),
        ];
    }

    private static OrderPlaced BuyPlaced(long price, long quantity, decimal feeRate = 0m, Guid? orderId = null) => new(
        InvestorId,
        orderId ?? OrderId,
        FundId,
        OrderSide.Buy,
        price,
        quantity,
        price * quantity + (long)decimal.Floor(price * quantity * feeRate),
        feeRate,
        11_000,
        7_700,
        14_300,
        Now);

    private static OrderPlaced SellPlaced(long price, long quantity, decimal feeRate = 0m, Guid? orderId = null) =>
        new(InvestorId, orderId ?? OrderId, FundId, OrderSide.Sell, price, quantity, 0, feeRate, 11_000, 7_700, 14_300, Now);

    private static void AssertOpenOrder(OpenOrder expected, OpenOrder actual) => Assert.Equal(expected, actual);
}
