using OkCow.Application.ChangeFeed;
using OkCow.Application.Documents;
using OkCow.Application.PersonalData;
using OkCow.Application.ReadModels.InvestorProfile;
using OkCow.Application.Projections;
using OkCow.Domain.Investors;

namespace OkCow.Application.ReadModels.InvestorList;

public sealed class InvestorListProjector(ViewWriter views, PersonalDataVault vault) : IPrefetchingHandler
{
    public string Name => "projection:investor-list";

    public Task PrefetchAsync(IReadOnlyList<EventEnvelope> batch, CancellationToken cancellationToken) =>
        views.PrefetchAsync<InvestorListItemView>(
            Containers.Directory,
            batch.Where(e => e.Event is InvestorEvent).Select(e => (InvestorListItemView.Partition, StreamKeys.Key(StreamKeys.InvestorId(e.StreamId)))),
            cancellationToken);

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Event is not InvestorEvent @event)
        {
            return;
        }

        var details = @event is InvestorEvent.InvestorRegistered registered
            ? await InvestorProfileProjector.OpenAsync(vault, registered, cancellationToken).ConfigureAwait(false)
            : null;
        var investorId = StreamKeys.InvestorId(envelope.StreamId);
        await views.ApplyAsync<InvestorListItemView>(
            Containers.Directory,
            InvestorListItemView.Partition,
            StreamKeys.Key(investorId),
            envelope,
            view => InvestorListProjection.Apply(view ?? InvestorListItemView.Empty(investorId), @event, details),
            cancellationToken).ConfigureAwait(false);
    }
}
