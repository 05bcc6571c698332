using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using OkCow.Application.Documents;

namespace OkCow.Infrastructure.Cosmos.Tests.Live;

/// <summary>
/// A uniquely named database, with the system's containers, on the Cosmos DB that <see cref="ConnectionVariable"/>
/// points at; deleted again when the test class is done. Does nothing when the variable is unset: the tests are then
/// reported as skipped by <see cref="CosmosLiveTestFramework"/>.
/// </summary>
public sealed class CosmosLiveDatabase : IAsyncLifetime
{
    public const string ConnectionVariable = "OKCOW_COSMOS_CONNECTION";

    private CosmosClient? _client;
    private Database? _database;

    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value ? value : null;

    public static string? SkipReason => ConnectionString is null
        ? $"Live Cosmos DB test: {ConnectionVariable} is not set (set it to the connection string of a Cosmos DB emulator or test account to run it)."
        : null;

    public Database Database => _database ?? throw new InvalidOperationException($"{ConnectionVariable} is not set.");

    public async Task InitializeAsync()
    {
        if (ConnectionString is not { } connectionString)
        {
            return;
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create(CosmosClientFactory.SectionName, (string?)connectionString)])
            .Build();
        _client = CosmosClientFactory.Create(configuration);
        var response = await _client.CreateDatabaseAsync($"okcow-test-{Guid.NewGuid():N}");
        _database = response.Database;

        // The same containers and partition keys as infra (the events container by stream, the read containers by /pk).
        await _database.CreateContainerAsync(new ContainerProperties(Containers.Events, "/streamId"));
        foreach (var name in Containers.ReadContainers)
        {
            await _database.CreateContainerAsync(new ContainerProperties(name, "/pk")
            {
                // -1: TTL on, but only documents that carry a ttl expire.
                DefaultTimeToLive = name == Containers.Idempotency ? -1 : null,
            });
        }
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DeleteAsync();
        }

        _client?.Dispose();
    }
}
