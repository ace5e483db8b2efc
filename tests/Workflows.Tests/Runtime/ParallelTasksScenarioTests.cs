using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;
using static CityOps.Workflows.Tests.Runtime.WorkflowHost;

namespace CityOps.Workflows.Tests.Runtime;

/// <summary>The multi-instance task (<c>CityOps.ParallelTasks</c>): one task per item, continuing once all are done.</summary>
public sealed class ParallelTasksScenarioTests
{
    private static readonly string[] Three = ["WATER", "ROADS", "PARKS"];

    [Fact]
    public async Task Start_NoItems_CompletesAtOnceWithoutTasks()
    {
        await using var host = new WorkflowHost();

        var instance = await host.StartAsync("parallel-tasks", new { departments = Array.Empty<string>() });

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal("done", Text(instance, "path"));
        Assert.Equal("[]", Text(instance, "assists"));
        Assert.Empty(await OpenAsync(host));
    }

    [Fact]
    public async Task Complete_ThreeItemsInAnyOrder_ContinuesOnlyAfterTheLast()
    {
        await using var host = new WorkflowHost();
        var instance = await host.StartAsync("parallel-tasks", new { departments = new[] { "WATER", "ROADS", "PARKS", "ROADS" } });
        Assert.Equal(["assists"], instance.WaitingActivityIds);
        var tasks = new Dictionary<string, WorkflowTaskRecord>();
        foreach (var department in Three)
        {
            tasks[department] = await host.SingleOpenTaskAsync($"dept:{department}");
        }

        Assert.Equal("协办 ROADS", tasks["ROADS"].Title);

        await host.CompleteAsync(tasks["PARKS"], "Done", new { note = "trees cut" }, actor: "zhao");
        await host.CompleteAsync(tasks["WATER"], "Done", actor: "qian");
        var halfway = await host.InstanceAsync(instance.Id);
        await host.CompleteAsync(tasks["ROADS"], "Done", actor: "sun");

        Assert.Equal(WorkflowStatus.Suspended, halfway.Status);
        Assert.DoesNotContain("path", halfway.Variables.Keys);
        var done = await host.InstanceAsync(instance.Id);
        Assert.Equal(WorkflowStatus.Finished, done.Status);
        Assert.Equal("done", Text(done, "path"));
        var results = done.Variables["assists"].EnumerateArray().ToList();
        Assert.Equal(Three, results.Select(r => r.GetProperty("item").GetString()));
        Assert.Equal(["qian", "sun", "zhao"], results.Select(r => r.GetProperty("actor").GetString()));
        Assert.Equal("trees cut", results[2].GetProperty("form").GetProperty("note").GetString());
        var journal = await host.Runtime.GetJournalAsync(instance.Id, 0, 100, Ct);
        Assert.Equal(["Waiting", "Progress", "Progress", "Resumed"], journal.Where(j => j.ActivityId == "assists").Select(j => j.EventName));
    }

    [Fact]
    public async Task Complete_OneItemRejected_FollowsAnyRejectedAfterAllAreDone()
    {
        await using var host = new WorkflowHost();
        var instance = await host.StartAsync("parallel-tasks", new { departments = new[] { "WATER", "ROADS" } });

        await host.CompleteAsync(await host.SingleOpenTaskAsync("dept:WATER"), "Reject");
        var afterReject = await host.InstanceAsync(instance.Id);
        await host.CompleteAsync(await host.SingleOpenTaskAsync("dept:ROADS"), "Done");

        Assert.Equal(WorkflowStatus.Suspended, afterReject.Status);
        Assert.Equal("rejected", Text(await host.InstanceAsync(instance.Id), "path"));
    }

    [Fact]
    public async Task Complete_SameTaskTwice_SameKeyReplays_OtherKeyConflicts_NothingMovesTwice()
    {
        await using var host = new WorkflowHost();
        var instance = await host.StartAsync("parallel-tasks", new { departments = new[] { "WATER", "ROADS" } });
        var water = await host.SingleOpenTaskAsync("dept:WATER");

        var first = await host.Tasks.CompleteAsync(water.Id, "Done", null, "qian", "k-1", Ct);
        var replay = await host.Tasks.CompleteAsync(water.Id, "Done", null, "qian", "k-1", Ct);
        await Assert.ThrowsAsync<TaskAlreadyCompletedException>(() => host.Tasks.CompleteAsync(water.Id, "Reject", null, "li", "k-2", Ct));

        Assert.False(first.Replayed);
        Assert.True(replay.Replayed);
        var still = await host.InstanceAsync(instance.Id);
        Assert.Equal(WorkflowStatus.Suspended, still.Status);
        Assert.Single(await OpenAsync(host));
        Assert.Equal("Done", still.Variables["assists"][0].GetProperty("outcome").GetString());
        await host.CompleteAsync(await host.SingleOpenTaskAsync("dept:ROADS"), "Done");
        Assert.Equal("done", Text(await host.InstanceAsync(instance.Id), "path"));
    }

    [Fact]
    public async Task Cancel_Instance_CancelsEveryOpenTaskAndKeepsCompletedOnes()
    {
        await using var host = new WorkflowHost();
        var instance = await host.StartAsync("parallel-tasks", new { departments = Three });
        var water = await host.SingleOpenTaskAsync("dept:WATER");
        await host.CompleteAsync(water, "Done");

        await host.Runtime.CancelAsync(instance.Id, Ct);

        Assert.Equal(WorkflowStatus.Cancelled, (await host.InstanceAsync(instance.Id)).Status);
        Assert.Equal(WorkflowTaskStatus.Completed, (await host.Tasks.GetAsync(water.Id, Ct))!.Status);
        Assert.Empty(await OpenAsync(host));
        Assert.Empty((await host.Tasks.ListAsync(new TaskQuery("dept:ROADS", null), Ct)).Items);
    }

    [Fact]
    public async Task JoinWaitAny_OtherBranchFirst_CancelsTheOpenItemTasks()
    {
        await using var host = new WorkflowHost();
        var instance = await host.StartAsync("parallel-tasks-waitany", new { departments = Three });
        var roads = await host.SingleOpenTaskAsync("dept:ROADS");

        await host.CompleteAsync(await host.SingleOpenTaskAsync("group-lead"), "Done");

        var done = await host.InstanceAsync(instance.Id);
        Assert.Equal(WorkflowStatus.Finished, done.Status);
        Assert.Equal("1", Text(done, "joined"));
        Assert.Equal(WorkflowTaskStatus.Cancelled, (await host.Tasks.GetAsync(roads.Id, Ct))!.Status);
        await Assert.ThrowsAsync<TaskAlreadyCompletedException>(() => host.CompleteAsync(roads, "Done"));
    }

    [Fact]
    public async Task Deadline_Interrupting_FollowsOverdueAndCancelsOnlyTheOpenTasks()
    {
        await using var host = new WorkflowHost();
        var instance = await host.StartAsync("parallel-tasks-deadline", new { departments = Three });
        var water = await host.SingleOpenTaskAsync("dept:WATER");
        await host.CompleteAsync(water, "Done");

        host.Clock.Advance(TimeSpan.FromHours(2));
        await host.Sweeper.FireDueAsync(host.Clock.GetUtcNow(), 10, Ct);

        var after = await host.InstanceAsync(instance.Id);
        Assert.Equal(WorkflowStatus.Finished, after.Status);
        Assert.Equal("true", Text(after, "overdue"), ignoreCase: true);
        Assert.DoesNotContain("path", after.Variables.Keys);
        Assert.Equal(WorkflowTaskStatus.Completed, (await host.Tasks.GetAsync(water.Id, Ct))!.Status);
        Assert.Empty(await OpenAsync(host));
    }

    [Fact]
    public async Task Start_ItemsNotAList_RaisesAnIncident()
    {
        await using var host = new WorkflowHost();

        var instance = await host.StartAsync("parallel-tasks", new { departments = "WATER" });

        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        Assert.Contains("must be a list", Assert.Single(instance.Incidents).Message, StringComparison.Ordinal);
    }

    private static async Task<List<WorkflowTaskRecord>> OpenAsync(WorkflowHost host)
    {
        var open = new List<WorkflowTaskRecord>();
        foreach (var department in Three)
        {
            open.AddRange((await host.Tasks.ListAsync(new TaskQuery($"dept:{department}", null), Ct)).Items);
        }

        return open;
    }
}
