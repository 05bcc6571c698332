using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OkCow.Application.ChangeFeed;
using OkCow.Application.Commands;
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
}
