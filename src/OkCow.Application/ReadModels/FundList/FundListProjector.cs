using OkCow.Application.ChangeFeed;
using OkCow.Application.Documents;
using OkCow.Application.Projections;
using OkCow.Domain.Funds;

namespace OkCow.Application.ReadModels.FundList;

public sealed class FundListProjector(ViewWriter views) : IEventHandler
{
    public string Name => "projection:fund-list";

    public Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken) => envelope.Event switch
    {
        FundEvent.FundCreated e => views.ApplyAsync<FundListItemView>(
            Containers.Directory,
            FundListItemView.Partition,
            StreamKeys.Key(e.FundId),
            envelope,
            view => FundListProjection.Apply(view, e),
            cancellationToken),
        _ => Task.CompletedTask,
    };
}
