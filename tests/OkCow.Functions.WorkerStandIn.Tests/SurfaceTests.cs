using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace OkCow.Functions.WorkerStandIn.Tests;

/// <summary>
/// The stand-in's public surface must equal the hand-derived upstream manifest exactly:
/// no missing and no extra public type, member, accessor, default, nullability or attribute usage.
/// </summary>
public sealed class SurfaceTests
{
    private static readonly Assembly StandIn = typeof(CosmosDBTriggerAttribute).Assembly;

    public static TheoryData<string> ManifestTypes => new(Manifest.TypeNames);

    [Fact]
    public void StandInExportsExactlyTheManifestTypes()
    {
        var exported = StandIn.GetExportedTypes().Select(t => t.FullName!).Order(StringComparer.Ordinal).ToArray();
        var expected = Manifest.TypeNames.Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(expected, exported);
    }

    [Theory]
    [MemberData(nameof(ManifestTypes))]
    public void TypeSurfaceMatchesManifest(string typeName)
    {
        var type = StandIn.GetType(typeName, throwOnError: false);
        Assert.True(type is not null, $"Stand-in is missing type {typeName}.");

        var expected = Manifest.LinesFor(typeName).ToHashSet(StringComparer.Ordinal);
        var actual = SurfaceRenderer.Render(type).ToHashSet(StringComparer.Ordinal);

        var missing = expected.Except(actual, StringComparer.Ordinal).ToArray();
        var extra = actual.Except(expected, StringComparer.Ordinal).ToArray();
        Assert.True(
            missing.Length == 0 && extra.Length == 0,
            $"Surface of {typeName} differs from {Manifest.FileName}.{Environment.NewLine}"
            + $"Missing from stand-in:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", missing)}{Environment.NewLine}"
            + $"Extra in stand-in:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", extra)}");
    }

    [Fact]
    public void EveryManifestLineIsProducedByTheRenderer()
    {
        // Guards the manifest itself: a typo in a line's kind would otherwise only show up as "missing".
        var rendered = StandIn.GetExportedTypes().SelectMany(SurfaceRenderer.Render).ToHashSet(StringComparer.Ordinal);
        Assert.All(Manifest.Lines, line => Assert.Contains(line, rendered));
    }

    [Fact]
    public void TriggerUsageIsInheritedFromTheRealAbstractions()
    {
        var usage = SurfaceRenderer.EffectiveUsage(typeof(CosmosDBTriggerAttribute));

        Assert.NotNull(usage);
        Assert.Equal(AttributeTargets.Parameter, usage.ValidOn);
        Assert.False(usage.AllowMultiple);
        Assert.True(usage.Inherited);
        Assert.Equal("Microsoft.Azure.Functions.Worker.Extensions.Abstractions", typeof(CosmosDBTriggerAttribute).BaseType!.Assembly.GetName().Name);
    }

    [Fact]
    public void StandInDeclaresNoExtensionInformation()
    {
        // With it, the Worker SDK's generated extensions project would ask for the WebJobs CosmosDB extension,
        // which the NuGet source here does not have.
        Assert.DoesNotContain(StandIn.GetCustomAttributesData(), a => a.AttributeType.Name == "ExtensionInformationAttribute");
    }

    [Fact]
    public void StandInIsNeverTheRealPackageAssembly() =>
        Assert.NotEqual("Microsoft.Azure.Functions.Worker.Extensions.CosmosDB", StandIn.GetName().Name);
}
