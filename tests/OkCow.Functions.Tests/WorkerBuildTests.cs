using System.Reflection;
using OkCow.Functions.Commands;
using Xunit.Abstractions;

namespace OkCow.Functions.Tests;

public sealed class WorkerBuildTests(ITestOutputHelper output)
{
    private static readonly string[] KnownWorkers = ["OkCow.Functions.WorkerStandIn", "Microsoft.Azure.Functions.Worker.Extensions.Abstractions"];

    [Fact]
    public void WorkerBuild_IsReported()
    {
        var attribute = typeof(InvestorCommandFunctions).GetMethod(nameof(InvestorCommandFunctions.Register))!
            .GetCustomAttributes()
            .Single(a => a.GetType().Name == "FunctionAttribute");
        var assembly = attribute.GetType().Assembly.GetName().Name;

        output.WriteLine($"FunctionAttribute comes from {assembly}: {(assembly == KnownWorkers[0] ? "compile-only worker stand-in build" : "real isolated-worker build")}.");
        Assert.Contains(assembly, KnownWorkers);
    }
}
