using System.Text.Json;
using CityOps.Workflows.Definitions;
using CityOps.Workflows.Persistence;
using static CityOps.Workflows.Tests.Runtime.WorkflowHost;

namespace CityOps.Workflows.Tests.Runtime;

/// <summary>The Jint sandbox limits turn runaway scripts into incidents that say which limit was hit.</summary>
public sealed class ScriptLimitTests
{
    [Fact]
    public async Task Start_RunawayRecursion_IncidentNamesCallDepthLimit()
    {
        await using var host = new WorkflowHost();
        await WarmUpAsync();

        var instance = await StartWithConditionAsync(host, "function f(n) { return f(n + 1); } f(0)");

        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal("check", incident.ActivityId);
        Assert.Contains("call depth limit of 64", incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_HugeAllocation_IncidentNamesMemoryLimit()
    {
        await using var host = new WorkflowHost();
        await WarmUpAsync();

        var instance = await StartWithConditionAsync(host, "var s = 'x'.repeat(20000000); s.length > 0");

        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal("check", incident.ActivityId);
        Assert.Contains("4000000 byte memory limit", incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_HugeArrayInOneStatement_IncidentInsteadOfAllocating()
    {
        await using var host = new WorkflowHost();
        await WarmUpAsync();

        var instance = await StartWithConditionAsync(host, "new Array(50000000).length > 0");

        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        Assert.Equal("check", Assert.Single(instance.Incidents).ActivityId);
    }

    // The first script of a process pays Jint's JIT warm-up, which on a loaded 2-core machine can exceed the 100 ms time
    // limit and report a timeout instead of the limit under test; a throwaway host takes that cost first.
    private static async Task WarmUpAsync()
    {
        await using var warm = new WorkflowHost();
        await StartWithConditionAsync(warm, "function g(n) { return n < 10 ? g(n + 1) : n; } g(0) > 0");
    }

    private static async Task<Workflows.Runtime.WorkflowInstanceSnapshot> StartWithConditionAsync(WorkflowHost host, string script)
    {
        var definition = Scenario("incident");
        var edited = definition with
        {
            Root = definition.Root with
            {
                Activities = [.. definition.Root.Activities.Select(a => a.Id == "check"
                    ? a with { Inputs = new Dictionary<string, InputDefinition> { ["condition"] = new(new("JavaScript", JsonSerializer.SerializeToElement(script))) } }
                    : a)],
            },
        };
        await host.Definitions.EnsureAsync(edited, Ct);
        return await host.Runtime.StartAsync(new("incident"), Ct);
    }
}
