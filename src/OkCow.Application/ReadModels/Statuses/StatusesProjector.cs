using OkCow.Application.ChangeFeed;
using OkCow.Application.Documents;
using OkCow.Application.Projections;
using static OkCow.Domain.Funds.FundEvent;
using static OkCow.Domain.Investors.InvestorEvent;
using static OkCow.Domain.Markets.OrderBookEvent;

namespace OkCow.Application.ReadModels.Statuses;

/// <summary>Routes the saga events of the investor, fund and order book streams to the status documents they concern.</summary>
public sealed class StatusesProjector(ViewWriter views) : IPrefetchingHandler
{
    public string Name => "projection:statuses";

    public async Task PrefetchAsync(IReadOnlyList<EventEnvelope> batch, CancellationToken cancellationToken)
    {
        static (string, string) Key(Guid id) => (StreamKeys.Key(id), StreamKeys.Key(id));
        var events = batch.Select(e => e.Event).ToList();
        await views.PrefetchAsync<SubscriptionStatusView>(Containers.Statuses, events.Select(SubscriptionIdOf).OfType<Guid>().Select(Key), cancellationToken).ConfigureAwait(false);
        await views.PrefetchAsync<RedemptionStatusView>(Containers.Statuses, events.Select(RedemptionIdOf).OfType<Guid>().Select(Key), cancellationToken).ConfigureAwait(false);
        await views.PrefetchAsync<RoyaltyStatusView>(Containers.Statuses, events.Select(RoyaltyIdOf).OfType<Guid>().Select(Key), cancellationToken).ConfigureAwait(false);
        await views.PrefetchAsync<OrderStatusView>(Containers.Statuses, events.SelectMany(OrderIdsOf).Select(Key), cancellationToken).ConfigureAwait(false);
    }

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var @event = envelope.Event;
        if (SubscriptionIdOf(@event) is { } subscriptionId)
        {
            await WriteAsync(subscriptionId, envelope, (SubscriptionStatusView? view) => StatusProjection.Apply(view ?? SubscriptionStatusView.Empty(subscriptionId), @event), cancellationToken).ConfigureAwait(false);
        }
        else if (RedemptionIdOf(@event) is { } redemptionId)
        {
            await WriteAsync(redemptionId, envelope, (RedemptionStatusView? view) => StatusProjection.Apply(view ?? RedemptionStatusView.Empty(redemptionId), @event), cancellationToken).ConfigureAwait(false);
        }
        else if (RoyaltyIdOf(@event) is { } royaltyId)
        {
            await WriteAsync(royaltyId, envelope, (RoyaltyStatusView? view) => StatusProjection.Apply(view ?? RoyaltyStatusView.Empty(royaltyId), @event), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // A trade concerns two orders, each document applying it once.
            foreach (var orderId in OrderIdsOf(@event))
            {
                await WriteAsync(orderId, envelope, (OrderStatusView? view) => StatusProjection.Apply(view ?? OrderStatusView.Empty(orderId), @event), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static Guid? SubscriptionIdOf(object @event) => @event switch
    {
        SubscriptionRequested e => e.SubscriptionId,
        SubscriptionSettled e => e.SubscriptionId,
        SubscriptionReleased e => e.SubscriptionId,
        UnitsIssued e => e.SubscriptionId,
        SubscriptionRefused e => e.SubscriptionId,
        _ => null,
    };

    private static Guid? RedemptionIdOf(object @event) => @event switch
    {
        RedemptionRequested e => e.RedemptionId,
        RedemptionSettled e => e.RedemptionId,
        RedemptionReleased e => e.RedemptionId,
        UnitsRedeemed e => e.RedemptionId,
        RedemptionRefused e => e.RedemptionId,
        _ => null,
    };

    private static Guid? RoyaltyIdOf(object @event) => @event switch
    {
        RoyaltyRecorded e => e.RoyaltyId,
        RoyaltyPagePaid e => e.RoyaltyId,
        RoyaltyCompleted e => e.RoyaltyId,
        RoyaltyDistributed e => e.RoyaltyId,
        _ => null,
    };

    private static Guid[] OrderIdsOf(object @event) => @event switch
    {
        OrderPlaced e => [e.OrderId],
        OrderReleased e => [e.OrderId],
        OrderAccepted e => [e.OrderId],
        TradeExecuted e => [e.BuyOrderId, e.SellOrderId],
        OrderCancelled e => [e.OrderId],
        OrderRejected e => [e.OrderId],
        _ => [],
    };

    private Task WriteAsync<TView>(Guid id, EventEnvelope envelope, Func<TView?, TView> apply, CancellationToken cancellationToken)
        where TView : ProjectedView
    {
        var key = StreamKeys.Key(id);
        return views.ApplyAsync<TView>(Containers.Statuses, key, key, envelope, view => apply(view), cancellationToken);
    }
}
