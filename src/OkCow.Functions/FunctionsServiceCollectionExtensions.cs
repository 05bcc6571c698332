using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OkCow.Application;
using OkCow.Application.Commands;
using OkCow.Functions.ChangeFeed;
using OkCow.Functions.Edge;
using OkCow.Functions.Edge.Tokens;
using OkCow.Functions.Http;

namespace OkCow.Functions;

public static class FunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Everything the function classes and the edge need except the stores and the signing keys: the Functions host adds
    /// Cosmos DB and Key Vault, the local host the embedded store and keys in its data folder.
    /// </summary>
    public static IServiceCollection AddOkCowFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        var feeRate = decimal.TryParse(configuration["OkCow:Market:FeeRate"], NumberStyles.Number, CultureInfo.InvariantCulture, out var rate) ? rate : 0m;
        if (feeRate is < 0 or >= 1)
        {
            throw new InvalidOperationException("OkCow:Market:FeeRate must be in [0, 1).");
        }

        var security = SecuritySettings.Read(configuration);
        services.AddOkCowWriteSide(new MarketOptions(feeRate), security.PasswordIterations);
        services.AddOkCowReadSide(configuration["OkCow:ReadModels:Generation"] ?? "");
        services.AddSingleton<CommandRunner>();
        services.AddSingleton<FeedDispatchers>();
        services.AddSingleton<ChangeFeedLagProbe>();
        services.AddHostedService<ChangeFeedLagSampler>();
        services.AddOkCowEdge(security);
        return services;
    }

    /// <summary>The edge pipeline and its pieces (see <see cref="EdgePipeline"/>).</summary>
    public static IServiceCollection AddOkCowEdge(this IServiceCollection services, SecuritySettings security)
    {
        ArgumentNullException.ThrowIfNull(security);
        services.AddSingleton(security);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IClientAddress, ForwardedClientAddress>();
        services.TryAddSingleton<IResourceOwners, StatusOwners>();
        services.AddSingleton<AccessTokens>();
        if (security.Entra is { } entra)
        {
            services.TryAddSingleton(sp => EntraTokens.Create(entra, new HttpClient(), sp.GetRequiredService<TimeProvider>()));
        }

        services.AddSingleton(sp => new Authenticator(sp.GetRequiredService<AccessTokens>(), sp.GetService<EntraTokens>()));
        services.AddSingleton<CorrelationStep>();
        services.AddSingleton<ContentTypeStep>();
        services.AddSingleton<RateLimitStep>();
        services.AddSingleton<AuthenticationStep>();
        services.AddSingleton<AccessStep>();
        services.AddSingleton<EdgePipeline>();
        return services;
    }
}
