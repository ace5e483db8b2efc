using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;
using static CityOps.Workflows.Tests.Runtime.WorkflowHost;

namespace CityOps.Workflows.Tests.Runtime;

/// <summary>Incidents and retry, versioning, cancellation.</summary>
public sealed class LifecycleScenarioTests
{
    [Fact]
    public async Task Start_ScriptThrows_IncidentThenRetrySucceeds()
    {
        await using var host = new WorkflowHost();

        var faulted = await host.StartAsync("incident");

        Assert.Equal(WorkflowStatus.Faulted, faulted.Status);
        var incident = Assert.Single(faulted.Incidents);
        Assert.Equal(("check", "CityOps.Decision"), (incident.ActivityId, incident.ActivityType));
        Assert.Contains("dispatch table not loaded", incident.Message, StringComparison.Ordinal);
        Assert.Equal(host.Clock.GetUtcNow(), incident.At);

        host.Ext.Ready = true;
        var retried = await host.Runtime.RetryAsync(faulted.Id, Ct);

        Assert.Equal(WorkflowStatus.Finished, retried.Status);
        Assert.Equal("true", Text(retried, "checked"), ignoreCase: true);
        Assert.NotNull(Assert.Single(retried.Incidents).ResolvedAt);
        await Assert.ThrowsAsync<WorkflowStateException>(() => host.Runtime.RetryAsync(faulted.Id, Ct));
    }

    [Fact]
    public async Task Start_ScriptRunsForever_IncidentNamesTimeLimit()
    {
        await using var host = new WorkflowHost();
        var definition = Scenario("incident");
        var check = definition.Root.Activities.Single(a => a.Id == "check");
        var looping = check with
        {
            Inputs = new Dictionary<string, Workflows.Definitions.InputDefinition>
            {
                ["condition"] = new(new("JavaScript", System.Text.Json.JsonSerializer.SerializeToElement("while (true) {} true"))),
            },
        };
        var edited = definition with { Root = definition.Root with { Activities = [.. definition.Root.Activities.Select(a => a.Id == "check" ? looping : a)] } };
        await host.Definitions.EnsureAsync(edited, Ct);

        var instance = await host.Runtime.StartAsync(new("incident"), Ct);

        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        Assert.Matches("time limit|statement limit", Assert.Single(instance.Incidents).Message);
    }

    [Fact]
    public async Task Resume_InstanceStartedOnV1_FinishesOnV1AfterV2Published()
    {
        await using var host = new WorkflowHost();
        var onV1 = await host.StartAsync("versioned-v1");
        var v2 = await host.PublishAsync("versioned-v2");
        Assert.Equal(2, v2.Version);

        var onV2 = await host.Runtime.StartAsync(new("versioned"), Ct);
        foreach (var task in (await host.Tasks.ListAsync(new TaskQuery("reviewers", null), Ct)).Items)
        {
            await host.CompleteAsync(task, "Done");
        }

        var first = await host.InstanceAsync(onV1.Id);
        var second = await host.InstanceAsync(onV2.Id);
        Assert.Equal((1, "v1"), (first.DefinitionVersion, Text(first, "version")));
        Assert.Equal((2, "v2"), (second.DefinitionVersion, Text(second, "version")));
    }

    [Fact]
    public async Task Cancel_WaitingInstance_CancelsTaskAndRemovesWaits()
    {
        await using var host = new WorkflowHost();
        var instance = await host.StartAsync("deadline-interrupting");
        var task = await host.SingleOpenTaskAsync("handlers");

        var cancelled = await host.Runtime.CancelAsync(instance.Id, Ct);

        Assert.Equal(WorkflowStatus.Cancelled, cancelled.Status);
        Assert.Empty(cancelled.WaitingActivityIds);
        Assert.Equal(WorkflowTaskStatus.Cancelled, (await host.Tasks.GetAsync(task.Id, Ct))!.Status);
        Assert.Empty(await host.Store.ListDueTimersAsync(DateTimeOffset.MaxValue, 10, Ct));
        await Assert.ThrowsAsync<TaskAlreadyCompletedException>(() => host.CompleteAsync(task, "Done"));
        await Assert.ThrowsAsync<WorkflowStateException>(() => host.Runtime.CancelAsync(instance.Id, Ct));
    }

    [Fact]
    public async Task Start_UnpublishedDefinition_NotFound()
    {
        await using var host = new WorkflowHost();
        await host.Definitions.SaveDraftAsync(Scenario("decision"), Ct);

        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => host.Runtime.StartAsync(new("decision"), Ct));
    }
}
