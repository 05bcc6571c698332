using System.Text.Json.Nodes;

namespace OkCow.Infra.Tests;

/// <summary>infra/modules/alerts.bicep: the action group and the four log alert rules of docs/operations.md.</summary>
[Collection(InfraCollection.Name)]
public sealed class AlertTests(InfraFixture infra)
{
    private const string ActionGroups = "Microsoft.Insights/actionGroups";
    private const string Rules = "Microsoft.Insights/scheduledQueryRules";
    private const string Components = "Microsoft.Insights/components";

    private JsonObject Rule(Snapshot snapshot, string key) =>
        Assert.Single(snapshot.OfType(Rules), r => Snapshot.ShortName(r).EndsWith($"-{key}", StringComparison.Ordinal));

    private static JsonObject Criterion(JsonObject rule) => Assert.Single(rule["properties"]!["criteria"]!["allOf"]!.AsArray())!.AsObject();

    [Fact]
    public void FourRules_EachQueriesTheComponentAndNotifiesTheOneActionGroup()
    {
        var snapshot = infra.Default;
        var group = snapshot.Single(ActionGroups);
        var component = (string)snapshot.Single(Components)["id"]!;
        var rules = snapshot.OfType(Rules);

        Assert.Equal(["http5xx", "lag", "lockouts", "parked"], rules.Select(r => Snapshot.ShortName(r).Split('-')[^1]).Order(StringComparer.Ordinal));
        Assert.All(rules, rule =>
        {
            var properties = rule["properties"]!;
            Assert.Equal("LogAlert", (string?)rule["kind"]);
            Assert.True((bool?)properties["enabled"]);
            Assert.True((bool?)properties["autoMitigate"]);
            Assert.Equal([component], properties["scopes"]!.AsArray().Select(s => (string)s!));
            Assert.Equal([(string)group["id"]!], properties["actions"]!["actionGroups"]!.AsArray().Select(s => (string)s!));
            Assert.Equal("GreaterThan", (string?)Criterion(rule)["operator"]);
        });
    }

    [Fact]
    public void ParkedRule_FiresWhenAStreamStaysParkedForTheWholeFiveMinutes()
    {
        var rule = Rule(infra.Default, "parked");
        var criterion = Criterion(rule);
        Assert.Equal("PT5M", (string?)rule["properties"]!["windowSize"]);
        Assert.Contains("\"okcow.changefeed.parked\"", (string)criterion["query"]!, StringComparison.Ordinal);

        // The smallest value over the window above zero: parked during all of it, not a blip.
        Assert.Contains("min(value)", (string)criterion["query"]!, StringComparison.Ordinal);
        Assert.Equal(0, (int?)criterion["threshold"]);
        Assert.Equal("consumer", (string?)criterion["dimensions"]![0]!["name"]);
    }

    [Fact]
    public void LagRule_FiresWhenAConsumerIsMoreThanSixtySecondsBehind()
    {
        var criterion = Criterion(Rule(infra.Default, "lag"));
        Assert.Contains("okcow.changefeed.lag.seconds", (string)criterion["query"]!, StringComparison.Ordinal);
        Assert.Contains("okcow.changefeed.delay", (string)criterion["query"]!, StringComparison.Ordinal);
        Assert.Equal(60, (int?)criterion["threshold"]);
        Assert.Equal("BehindSeconds", (string?)criterion["metricMeasureColumn"]);
    }

    [Fact]
    public void ServerErrorRule_FiresOnAny5xx()
    {
        var rule = Rule(infra.Default, "http5xx");
        var criterion = Criterion(rule);
        Assert.Contains("resultCode", (string)criterion["query"]!, StringComparison.Ordinal);
        Assert.Contains(">= 500", (string)criterion["query"]!, StringComparison.Ordinal);
        Assert.Equal(0, (int?)criterion["threshold"]);
        Assert.Equal(1, (int?)rule["properties"]!["severity"]);
    }

    [Fact]
    public void LockoutRule_UsesTheThresholdParameter()
    {
        Assert.Equal(10, (int?)Criterion(Rule(infra.Default, "lockouts"))["threshold"]);
        var criterion = Criterion(Rule(infra.Autoscale, "lockouts"));
        Assert.Equal(InfraFixture.SignInLockoutThreshold, (int?)criterion["threshold"]);
        Assert.Contains("okcow.signin.lockouts", (string)criterion["query"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void ActionGroup_NotifiesTheRecipientsGivenAsAParameter()
    {
        Assert.Empty(infra.Default.Single(ActionGroups)["properties"]!["emailReceivers"]!.AsArray());
        var receivers = infra.Autoscale.Single(ActionGroups)["properties"]!["emailReceivers"]!.AsArray();
        Assert.Equal([InfraFixture.AlertEmail], receivers.Select(r => (string)r!["emailAddress"]!));
    }
}
