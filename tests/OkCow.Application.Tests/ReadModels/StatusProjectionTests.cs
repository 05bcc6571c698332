using OkCow.Application.ReadModels.Statuses;
using OkCow.Application.Tests.Support;
using OkCow.Domain.Common;
using OkCow.Domain.Investors;
using static OkCow.Domain.Funds.FundEvent;
using static OkCow.Domain.Investors.InvestorEvent;
using static OkCow.Domain.Markets.OrderBookEvent;

namespace OkCow.Application.Tests.ReadModels;

public sealed class StatusProjectionTests
{
    private static readonly Guid Investor = Guid.NewGuid();
    private static readonly Guid Seller = Guid.NewGuid();
    private static readonly Guid Fund = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = TestClock.Start;

    public static TheoryData<string, string, string?, long, long> OrderHistories => new()
    {
        { "placed", StatusValues.Pending, null, 0, 10 },
        { "accepted", StatusValues.Open, null, 0, 10 },
        { "partial", StatusValues.PartiallyFilled, null, 4, 6 },
        { "filled", StatusValues.Filled, null, 10, 0 },
        { "cancelled", StatusValues.Cancelled, null, 4, 0 },
        { "rejected", StatusValues.Rejected, ErrorCodes.MarketHalted, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(OrderHistories))]
    public void Given_an_order_history_in_every_arrival_order_Then_the_status_is_the_same(string history, string status, string? code, long filled, long remaining)
    {
        var order = Guid.NewGuid();
        var events = OrderHistory(history, order);

        foreach (var permutation in Permutations(events))
        {
            var view = permutation.Aggregate(OrderStatusView.Empty(order), StatusProjection.Apply);

            Assert.Equal((status, code), StatusProjection.StatusOf(view));
            Assert.Equal(filled, view.FilledQuantity);
            Assert.Equal(remaining, StatusProjection.RemainingQuantityOf(view));
        }
    }

    [Fact]
    public void Given_only_the_investors_release_after_a_halt_Then_the_order_is_rejected_with_its_code()
    {
        var order = Guid.NewGuid();
        var view = new object[]
        {
            Placed(order),
            new OrderReleased(Investor, order, Fund, 120_000, 0, ErrorCodes.MarketHalted, T0),
        }.Aggregate(OrderStatusView.Empty(order), StatusProjection.Apply);

        Assert.Equal((StatusValues.Rejected, ErrorCodes.MarketHalted), StatusProjection.StatusOf(view));
    }

    [Fact]
    public void Given_a_subscription_in_every_arrival_order_Then_it_completes_with_units_cost_and_nav()
    {
        var subscription = Guid.NewGuid();
        var events = new object[]
        {
            new SubscriptionRequested(Investor, subscription, Fund, 550_000, T0),
            new UnitsIssued(Fund, subscription, Investor, 550_000, 50, 550_000, 11_000m, 1_100_000, 100, 11_000, T0.AddSeconds(1)),
            new SubscriptionSettled(Investor, subscription, Fund, 550_000, 50, 550_000, T0.AddSeconds(2)),
        };

        foreach (var permutation in Permutations(events))
        {
            var view = permutation.Aggregate(SubscriptionStatusView.Empty(subscription), StatusProjection.Apply);

            Assert.Equal((StatusValues.Completed, (string?)null), StatusProjection.StatusOf(view));
            Assert.Equal((50L, 550_000L, 11_000m), (view.Units, view.Cost, view.Nav));
            Assert.Equal(T0, view.RequestedAt);
            Assert.Equal(T0.AddSeconds(2), view.UpdatedAt);
        }
    }

    [Fact]
    public void Given_a_refused_subscription_Then_it_is_pending_until_released_and_then_rejected_with_the_code()
    {
        var subscription = Guid.NewGuid();
        var refused = new object[]
        {
            new SubscriptionRequested(Investor, subscription, Fund, 5_000, T0),
            new SubscriptionRefused(Fund, subscription, Investor, 5_000, ErrorCodes.AmountBelowNav, 11_000m, 11_000, T0),
        }.Aggregate(SubscriptionStatusView.Empty(subscription), StatusProjection.Apply);
        var released = StatusProjection.Apply(refused, new SubscriptionReleased(Investor, subscription, Fund, 5_000, ErrorCodes.AmountBelowNav, T0));

        Assert.Equal(StatusValues.Pending, StatusProjection.StatusOf(refused).Status);
        Assert.Equal((StatusValues.Rejected, ErrorCodes.AmountBelowNav), StatusProjection.StatusOf(released));
    }

    [Fact]
    public void Given_a_redemption_settled_before_the_fund_event_arrives_Then_it_is_completed_with_proceeds_and_nav()
    {
        var redemption = Guid.NewGuid();
        var view = new object[]
        {
            new RedemptionSettled(Investor, redemption, Fund, 50, 500_000, T0),
            new RedemptionRequested(Investor, redemption, Fund, 50, T0),
            new UnitsRedeemed(Fund, redemption, Investor, 50, 500_000, 1_800_000, 180, 9_200, T0),
        }.Aggregate(RedemptionStatusView.Empty(redemption), StatusProjection.Apply);

        Assert.Equal(StatusValues.Completed, StatusProjection.StatusOf(view).Status);
        Assert.Equal((50L, 500_000L, 10_000m), (view.Units, view.Proceeds, view.Nav));
    }

    private static OrderPlaced Placed(Guid order) =>
        new(Investor, order, Fund, OrderSide.Buy, 12_000, 10, 120_000, 0m, 11_000, 7_700, 14_300, T0);

    private static object[] OrderHistory(string history, Guid order)
    {
        var accepted = new OrderAccepted(Fund, order, Investor, OrderSide.Buy, 12_000, 10, 0m, T0);
        TradeExecuted Trade(long quantity, bool filled) =>
            new(Fund, Guid.NewGuid(), 12_000, quantity, order, Investor, 0, filled, Guid.NewGuid(), Seller, 0, false, T0);

        return history switch
        {
            "placed" => [Placed(order)],
            "accepted" => [Placed(order), accepted],
            "partial" => [Placed(order), accepted, Trade(4, false)],
            "filled" => [Placed(order), accepted, Trade(4, false), Trade(6, true)],
            "cancelled" =>
            [
                Placed(order),
                accepted,
                Trade(4, false),
                new OrderCancelled(Fund, order, Investor, OrderSide.Buy, 6, T0),
                new OrderReleased(Investor, order, Fund, 72_000, 0, StatusProjection.CancelledReason, T0),
            ],
            "rejected" =>
            [
                Placed(order),
                new OrderRejected(Fund, order, Investor, ErrorCodes.MarketHalted, T0),
                new OrderReleased(Investor, order, Fund, 120_000, 0, ErrorCodes.MarketHalted, T0),
            ],
            _ => throw new ArgumentOutOfRangeException(nameof(history)),
        };
    }

    private static IEnumerable<IReadOnlyList<object>> Permutations(IReadOnlyList<object> items)
    {
        if (items.Count <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, j) => j != i).ToList();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }
}
