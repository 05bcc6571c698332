using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OkCow.Application.ChangeFeed;
using OkCow.Application.Documents;
using OkCow.Application.Projections;
using OkCow.Application.Queries;
using OkCow.Application.ReadModels.FundDetail;
using OkCow.Application.ReadModels.FundList;
using OkCow.Application.ReadModels.InvestorList;
using OkCow.Application.ReadModels.InvestorProfile;
using OkCow.Application.ReadModels.Mcpi;
using OkCow.Application.ReadModels.NavHistory;
using OkCow.Application.ReadModels.OrderBook;
using OkCow.Application.ReadModels.Portfolio;
using OkCow.Application.ReadModels.Rebuild;
using OkCow.Application.ReadModels.Reconciliation;
using OkCow.Application.ReadModels.Statuses;
using OkCow.Application.Serialization;

namespace OkCow.Application;

public static class ReadSideServiceCollectionExtensions
{
    /// <summary>Every projection, in the order they see each batch.</summary>
    public static IReadOnlyList<Type> Projectors { get; } =
    [
        typeof(InvestorProfileProjector),
        typeof(PortfolioProjector),
        typeof(InvestorListProjector),
        typeof(FundListProjector),
        typeof(FundDetailProjector),
        typeof(NavHistoryProjector),
        typeof(OrderBookProjector),
        typeof(StatusesProjector),
        typeof(McpiProjector),
        typeof(ReconciliationProjector),
    ];

    /// <summary>
    /// The read side: every projection as an <see cref="IEventHandler"/>, the dispatcher that feeds them and the
    /// query facade. The host registers the stores (IEventStore, IChangeFeed, IDocumentStore) and logging.
    /// </summary>
    /// <param name="generation">The read-model generation queries and projections use ("" for the original containers).</param>
    public static IServiceCollection AddOkCowReadSide(this IServiceCollection services, string generation = "")
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddSingleton(EventTypes.Default);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ReadModelStore(sp.GetRequiredService<IDocumentStore>(), generation));
        services.TryAddSingleton(sp => new ViewWriter(sp.GetRequiredService<ReadModelStore>()));
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<ReadQueries>(sp, sp.GetRequiredService<ReadModelStore>()));
        services.TryAddSingleton<ChangeFeedDispatcher>();
        services.TryAddSingleton<ReadModelRebuilder>();
        services.AddOkCowPersonalData();

        // The fund list goes before the NAV history so that, within a batch, a new fund is listed before the MCPI
        // fan-out looks for it.
        foreach (var type in Projectors)
        {
            services.AddSingleton(typeof(IEventHandler), sp => CreateProjector(sp, type, sp.GetRequiredService<ViewWriter>(), sp.GetRequiredService<ReadModelStore>()));
        }

        return services;
    }

    /// <summary>A projector writing through <paramref name="writer"/> and reading <paramref name="store"/>, whichever of the two it takes.</summary>
    internal static IEventHandler CreateProjector(IServiceProvider services, Type type, ViewWriter writer, ReadModelStore store)
    {
        var wanted = type.GetConstructors().Single().GetParameters().Select(p => p.ParameterType).ToList();
        object[] given = [.. new object[] { writer, store }.Where(arg => wanted.Any(t => t.IsInstanceOfType(arg)))];
        return (IEventHandler)ActivatorUtilities.CreateInstance(services, type, given);
    }
}
