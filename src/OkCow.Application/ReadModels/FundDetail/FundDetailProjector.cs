using OkCow.Application.ChangeFeed;
using OkCow.Application.Documents;
using OkCow.Application.Projections;
using OkCow.Domain.Funds;
using OkCow.Domain.Markets;

namespace OkCow.Application.ReadModels.FundDetail;

public sealed class FundDetailProjector(ViewWriter views) : IEventHandler
{
    public string Name => "projection:fund-detail";

    public Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken) => envelope.Event switch
    {
        FundEvent e => WriteAsync(StreamKeys.FundId(envelope.StreamId), view => FundDetailProjection.Apply(view, e), envelope, cancellationToken),
        OrderBookEvent.TradeExecuted e => WriteAsync(StreamKeys.OrderBookFundId(envelope.StreamId), view => FundDetailProjection.Apply(view, e), envelope, cancellationToken),
        _ => Task.CompletedTask,
    };

    private Task WriteAsync(Guid fundId, Func<FundDetailView, FundDetailView> apply, EventEnvelope envelope, CancellationToken cancellationToken) =>
        views.ApplyAsync<FundDetailView>(
            Containers.Funds,
            StreamKeys.Key(fundId),
            FundDetailView.DocumentId,
            envelope,
            view => apply(view ?? FundDetailView.Empty(fundId)),
            cancellationToken);
}
