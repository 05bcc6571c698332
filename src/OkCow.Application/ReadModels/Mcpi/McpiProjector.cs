using OkCow.Application.ChangeFeed;
using OkCow.Application.Documents;
using OkCow.Application.Projections;
using OkCow.Domain.Index;

namespace OkCow.Application.ReadModels.Mcpi;

public sealed class McpiProjector(ViewWriter views) : IEventHandler
{
    public string Name => "projection:mcpi";

    public Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken) => envelope.Event switch
    {
        McpiEvent e => views.ApplyAsync<McpiView>(
            Containers.Directory,
            McpiView.Partition,
            McpiView.DocumentId,
            envelope,
            view => McpiProjection.Apply(view ?? McpiView.Empty, e),
            cancellationToken),
        _ => Task.CompletedTask,
    };
}
