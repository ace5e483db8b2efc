using System.Text.Json;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using static CityOps.Workflows.Tests.Runtime.WorkflowHost;

namespace CityOps.Workflows.Tests.Runtime;

/// <summary>
/// A completion handed the caller's read of the task and its instance: the first attempt starts from it, the commit's
/// version check catches anything committed since, and the retry decides from a fresh read exactly as before.
/// </summary>
public sealed class CompletionWithReadTests
{
    private static readonly JsonElement Note = JsonSerializer.SerializeToElement(new { note = "n" });

    [Fact]
    public async Task Complete_WithACurrentRead_CompletesAndFinishes()
    {
        await using var host = new WorkflowHost();
        var instance = await host.StartAsync("human-task", new { reporter = "x" });
        var read = await ReadAsync(host, await host.SingleOpenTaskAsync("reviewers"));

        var result = await host.Tasks.CompleteAsync(read, "Approve", Note, "li", "k1", null, Ct);

        Assert.False(result.Replayed);
        Assert.Equal(WorkflowStatus.Finished, (await host.InstanceAsync(instance.Id)).Status);
        Assert.Equal(1, read.Step!.Instance.Version); // the caller's records are not changed by the step
        Assert.Equal(WorkflowTaskStatus.Open, read.Task.Status);
    }

    [Fact]
    public async Task Complete_WithAReadFromBeforeAClaim_ConflictsThenCompletesFromAFreshRead()
    {
        await using var host = new WorkflowHost();
        var instance = await host.StartAsync("human-task", new { reporter = "x" });
        var task = await host.SingleOpenTaskAsync("reviewers");
        var read = await ReadAsync(host, task);
        await host.Tasks.ClaimAsync(task.Id, "li", Ct); // a step since the read: the instance version moved
        var seeded = new List<IServiceProvider>();

        await host.Tasks.CompleteAsync(read, "Approve", Note, "li", "k1", seeded.Add, Ct);

        Assert.Single(seeded); // the first attempt only: the retry starts from a fresh scope

        var done = await host.Store.GetTaskAsync(task.Id, Ct);
        Assert.Equal((WorkflowTaskStatus.Completed, "li", "li"), (done!.Status, done.ClaimedBy, done.CompletedBy));
        Assert.Equal(WorkflowStatus.Finished, (await host.InstanceAsync(instance.Id)).Status);
    }

    [Fact]
    public async Task Complete_WithAReadFromBeforeAnotherCompletion_IsAlreadyCompleted_AndChangesNothing()
    {
        await using var host = new WorkflowHost();
        var instance = await host.StartAsync("human-task", new { reporter = "x" });
        var task = await host.SingleOpenTaskAsync("reviewers");
        var read = await ReadAsync(host, task);
        await host.Tasks.CompleteAsync(task.Id, "Reject", Note, "wang", "k-wang", Ct);
        var version = (await host.InstanceAsync(instance.Id)).Version;

        await Assert.ThrowsAsync<TaskAlreadyCompletedException>(() => host.Tasks.CompleteAsync(read, "Approve", Note, "li", "k-li", null, Ct));

        Assert.Equal("Reject", (await host.Store.GetTaskAsync(task.Id, Ct))!.Outcome);
        Assert.Equal(version, (await host.InstanceAsync(instance.Id)).Version);
    }

    [Fact]
    public async Task Complete_SameKeyWithAReadFromBeforeTheFirst_ReplaysTheFirstResult()
    {
        await using var host = new WorkflowHost();
        var instance = await host.StartAsync("human-task", new { reporter = "x" });
        var read = await ReadAsync(host, await host.SingleOpenTaskAsync("reviewers"));
        var first = await host.Tasks.CompleteAsync(read, "Reject", Note, "li", "req-7", null, Ct);
        var version = (await host.InstanceAsync(instance.Id)).Version;

        var second = await host.Tasks.CompleteAsync(read, "Reject", Note, "li", "req-7", null, Ct);

        Assert.True(second.Replayed);
        Assert.Equal(first.ResumedInstanceIds, second.ResumedInstanceIds);
        Assert.Equal(version, (await host.InstanceAsync(instance.Id)).Version);
    }

    [Fact]
    public async Task Complete_WithAReadOfAnotherTask_Throws()
    {
        await using var host = new WorkflowHost();
        await host.StartAsync("human-task", new { reporter = "x" });
        var read = await ReadAsync(host, await host.SingleOpenTaskAsync("reviewers"));
        var runtime = host.Provider.GetRequiredService<WorkflowRuntime>();

        await Assert.ThrowsAsync<ArgumentException>(() => runtime.CompleteTaskAsync(
            new TaskCompletedStimulus(Guid.NewGuid(), "Approve", Note, "li", "k1"), Ct, read));
    }

    private static async Task<TaskForStep> ReadAsync(WorkflowHost host, WorkflowTaskRecord task) =>
        (await host.Store.GetTaskForStepAsync(task.Id, Ct))!;
}
