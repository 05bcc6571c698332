using OkCow.Application.Commands;
using OkCow.Application.EventStore;
using OkCow.Application.Serialization;
using OkCow.Domain.Investors;

namespace OkCow.Application.ReadModels.Statuses;

/// <summary>
/// SPEC 8: the Location of an accepted command answers at once. Subscriptions, redemptions and orders are accepted by
/// writing the investor's stream; until the status view has caught up, the request is found there (in the stream's
/// newest <see cref="Window"/> events, read after one head read) and answered as pending.
/// </summary>
public sealed class AcceptedRequests(IEventStore events, EventTypes eventTypes)
{
    /// <summary>How far back from the head the request is looked for: far more than a view ever lags behind.</summary>
    public const int Window = 256;

    /// <summary>The event that accepted <paramref name="requestId"/> into <paramref name="investorId"/>'s stream, or null.</summary>
    public async Task<InvestorEvent?> FindAsync(Guid investorId, Guid requestId, CancellationToken cancellationToken)
    {
        var stream = Streams.Investor(investorId);
        var head = await events.ReadHeadAsync(stream, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return null;
        }

        var tail = await events.ReadStreamAsync(stream, new StreamReadOptions(Math.Max(1, head.Version - Window + 1)), cancellationToken).ConfigureAwait(false);
        for (var i = tail.Count - 1; i >= 0; i--)
        {
            var found = eventTypes.Deserialize(tail[i]) switch
            {
                InvestorEvent.SubscriptionRequested e when e.SubscriptionId == requestId => (InvestorEvent)e,
                InvestorEvent.RedemptionRequested e when e.RedemptionId == requestId => e,
                InvestorEvent.OrderPlaced e when e.OrderId == requestId => e,
                _ => null,
            };
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }
}
