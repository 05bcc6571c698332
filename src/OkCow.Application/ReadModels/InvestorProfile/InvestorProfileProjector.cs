using OkCow.Application.ChangeFeed;
using OkCow.Application.Documents;
using OkCow.Application.Projections;
using OkCow.Domain.Investors;

namespace OkCow.Application.ReadModels.InvestorProfile;

public sealed class InvestorProfileProjector(ViewWriter views) : IEventHandler
{
    public string Name => "projection:investor-profile";

    public Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken) => envelope.Event switch
    {
        InvestorEvent.InvestorRegistered e => views.ApplyAsync<InvestorProfileView>(
            Containers.Investors,
            StreamKeys.Key(e.InvestorId),
            InvestorProfileView.DocumentId,
            envelope,
            view => InvestorProfileProjection.Apply(view, e),
            cancellationToken),
        _ => Task.CompletedTask,
    };
}
