using OkCow.Application.ChangeFeed;
using OkCow.Application.Documents;
using OkCow.Application.Projections;
using OkCow.Domain.Markets;

namespace OkCow.Application.ReadModels.OrderBook;

public sealed class OrderBookProjector(ViewWriter views) : IEventHandler
{
    public string Name => "projection:orderbook";

    public Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        // A rejected order never rested, so it leaves the book as it is.
        if (envelope.Event is not OrderBookEvent @event || @event is OrderBookEvent.OrderRejected)
        {
            return Task.CompletedTask;
        }

        var fundId = StreamKeys.OrderBookFundId(envelope.StreamId);
        return views.ApplyAsync<OrderBookView>(
            Containers.OrderBooks,
            StreamKeys.Key(fundId),
            OrderBookView.DocumentId,
            envelope,
            view => OrderBookProjection.Apply(view ?? OrderBookView.Empty(fundId), @event),
            cancellationToken);
    }
}
