using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OkCow.Application;
using OkCow.Application.Commands;
using OkCow.Functions.ChangeFeed;
using OkCow.Functions.Http;

namespace OkCow.Functions;

public static class FunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Everything the function classes need except the stores: the Functions host adds Cosmos DB, the local host the
    /// embedded store.
    /// </summary>
    public static IServiceCollection AddOkCowFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        var feeRate = decimal.TryParse(configuration["OkCow:Market:FeeRate"], NumberStyles.Number, CultureInfo.InvariantCulture, out var rate) ? rate : 0m;
        if (feeRate is < 0 or >= 1)
        {
            throw new InvalidOperationException("OkCow:Market:FeeRate must be in [0, 1).");
        }

        services.AddOkCowWriteSide(new MarketOptions(feeRate));
        services.AddOkCowReadSide(configuration["OkCow:ReadModels:Generation"] ?? "");
        services.AddSingleton<CommandRunner>();
        services.AddSingleton<FeedDispatchers>();
        return services;
    }
}
