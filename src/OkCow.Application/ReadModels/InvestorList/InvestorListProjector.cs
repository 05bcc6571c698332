using OkCow.Application.ChangeFeed;
using OkCow.Application.Documents;
using OkCow.Application.Projections;
using OkCow.Domain.Investors;

namespace OkCow.Application.ReadModels.InvestorList;

public sealed class InvestorListProjector(ViewWriter views) : IPrefetchingHandler
{
    public string Name => "projection:investor-list";

    public Task PrefetchAsync(IReadOnlyList<EventEnvelope> batch, CancellationToken cancellationToken) =>
        views.PrefetchAsync<InvestorListItemView>(
            Containers.Directory,
            batch.Where(e => e.Event is InvestorEvent).Select(e => (InvestorListItemView.Partition, StreamKeys.Key(StreamKeys.InvestorId(e.StreamId)))),
            cancellationToken);

    public Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Event is not InvestorEvent @event)
        {
            return Task.CompletedTask;
        }

        var investorId = StreamKeys.InvestorId(envelope.StreamId);
        return views.ApplyAsync<InvestorListItemView>(
            Containers.Directory,
            InvestorListItemView.Partition,
            StreamKeys.Key(investorId),
            envelope,
            view => InvestorListProjection.Apply(view ?? InvestorListItemView.Empty(investorId), @event),
            cancellationToken);
    }
}
