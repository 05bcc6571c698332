using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OkCow.Application.ChangeFeed;
using OkCow.Application.Documents;
using OkCow.Application.EventStore;
using OkCow.Application.Projections;
using OkCow.Application.Serialization;

namespace OkCow.Application.ReadModels.Rebuild;

/// <summary>What a rebuild did.</summary>
public sealed record RebuildReport(string Generation, long Events, int Projections, TimeSpan Elapsed);

/// <summary>
/// Rebuilds every read model from the whole log into the containers of a fresh generation (see
/// <see cref="ReadModelStore"/>), with the very projections the change feed runs. The live generation is untouched
/// until an operator switches <c>OkCow:ReadModels:Generation</c>; running the rebuild again after the switch catches
/// up whatever arrived in between (projections skip what they have applied).
/// </summary>
public sealed class ReadModelRebuilder(
    IServiceProvider services,
    IDocumentStore documents,
    IChangeFeed changeFeed,
    ILogger<ReadModelRebuilder> logger)
{
    private const int PageSize = 500;

    public async Task<RebuildReport> RebuildAsync(string generation, CancellationToken cancellationToken = default)
    {
        var target = new ReadModelStore(documents, generation);
        var writer = new ViewWriter(target);
        var projectors = ProjectorTypes
            .Select(type => ReadSideServiceCollectionExtensions.CreateProjector(services, type, writer, target))
            .ToList();
        var dispatcher = new ChangeFeedDispatcher(
            projectors.Select(p => (IEventHandler)new Renamed(p, $"rebuild-{generation}:{p.Name}")),
            services.GetRequiredService<EventTypes>(),
            services.GetRequiredService<IEventStore>(),
            documents,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<ChangeFeedDispatcher>>());

        var watch = Stopwatch.StartNew();
        long count = 0;
        string? continuation = null;
        while (true)
        {
            var page = await changeFeed.ReadAsync(continuation, PageSize, cancellationToken).ConfigureAwait(false);
            if (page.Events.Count == 0)
            {
                break;
            }

            await dispatcher.DispatchAsync(page.Events, cancellationToken).ConfigureAwait(false);
            count += page.Events.Count;
            continuation = page.Continuation;
        }

        logger.LogInformation("Rebuilt {Projections} read models into generation {Generation} from {Events} events in {Elapsed}", projectors.Count, generation, count, watch.Elapsed);
        return new RebuildReport(generation, count, projectors.Count, watch.Elapsed);
    }

    private static IReadOnlyList<Type> ProjectorTypes => ReadSideServiceCollectionExtensions.Projectors;

    /// <summary>Keeps a rebuild's parked streams apart from the live projections'.</summary>
    private sealed class Renamed(IEventHandler inner, string name) : IEventHandler
    {
        public string Name { get; } = name;

        public Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken) => inner.HandleAsync(envelope, cancellationToken);
    }
}
