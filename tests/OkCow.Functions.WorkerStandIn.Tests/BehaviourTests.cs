using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace OkCow.Functions.WorkerStandIn.Tests;

/// <summary>Default values and constructor validation that upstream has, mirrored by the stand-in.</summary>
public sealed class BehaviourTests
{
    [Fact]
    public void HttpTriggerDefaultsFollowUpstreamPerConstructor()
    {
        Assert.Equal(AuthorizationLevel.Function, new HttpTriggerAttribute().AuthLevel);
        Assert.Null(new HttpTriggerAttribute().Methods);

        // Upstream quirk kept on purpose: the methods-only overload does not set AuthLevel.
        var methodsOnly = new HttpTriggerAttribute("get", "post");
        Assert.Equal(AuthorizationLevel.Anonymous, methodsOnly.AuthLevel);
        Assert.Equal(["get", "post"], methodsOnly.Methods!);

        Assert.Equal(AuthorizationLevel.Admin, new HttpTriggerAttribute(AuthorizationLevel.Admin).AuthLevel);
        var both = new HttpTriggerAttribute(AuthorizationLevel.User, "put");
        Assert.Equal(AuthorizationLevel.User, both.AuthLevel);
        Assert.Equal(["put"], both.Methods!);
        Assert.Null(both.Route);
    }

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

    [Fact]
    public void RetryAttributesKeepTheirArguments()
    {
        var fixedDelay = new FixedDelayRetryAttribute(3, "00:00:05");
        Assert.Equal(3, fixedDelay.MaxRetryCount);
        Assert.Equal("00:00:05", fixedDelay.DelayInterval);

        var backoff = new ExponentialBackoffRetryAttribute(5, "00:00:01", "00:01:00");
        Assert.Equal(5, backoff.MaxRetryCount);
        Assert.Equal("00:00:01", backoff.MinimumInterval);
        Assert.Equal("00:01:00", backoff.MaximumInterval);
    }

    [Theory]
    [InlineData("not a timespan")]
    [InlineData("-00:00:01")]
    public void FixedDelayRetryRejectsBadIntervals(string delay) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedDelayRetryAttribute(1, delay));

    [Theory]
    [InlineData("nope", "00:00:01", "minimumInterval")]
    [InlineData("00:00:01", "nope", "maximumInterval")]
    [InlineData("-00:00:01", "00:00:01", "minimumInterval")]
    [InlineData("00:00:01", "-00:00:01", "maximumInterval")]
    [InlineData("00:01:00", "00:00:01", "minimumInterval")]
    public void ExponentialBackoffRetryRejectsBadIntervals(string min, string max, string paramName)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new ExponentialBackoffRetryAttribute(1, min, max));
        Assert.Equal(paramName, error.ParamName);
    }
}
