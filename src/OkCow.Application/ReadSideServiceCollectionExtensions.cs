using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OkCow.Application.ChangeFeed;
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
using OkCow.Application.ReadModels.Statuses;
using OkCow.Application.Serialization;

namespace OkCow.Application;

public static class ReadSideServiceCollectionExtensions
{
    /// <summary>
    /// The read side: every projection as an <see cref="IEventHandler"/>, the dispatcher that feeds them and the
    /// query facade. The host registers the stores (IEventStore, IChangeFeed, IDocumentStore) and logging.
    /// </summary>
    public static IServiceCollection AddOkCowReadSide(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddSingleton(EventTypes.Default);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ViewWriter>();
        services.TryAddSingleton<ReadQueries>();
        services.TryAddSingleton<ChangeFeedDispatcher>();

        // The fund list goes before the NAV history so that, within a batch, a new fund is listed before the MCPI
        // fan-out looks for it.
        services.TryAddEnumerable(
        [
            ServiceDescriptor.Singleton<IEventHandler, InvestorProfileProjector>(),
            ServiceDescriptor.Singleton<IEventHandler, PortfolioProjector>(),
            ServiceDescriptor.Singleton<IEventHandler, InvestorListProjector>(),
            ServiceDescriptor.Singleton<IEventHandler, FundListProjector>(),
            ServiceDescriptor.Singleton<IEventHandler, FundDetailProjector>(),
            ServiceDescriptor.Singleton<IEventHandler, NavHistoryProjector>(),
            ServiceDescriptor.Singleton<IEventHandler, OrderBookProjector>(),
            ServiceDescriptor.Singleton<IEventHandler, StatusesProjector>(),
            ServiceDescriptor.Singleton<IEventHandler, McpiProjector>(),
        ]);

        return services;
    }
}
