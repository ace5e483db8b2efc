using System.Text.Json;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;
using FluentValidation;
using static CityOps.Workflows.Tests.Runtime.WorkflowHost;

namespace CityOps.Workflows.Tests.Runtime;

/// <summary>
/// The cheaper engine step keeps every answer: the idempotency key is looked up only when it can matter, the parsed
/// definition is reused only for the exact version row, parked stimuli still reach a wait committed after them.
/// </summary>
public sealed class EngineStepTests
{
    [Fact]
    public async Task CompleteTask_KeyAlreadyUsedForAnotherTask_ReturnsFirstResultAndLeavesTaskOpen()
    {
        await using var host = new WorkflowHost();
        var a = await host.StartAsync("human-task", new { reporter = "a" });
        var b = await host.Runtime.StartAsync(new("human-task", JsonSerializer.SerializeToElement(new { reporter = "b" })), Ct);
        var tasks = (await host.Tasks.ListAsync(new TaskQuery("reviewers", null), Ct)).Items;
        var taskA = tasks.Single(t => t.InstanceId == a.Id);
        var taskB = tasks.Single(t => t.InstanceId == b.Id);

        var first = await host.Tasks.CompleteAsync(taskA.Id, "Approve", null, "li", "shared-key", Ct);
        var versionB = (await host.InstanceAsync(b.Id)).Version;
        var second = await host.Tasks.CompleteAsync(taskB.Id, "Approve", null, "li", "shared-key", Ct);

        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Equal([a.Id], second.ResumedInstanceIds);
        Assert.Equal(WorkflowTaskStatus.Open, (await host.Tasks.GetAsync(taskB.Id, Ct))!.Status);
        Assert.Equal(versionB, (await host.InstanceAsync(b.Id)).Version);
        Assert.DoesNotContain(await host.Runtime.GetJournalAsync(b.Id, 0, 100, Ct), j => j.EventName == "Resumed");
    }

    [Fact]
    public async Task CompleteTask_ProcessedKey_ReplaysBeforeAnyCheck_NewKeyOnDoneTaskConflicts()
    {
        await using var host = new WorkflowHost();
        await host.StartAsync("human-task", new { reporter = "x" });
        var task = await host.SingleOpenTaskAsync("reviewers");
        var first = await host.Tasks.CompleteAsync(task.Id, "Reject", null, "li", "req-1", Ct);

        // Same key: the first result, whatever the repeat says (another outcome, even one the task does not have).
        var again = await host.Tasks.CompleteAsync(task.Id, "NoSuchOutcome", null, "wang", "req-1", Ct);
        Assert.True(again.Replayed);
        Assert.Equal(first.ResumedInstanceIds, again.ResumedInstanceIds);

        // A new key on the completed task, an unknown task, a bad outcome: the same refusals as before.
        await Assert.ThrowsAsync<TaskAlreadyCompletedException>(() => host.Tasks.CompleteAsync(task.Id, "Reject", null, "li", "req-2", Ct));
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => host.Tasks.CompleteAsync(Guid.NewGuid(), "Reject", null, "li", "req-3", Ct));
        await host.StartAsync("human-task", new { reporter = "y" });
        var open = await host.SingleOpenTaskAsync("reviewers");
        await Assert.ThrowsAsync<ValidationException>(() => host.Tasks.CompleteAsync(open.Id, "NoSuchOutcome", null, "li", "req-4", Ct));
        Assert.Null(await host.Store.FindStimulusAsync("req-4", Ct));
    }

    [Fact]
    public async Task CompleteTask_ClaimedTask_CompletedByClaimant_KeepsClaimAndStoresCompletion()
    {
        await using var host = new WorkflowHost();
        var instance = await host.StartAsync("human-task", new { reporter = "x" });
        var task = await host.SingleOpenTaskAsync("reviewers");
        await host.Tasks.ClaimAsync(task.Id, "li", Ct);
        await Assert.ThrowsAsync<TaskClaimedByAnotherException>(() => host.Tasks.CompleteAsync(task.Id, "Approve", null, "wang", "w-1", Ct));

        var result = await host.Tasks.CompleteAsync(task.Id, "Approve", JsonSerializer.SerializeToElement(new { note = "ok" }), "li", "l-1", Ct);

        var done = (await host.Tasks.GetAsync(task.Id, Ct))!;
        Assert.Equal([instance.Id], result.ResumedInstanceIds);
        Assert.Equal((WorkflowTaskStatus.Completed, "li", "li", "Approve"), (done.Status, done.ClaimedBy, done.CompletedBy, done.Outcome));
        Assert.Equal("""{"note":"ok"}""", done.FormDataJson);
        Assert.Equal(["Approve", "Reject"], done.Outcomes);
        Assert.Null(await host.Store.FindStimulusAsync("w-1", Ct));
        Assert.NotNull(await host.Store.FindStimulusAsync("l-1", Ct));
    }

    [Fact]
    public async Task Start_CachedVersion_NeverServedForAnotherVersion()
    {
        await using var host = new WorkflowHost();
        await host.PublishAsync("versioned-v1");
        var v1a = await host.Runtime.StartAsync(new("versioned"), Ct);
        var v1b = await host.Runtime.StartAsync(new("versioned"), Ct);
        await host.PublishAsync("versioned-v2");
        var v2a = await host.Runtime.StartAsync(new("versioned"), Ct);
        var v2b = await host.Runtime.StartAsync(new("versioned"), Ct);
        foreach (var task in (await host.Tasks.ListAsync(new TaskQuery("reviewers", null), Ct)).Items)
        {
            await host.CompleteAsync(task, "Done");
        }

        foreach (var (id, version) in new[] { (v1a.Id, 1), (v1b.Id, 1), (v2a.Id, 2), (v2b.Id, 2) })
        {
            var instance = await host.InstanceAsync(id);
            Assert.Equal((version, $"v{version}"), (instance.DefinitionVersion, Text(instance, "version")));
        }
    }

    [Fact]
    public async Task ParkedStimulus_DeliveredToWaitCreatedByResume_OnlyOnce()
    {
        await using var host = new WorkflowHost();
        await host.PublishAsync("event-wait");
        var early = await host.Runtime.RaiseEventAsync(new("payment", "o-1", JsonSerializer.SerializeToElement(new { amount = 5 }), "early-1"), Ct);
        Assert.True(early.Parked);

        // Two instances wait for the same correlation: the parked stimulus resumes the first one and is gone.
        var first = await host.Runtime.StartAsync(new("event-wait", JsonSerializer.SerializeToElement(new { orderId = "o-1" })), Ct);
        var second = await host.Runtime.StartAsync(new("event-wait", JsonSerializer.SerializeToElement(new { orderId = "o-1" })), Ct);

        Assert.Equal(WorkflowStatus.Finished, (await host.InstanceAsync(first.Id)).Status);
        Assert.Equal(WorkflowStatus.Suspended, (await host.InstanceAsync(second.Id)).Status);
        Assert.Empty(await host.Store.FindParkedStimuliAsync("payment", CorrelationHash.Compute("payment", "o-1"), Ct));
    }
}
