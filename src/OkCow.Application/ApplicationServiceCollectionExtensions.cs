using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OkCow.Application.ChangeFeed;
using OkCow.Application.Commands;
using OkCow.Application.PersonalData;
using OkCow.Application.ReadModels.Register;
using OkCow.Application.Sagas;
using OkCow.Application.Security;
using OkCow.Application.Serialization;

namespace OkCow.Application;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>
    /// The write side and the sagas: command pipeline per aggregate, lookups, idempotency, password hashing. The stores
    /// (IEventStore, IDocumentStore) come from an infrastructure project.
    /// </summary>
    public static IServiceCollection AddOkCowWriteSide(this IServiceCollection services, MarketOptions market, int passwordIterations = PasswordHasher.DefaultIterations)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(EventTypes.Default);
        services.TryAddSingleton<Telemetry.OkCowTelemetry>();
        services.AddSingleton(market);
        services.AddSingleton(new PasswordHasher(passwordIterations));
        services.AddSingleton<InvestorHandler>();
        services.AddSingleton<FundHandler>();
        services.AddSingleton<OrderBookHandler>();
        services.AddSingleton<McpiHandler>();
        services.AddSingleton<ClaimHandler>();
        services.AddSingleton<Lookups>();
        services.AddOkCowPersonalData();
        services.AddSingleton<OkCowCommands>();
        services.AddSingleton<IdempotencyGuard>();
        services.AddSingleton<SignInAttempts>();
        services.AddSingleton<SignInService>();
        services.AddSingleton<IEventHandler, SubscriptionSaga>();
        services.AddSingleton<IEventHandler, RedemptionSaga>();
        services.AddSingleton<IEventHandler, OrderSaga>();
        services.AddSingleton<IEventHandler, RegisterProjector>();
        services.AddSingleton<IEventHandler, RoyaltySaga>();
        return services;
    }

    /// <summary>
    /// Personal data (SPEC 9): the vault that seals and erases, and the pseudonyms that key claims. Hosts register the
    /// KEK source, the pseudonym key and their store's data keys and scrubber first; these defaults serve tests and a
    /// host without a vault (nothing sealed survives its restart).
    /// </summary>
    public static IServiceCollection AddOkCowPersonalData(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IKeyEncryptionKeys>(_ => new InMemoryKeyEncryptionKeys());
        services.TryAddSingleton(_ => Pseudonyms.Ephemeral());
        services.TryAddSingleton<IDataKeyStore, DocumentDataKeyStore>();
        services.TryAddSingleton<IStorageScrubber, NoStorageScrubbing>();
        services.TryAddSingleton<PersonalDataVault>();
        return services;
    }
}
