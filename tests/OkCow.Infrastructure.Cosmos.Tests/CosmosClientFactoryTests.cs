using Azure.Identity;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OkCow.Application.Documents;
using OkCow.Application.EventStore;
using OkCow.Infrastructure.Cosmos.Documents;
using OkCow.Infrastructure.Cosmos.EventStore;

namespace OkCow.Infrastructure.Cosmos.Tests;

public sealed class CosmosClientFactoryTests
{
    // Not a real key: any base64 text will do, nothing here connects.
    private const string FakeKey = "bm90LWEtcmVhbC1rZXktb25seS1hLXRlc3Q=";
    private const string EmulatorConnection = $"AccountEndpoint=https://localhost:8081/;AccountKey={FakeKey};";

    [Fact]
    public void GivenAConnectionString_WhenReadingSettings_ThenItIsUsedAsIs()
    {
        var settings = CosmosClientFactory.ReadSettings(Configuration(("CosmosDb", EmulatorConnection)));

        Assert.Equal(CosmosCredentialKind.ConnectionString, settings.Credential);
        Assert.Equal(EmulatorConnection, settings.ConnectionString);
        Assert.Equal(new Uri("https://localhost:8081/"), settings.AccountEndpoint);
        Assert.Equal("okcow", settings.DatabaseName);
        Assert.Null(CosmosClientFactory.CreateCredential(settings));
        Assert.DoesNotContain(FakeKey, settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void GivenBothAConnectionStringAndAnEndpoint_WhenReadingSettings_ThenTheConnectionStringWins()
    {
        var settings = CosmosClientFactory.ReadSettings(Configuration(
            ("CosmosDb", EmulatorConnection),
            ("CosmosDb:accountEndpoint", "https://okcow.documents.azure.com:443/"),
            ("CosmosDb:credential", "managedidentity")));

        Assert.Equal(CosmosCredentialKind.ConnectionString, settings.Credential);
        Assert.Equal(new Uri("https://localhost:8081/"), settings.AccountEndpoint);
    }

    [Fact]
    public void GivenAnEndpointAndManagedIdentity_WhenReadingSettings_ThenAManagedIdentityCredentialWithTheClientId()
    {
        var settings = CosmosClientFactory.ReadSettings(Configuration(
            ("CosmosDb:accountEndpoint", "https://okcow.documents.azure.com:443/"),
            ("CosmosDb:credential", "managedidentity"),
            ("CosmosDb:clientId", "00000000-0000-0000-0000-000000000042")));

        Assert.Equal(CosmosCredentialKind.ManagedIdentity, settings.Credential);
        Assert.Null(settings.ConnectionString);
        Assert.Equal("00000000-0000-0000-0000-000000000042", settings.ClientId);
        Assert.IsType<ManagedIdentityCredential>(CosmosClientFactory.CreateCredential(settings));
    }

    [Fact]
    public void GivenAnEndpointWithoutACredentialSetting_WhenReadingSettings_ThenDefaultAzureCredential()
    {
        var settings = CosmosClientFactory.ReadSettings(Configuration(
            ("CosmosDb:accountEndpoint", "https://okcow.documents.azure.com:443/"),
            ("OkCow:DatabaseName", "okcow-dev")));

        Assert.Equal(CosmosCredentialKind.DefaultAzureCredential, settings.Credential);
        Assert.Equal("okcow-dev", settings.DatabaseName);
        Assert.IsType<DefaultAzureCredential>(CosmosClientFactory.CreateCredential(settings));
    }

    [Fact]
    public void GivenNeitherSetting_WhenReadingSettings_ThenAnErrorNamingBoth()
    {
        var error = Assert.Throws<InvalidOperationException>(() => CosmosClientFactory.ReadSettings(Configuration()));

        Assert.Contains("CosmosDb:accountEndpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAValueThatIsNotAConnectionString_WhenReadingSettings_ThenAnErrorWithoutTheValue()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => CosmosClientFactory.ReadSettings(Configuration(("CosmosDb", "AccountKey=secret-value"))));

        Assert.DoesNotContain("secret-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTheEmulator_WhenCreatingTheClient_ThenGatewayModeAndTheSystemTextJsonSerializer()
    {
        var settings = CosmosClientFactory.ReadSettings(Configuration(("CosmosDb", EmulatorConnection)));

        using var client = CosmosClientFactory.Create(settings);

        Assert.Equal(new Uri("https://localhost:8081/"), client.Endpoint);
        Assert.Equal(ConnectionMode.Gateway, client.ClientOptions.ConnectionMode);
        Assert.IsType<CosmosSystemTextJsonSerializer>(client.ClientOptions.Serializer);
    }

    [Fact]
    public void GivenAnAzureAccount_WhenCreatingOptions_ThenDirectMode()
    {
        var settings = CosmosClientFactory.ReadSettings(Configuration(
            ("CosmosDb:accountEndpoint", "https://okcow.documents.azure.com:443/"),
            ("CosmosDb:credential", "managedidentity")));

        Assert.Equal(ConnectionMode.Direct, CosmosClientFactory.CreateOptions(settings).ConnectionMode);
    }

    [Fact]
    public void GivenTheRegistrations_WhenResolving_ThenOneStoreServesBothEventInterfacesOverTheOkcowDatabase()
    {
        var services = new ServiceCollection().AddOkCowCosmos(Configuration(("CosmosDb", EmulatorConnection)));
        using var provider = services.BuildServiceProvider();

        var eventStore = provider.GetRequiredService<IEventStore>();

        Assert.IsType<CosmosEventStore>(eventStore);
        Assert.Same(eventStore, provider.GetRequiredService<IChangeFeed>());
        Assert.IsType<CosmosDocumentStore>(provider.GetRequiredService<IDocumentStore>());
        Assert.Equal("okcow", provider.GetRequiredService<Database>().Id);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)))
            .Build();
}
