using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace OkCow.Functions.WorkerStandIn.Tests;

/// <summary>Default values and constructor validation that upstream has, mirrored by the stand-in.</summary>
public sealed class BehaviourTests
{
    [Fact]
    public void CosmosDbTriggerDefaultsFollowUpstream()
    {
        var trigger = new CosmosDBTriggerAttribute("db", "container");

        Assert.Equal("db", trigger.DatabaseName);
        Assert.Equal("container", trigger.ContainerName);
        Assert.False(trigger.CreateLeaseContainerIfNotExists);
        Assert.False(trigger.StartFromBeginning);
        Assert.Equal(CosmosDBChangeFeedMode.LatestVersion, trigger.ChangeFeedMode);
        Assert.Equal(0, trigger.LeasesContainerThroughput);
        Assert.Equal(0, trigger.FeedPollDelay);
        Assert.Equal(0, trigger.MaxItemsPerInvocation);
        Assert.Null(trigger.Connection);
        Assert.Null(trigger.LeaseContainerName);
        Assert.Null(trigger.StartFromTime);
    }

    [Fact]
    public void CosmosDbTriggerDeclaresFunctionLevelRetryCapability()
    {
        var capabilities = typeof(CosmosDBTriggerAttribute).GetCustomAttribute<BindingCapabilitiesAttribute>();

        Assert.NotNull(capabilities);
        Assert.Equal([KnownBindingCapabilities.FunctionLevelRetry], capabilities.Capabilities);
    }

    [Theory]
    [InlineData("db", " ", "containerName")]
    [InlineData(" ", "container", "databaseName")]
    [InlineData("", "", "containerName")]
    public void CosmosDbTriggerRejectsBlankNames(string databaseName, string containerName, string paramName)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new CosmosDBTriggerAttribute(databaseName, containerName));
        Assert.Equal(paramName, error.ParamName);
    }
}
