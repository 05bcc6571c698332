using OkCow.Application.ChangeFeed;
using OkCow.Application.Documents;
using OkCow.Application.Projections;
using OkCow.Domain.Investors;

namespace OkCow.Application.ReadModels.Portfolio;

/// <summary>Projects the investor's stream only: everything a portfolio shows is owned by that stream.</summary>
public sealed class PortfolioProjector(ViewWriter views) : IPrefetchingHandler
{
    public string Name => "projection:portfolio";

    public Task PrefetchAsync(IReadOnlyList<EventEnvelope> batch, CancellationToken cancellationToken) =>
        views.PrefetchAsync<PortfolioView>(
            Containers.Investors,
            batch.Where(e => e.Event is InvestorEvent).Select(e => (StreamKeys.Key(StreamKeys.InvestorId(e.StreamId)), PortfolioView.DocumentId)),
            cancellationToken);

    public Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Event is not InvestorEvent @event)
        {
            return Task.CompletedTask;
        }

        var investorId = StreamKeys.InvestorId(envelope.StreamId);
        return views.ApplyAsync<PortfolioView>(
            Containers.Investors,
            StreamKeys.Key(investorId),
            PortfolioView.DocumentId,
            envelope,
            view => PortfolioProjection.Apply(view ?? PortfolioView.Empty(investorId), @event),
            cancellationToken);
    }
}
