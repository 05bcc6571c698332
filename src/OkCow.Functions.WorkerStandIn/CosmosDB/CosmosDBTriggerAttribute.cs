// Compile-only stand-in for extensions/Worker.Extensions.CosmosDB/src/CosmosDBTriggerAttribute.cs @ fb1133321b86bbec32ee8dbdf22905f06b79ea51

using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

// No AttributeUsage here, as upstream: Parameter usage is inherited from TriggerBindingAttribute.
[BindingCapabilities(KnownBindingCapabilities.FunctionLevelRetry)]
public sealed class CosmosDBTriggerAttribute : TriggerBindingAttribute
{
    public CosmosDBTriggerAttribute(string databaseName, string containerName)
    {
        // Upstream checks the container first, then the database; both must be non-blank.
        if (string.IsNullOrWhiteSpace(containerName))
        {
            throw new ArgumentException("A container name is required.", nameof(containerName));
        }

        if (string.IsNullOrWhiteSpace(databaseName))
        {
            throw new ArgumentException("A database name is required.", nameof(databaseName));
        }

        DatabaseName = databaseName;
        ContainerName = containerName;
    }

    public string ContainerName { get; private set; }

    public string DatabaseName { get; private set; }

    public string? Connection { get; set; }

    public string? LeaseContainerName { get; set; }

    public string? LeaseDatabaseName { get; set; }

    public string? LeaseConnection { get; set; }

    public bool CreateLeaseContainerIfNotExists { get; set; } = false;

    public int LeasesContainerThroughput { get; set; }

    public string? LeaseContainerPrefix { get; set; }

    public int FeedPollDelay { get; set; }

    public int LeaseRenewInterval { get; set; }

    public int LeaseAcquireInterval { get; set; }

    public int LeaseExpirationInterval { get; set; }

    public int MaxItemsPerInvocation { get; set; }

    public bool StartFromBeginning { get; set; } = false;

    public string? StartFromTime { get; set; }

    public string? PreferredLocations { get; set; }

    public CosmosDBChangeFeedMode ChangeFeedMode { get; set; } = CosmosDBChangeFeedMode.LatestVersion;
}
