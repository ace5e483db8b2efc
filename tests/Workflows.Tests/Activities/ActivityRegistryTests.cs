using System.Text.Json;
using CityOps.Workflows.Activities;
using CityOps.Workflows.Definitions;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;
using CityOps.Workflows.Tests.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.Workflows.Tests.Activities;

/// <summary>Descriptors built from attributes, and host activities registered the same way as the engine's.</summary>
public sealed class ActivityRegistryTests
{
    [Fact]
    public async Task List_HumanTask_HasDeadlineInputsOverduePortAndBilingualNames()
    {
        await using var host = new WorkflowHost();
        var registry = host.Provider.GetRequiredService<IActivityRegistry>();

        var task = registry.Find("CityOps.HumanTask", 1)!;
        var node = WorkflowHost.Scenario("human-task").Root.Activities.Single(a => a.Id == "review");

        Assert.Equal(("人工任务", "Human task"), (task.DisplayNameZh, task.DisplayNameEn));
        Assert.True(task.IsWaiting);
        Assert.Contains(task.Inputs, i => i.Name == "deadline" && i.UiHint == "duration");
        Assert.Contains(task.Inputs, i => i.Name == "assigneeGroup" && i.UiHint == "department-picker");
        Assert.Equal(["Overdue", "Approve", "Reject"], ActivityPorts.For(node, task));
        Assert.Null(registry.Find("CityOps.HumanTask", 2));
        Assert.Equal(12, registry.List().Count);
    }

    [Fact]
    public async Task Find_ParallelTasks_IsAWaitingHumanActivityWithFixedPortsAndDeadline()
    {
        await using var host = new WorkflowHost();

        var parallel = host.Provider.GetRequiredService<IActivityRegistry>().Find("CityOps.ParallelTasks", 1)!;

        Assert.Equal(("Human", true, true), (parallel.Category, parallel.IsWaiting, parallel.SupportsDeadline));
        Assert.Equal(["Done", "AnyRejected", "Overdue"], parallel.Outcomes);
        Assert.Contains(parallel.Inputs, i => i.Name == "items" && i.Required);
        Assert.Contains(parallel.Inputs, i => i.Name == "resultVariable" && i.Required);
    }

    [Fact]
    public async Task AddActivity_HostActivity_DescribedAndRunsWithHostService()
    {
        await using var host = new WorkflowHost(s => s.AddSingleton<StampLog>(), w => w.AddActivity<Stamp>());
        var descriptor = host.Provider.GetRequiredService<IActivityRegistry>().Find("Host.Stamp", 1)!;
        var timer = WorkflowHost.Scenario("timer");
        var stamp = new ActivityDefinition("stamp", "Host.Stamp", 1, "stamp", new Dictionary<string, InputDefinition>());
        var definition = timer with
        {
            DefinitionId = "stamped",
            Root = timer.Root with
            {
                Activities = [timer.Root.Activities[0], stamp],
                Connections = [new(new("start", "Done"), new("stamp", "In"))],
            },
        };
        await host.Definitions.EnsureAsync(definition, WorkflowHost.Ct);

        var instance = await host.Runtime.StartAsync(new("stamped", JsonSerializer.SerializeToElement(new { })), WorkflowHost.Ct);

        Assert.Equal(("Host", "盖章"), (descriptor.Category, descriptor.DisplayNameZh));
        Assert.Equal(["Done"], descriptor.Outcomes);
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal([instance.Id], host.Provider.GetRequiredService<StampLog>().Instances);
    }

    internal sealed class StampLog
    {
        public List<Guid> Instances { get; } = [];
    }

    /// <summary>A host activity used by the test.</summary>
    [Activity("Host.Stamp", Category = "Host", DisplayNameZh = "盖章", DisplayNameEn = "Stamp", Description = "Test activity.")]
    internal sealed class Stamp(StampLog log) : Activity
    {
        public override ValueTask ExecuteAsync(ActivityExecutionContext context)
        {
            log.Instances.Add(context.InstanceId);
            context.Complete();
            return ValueTask.CompletedTask;
        }
    }
}
