using System.Reflection;
using OkCow.Infrastructure.Cosmos.Tests.Live;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("OkCow.Infrastructure.Cosmos.Tests.Live.CosmosLiveTestFramework", "OkCow.Infrastructure.Cosmos.Tests")]

namespace OkCow.Infrastructure.Cosmos.Tests.Live;

/// <summary>Marks a test class whose tests need a live Cosmos DB (see <see cref="CosmosLiveDatabase"/>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresCosmosAttribute : Attribute;

/// <summary>
/// xunit's own framework, except that the tests of a <see cref="RequiresCosmosAttribute"/> class are reported as
/// skipped, with the reason, when no Cosmos connection is configured. The store contracts declare plain
/// <c>[Fact]</c>s in abstract base classes, so a skip cannot be put on the attributes themselves; and a test that
/// returned early would show as a pass.
/// </summary>
public sealed class CosmosLiveTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Discoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
    {
        protected override bool FindTestsForMethod(
            ITestMethod testMethod,
            bool includeSourceInformation,
            IMessageBus messageBus,
            ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            if (!testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresCosmosAttribute)).Any())
            {
                return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
            }

            var fact = testMethod.Method.GetCustomAttributes(typeof(FactAttribute)).FirstOrDefault();
            if (fact is null)
            {
                return true;
            }

            var display = discoveryOptions.MethodDisplayOrDefault();
            var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
            IXunitTestCase testCase = typeof(TheoryAttribute).IsAssignableFrom(((IReflectionAttributeInfo)fact).Attribute.GetType())
                ? new CosmosLiveTheoryTestCase(DiagnosticMessageSink, display, displayOptions, testMethod)
                : new CosmosLiveTestCase(DiagnosticMessageSink, display, displayOptions, testMethod);
            return ReportDiscoveredTestCase(testCase, includeSourceInformation, messageBus);
        }
    }
}

/// <summary>A fact that is skipped, saying why, when no Cosmos connection is configured.</summary>
public sealed class CosmosLiveTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public CosmosLiveTestCase()
    {
    }

    public CosmosLiveTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, display, displayOptions, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) =>
        CosmosLiveDatabase.SkipReason ?? base.GetSkipReason(factAttribute);
}

/// <summary>A theory that is skipped, saying why, when no Cosmos connection is configured.</summary>
public sealed class CosmosLiveTheoryTestCase : XunitTheoryTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public CosmosLiveTheoryTestCase()
    {
    }

    public CosmosLiveTheoryTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, display, displayOptions, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) =>
        CosmosLiveDatabase.SkipReason ?? base.GetSkipReason(factAttribute);
}
