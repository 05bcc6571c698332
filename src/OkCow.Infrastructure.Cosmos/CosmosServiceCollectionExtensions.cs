using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OkCow.Application.Documents;
using OkCow.Application.EventStore;
using OkCow.Infrastructure.Cosmos.Documents;
using OkCow.Infrastructure.Cosmos.EventStore;

namespace OkCow.Infrastructure.Cosmos;

public static class CosmosServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="CosmosClient"/> built from the <c>CosmosDb</c> section (see
    /// <see cref="CosmosClientFactory.ReadSettings"/>) and the Cosmos <see cref="IEventStore"/>, <see cref="IChangeFeed"/>
    /// <see cref="IDocumentStore"/> and the
    /// <see cref="IChangeFeedEstimator"/> of the trigger's consumers over the <c>okcow</c> database. Configuration is read when first resolved.
    /// </summary>
    public static IServiceCollection AddOkCowCosmos(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddSingleton(_ => CosmosClientFactory.ReadSettings(configuration));
        services.AddSingleton(sp => CosmosClientFactory.Create(sp.GetRequiredService<CosmosConnectionSettings>()));
        services.AddSingleton(sp => sp.GetRequiredService<CosmosClient>().GetDatabase(sp.GetRequiredService<CosmosConnectionSettings>().DatabaseName));
        services.AddSingleton(sp => new CosmosEventStore(sp.GetRequiredService<Database>().GetContainer(Containers.Events)));
        services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<CosmosEventStore>());
        services.AddSingleton<IChangeFeed>(sp => sp.GetRequiredService<CosmosEventStore>());
        services.AddSingleton<IChangeFeedEstimator>(sp => new CosmosChangeFeedEstimator(
            sp.GetRequiredService<Database>().GetContainer(Containers.Events),
            sp.GetRequiredService<Database>().GetContainer(Containers.Leases)));
        services.TryAddSingleton(CosmosDocumentStoreOptions.Default);
        services.AddSingleton<IDocumentStore>(sp => new CosmosDocumentStore(
            sp.GetRequiredService<Database>(),
            sp.GetRequiredService<CosmosDocumentStoreOptions>()));
        return services;
    }
}
