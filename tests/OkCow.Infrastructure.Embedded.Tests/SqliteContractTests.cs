using OkCow.Application.Documents;
using OkCow.Application.EventStore;
using OkCow.StoreContracts;

namespace OkCow.Infrastructure.Embedded.Tests;

public sealed class SqliteEventStoreContractTests : EventStoreContract
{
    private readonly TempDataFolder _folder = new();
    private EmbeddedStore? _store;

    protected override Task<IEventStore> CreateStoreAsync()
    {
        _store = _folder.Open();
        return Task.FromResult<IEventStore>(_store.Events);
    }

    protected override Task DisposeStoreAsync()
    {
        _store?.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class SqliteChangeFeedContractTests : ChangeFeedContract
{
    private readonly TempDataFolder _folder = new();
    private EmbeddedStore? _store;

    // Positions are committed in order and a continuation is the last position handed out, so nothing repeats.
    protected override bool DeliversExactlyOnce => true;

    protected override Task<EventStoreWithFeed> CreateStoreAsync()
    {
        _store = _folder.Open();
        return Task.FromResult(new EventStoreWithFeed(_store.Events, _store.Events));
    }

    protected override Task DisposeStoreAsync()
    {
        _store?.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class SqliteDocumentStoreContractTests : DocumentStoreContract
{
    private readonly TempDataFolder _folder = new();
    private EmbeddedStore? _store;

    protected override Task<IDocumentStore> CreateStoreAsync()
    {
        _store = _folder.Open();
        return Task.FromResult<IDocumentStore>(_store.Documents);
    }

    protected override Task DisposeStoreAsync()
    {
        _store?.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
