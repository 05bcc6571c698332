using System.Data.Common;
using Azure.Core;
using Azure.Identity;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;

namespace OkCow.Infrastructure.Cosmos;

/// <summary>How the Cosmos client authenticates.</summary>
public enum CosmosCredentialKind
{
    /// <summary>An account key inside a connection string: the emulator, or a test account.</summary>
    ConnectionString,

    /// <summary>A managed identity (system-assigned, or user-assigned when a client id is configured): Azure.</summary>
    ManagedIdentity,

    /// <summary><see cref="DefaultAzureCredential"/>: a developer signed in with the Azure CLI or Visual Studio.</summary>
    DefaultAzureCredential,
}

/// <summary>The Cosmos connection as read from configuration. <see cref="ToString"/> never shows the key.</summary>
public sealed record CosmosConnectionSettings(
    CosmosCredentialKind Credential,
    string? ConnectionString,
    Uri AccountEndpoint,
    string? ClientId,
    string DatabaseName)
{
    public override string ToString() =>
        $"{Credential} at {AccountEndpoint} (database '{DatabaseName}'{(ClientId is null ? string.Empty : $", client id {ClientId}")})";
}

/// <summary>
/// Builds the one <see cref="CosmosClient"/> of a process from the <c>CosmosDb</c> configuration section, the same
/// settings the Functions <c>CosmosDBTrigger(Connection = "CosmosDb")</c> reads (docs/settings.md).
/// </summary>
public static class CosmosClientFactory
{
    public const string SectionName = "CosmosDb";
    public const string DefaultDatabaseName = "okcow";
    public const string DatabaseNameKey = "OkCow:DatabaseName";

    /// <summary>
    /// A connection string in <c>CosmosDb</c> wins (the emulator); otherwise <c>CosmosDb:accountEndpoint</c> with a
    /// managed identity when <c>CosmosDb:credential</c> is <c>managedidentity</c>, else <see cref="DefaultAzureCredential"/>.
    /// </summary>
    public static CosmosConnectionSettings ReadSettings(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var databaseName = configuration[DatabaseNameKey] is { Length: > 0 } name ? name : DefaultDatabaseName;

        if (!string.IsNullOrWhiteSpace(section.Value) && TryReadAccountEndpoint(section.Value) is { } endpoint)
        {
            return new CosmosConnectionSettings(CosmosCredentialKind.ConnectionString, section.Value, endpoint, null, databaseName);
        }

        var accountEndpoint = section["accountEndpoint"];
        if (string.IsNullOrWhiteSpace(accountEndpoint) || !Uri.TryCreate(accountEndpoint, UriKind.Absolute, out var accountUri))
        {
            // The value itself stays out of the message: it may hold a key.
            throw new InvalidOperationException(string.IsNullOrWhiteSpace(section.Value)
                ? $"Cosmos DB is not configured: set '{SectionName}' to a connection string or '{SectionName}:accountEndpoint' to the account's URL."
                : $"'{SectionName}' is not a Cosmos DB connection string (it has no AccountEndpoint) and '{SectionName}:accountEndpoint' is not set.");
        }

        var clientId = section["clientId"] is { Length: > 0 } id ? id : null;
        var credential = string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? CosmosCredentialKind.ManagedIdentity
            : CosmosCredentialKind.DefaultAzureCredential;
        return new CosmosConnectionSettings(credential, null, accountUri, clientId, databaseName);
    }

    /// <summary>The token credential for identity-based settings; null for a connection string.</summary>
    public static TokenCredential? CreateCredential(CosmosConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Credential switch
        {
            CosmosCredentialKind.ConnectionString => null,
            CosmosCredentialKind.ManagedIdentity => new ManagedIdentityCredential(
                settings.ClientId is null
                    ? ManagedIdentityId.SystemAssigned
                    : ManagedIdentityId.FromUserAssignedClientId(settings.ClientId)),
            _ => settings.ClientId is null
                ? new DefaultAzureCredential()
                : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = settings.ClientId }),
        };
    }

    public static CosmosClientOptions CreateOptions(CosmosConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new CosmosClientOptions
        {
            ApplicationName = "okcow",
            Serializer = new CosmosSystemTextJsonSerializer(),
        };

        // The emulator on this machine answers only through its gateway, at the address it was given.
        if (settings.AccountEndpoint.IsLoopback)
        {
            options.ConnectionMode = ConnectionMode.Gateway;
            options.LimitToEndpoint = true;
        }

        return options;
    }

    public static CosmosClient Create(CosmosConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = CreateOptions(settings);
        return settings.ConnectionString is { } connectionString
            ? new CosmosClient(connectionString, options)
            : new CosmosClient(settings.AccountEndpoint.ToString(), CreateCredential(settings), options);
    }

    public static CosmosClient Create(IConfiguration configuration) => Create(ReadSettings(configuration));

    private static Uri? TryReadAccountEndpoint(string value)
    {
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = value;
        }
        catch (ArgumentException)
        {
            return null;
        }

        return builder.TryGetValue("AccountEndpoint", out var endpoint)
            && Uri.TryCreate(endpoint as string, UriKind.Absolute, out var uri)
                ? uri
                : null;
    }
}
