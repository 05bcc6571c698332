using OkCow.Application.Documents;
using OkCow.Application.EventStore;
using OkCow.Infrastructure.Cosmos.Documents;
using OkCow.Infrastructure.Cosmos.EventStore;
using OkCow.StoreContracts;

namespace OkCow.Infrastructure.Cosmos.Tests.Live;

[RequiresCosmos]
public sealed class CosmosEventStoreContractTests(CosmosLiveDatabase live) : EventStoreContract, IClassFixture<CosmosLiveDatabase>
{
    protected override Task<IEventStore> CreateStoreAsync() =>
        Task.FromResult<IEventStore>(new CosmosEventStore(live.Database.GetContainer(Containers.Events)));
}

[RequiresCosmos]
public sealed class CosmosChangeFeedContractTests(CosmosLiveDatabase live) : ChangeFeedContract, IClassFixture<CosmosLiveDatabase>
{
    protected override Task<EventStoreWithFeed> CreateStoreAsync()
    {
        var store = new CosmosEventStore(live.Database.GetContainer(Containers.Events));
        return Task.FromResult(new EventStoreWithFeed(store, store));
    }
}

[RequiresCosmos]
public sealed class CosmosDocumentStoreContractTests(CosmosLiveDatabase live) : DocumentStoreContract, IClassFixture<CosmosLiveDatabase>
{
    protected override Task<IDocumentStore> CreateStoreAsync() =>
        Task.FromResult<IDocumentStore>(new CosmosDocumentStore(live.Database));
}
