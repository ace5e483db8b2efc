using CityOps.Workflows.Persistence;
using static CityOps.Workflows.Tests.Runtime.WorkflowHost;

namespace CityOps.Workflows.Tests.Runtime;

/// <summary>Control flow scenarios: decisions, switch, fork/join, triggers.</summary>
public sealed class FlowScenarioTests
{
    [Theory]
    [InlineData(250, "big")]
    [InlineData(100, "small")]
    public async Task Start_DecisionOnInput_FollowsMatchingPortAndFinishes(int amount, string route)
    {
        await using var host = new WorkflowHost();

        var instance = await host.StartAsync("decision", new { amount });

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(route, Text(instance, "route"));
        var journal = await host.Runtime.GetJournalAsync(instance.Id, 0, 100, Ct);
        Assert.Equal(["start", "check", route, "end"], journal.Select(j => j.ActivityId));
        Assert.Equal(amount > 100 ? "True" : "False", journal[1].Outcomes);
    }

    [Theory]
    [InlineData("water", "water")]
    [InlineData("road", "road")]
    [InlineData("noise", "other")]
    public async Task Start_Switch_FollowsFirstMatchingCaseOrDefault(string kind, string team)
    {
        await using var host = new WorkflowHost();

        var instance = await host.StartAsync("switch", new { kind });

        Assert.Equal(team, Text(instance, "team"));
    }

    [Fact]
    public async Task Join_WaitAll_ContinuesOnlyAfterBothBranchesOnce()
    {
        await using var host = new WorkflowHost();
        var instance = await host.StartAsync("fork-join-waitall");
        Assert.Equal(["a", "b"], instance.WaitingActivityIds);

        await host.CompleteAsync(await host.SingleOpenTaskAsync("group-a"), "Done");
        var halfway = await host.InstanceAsync(instance.Id);
        Assert.Equal(WorkflowStatus.Suspended, halfway.Status);
        Assert.DoesNotContain("joined", halfway.Variables.Keys);

        await host.CompleteAsync(await host.SingleOpenTaskAsync("group-b"), "Done");
        var done = await host.InstanceAsync(instance.Id);
        Assert.Equal(WorkflowStatus.Finished, done.Status);
        Assert.Equal("1", Text(done, "joined"));
    }

    [Fact]
    public async Task Join_WaitAny_ContinuesOnFirstAndCancelsOtherTask()
    {
        await using var host = new WorkflowHost();
        var instance = await host.StartAsync("fork-join-waitany");
        var taskB = await host.SingleOpenTaskAsync("group-b");

        await host.CompleteAsync(await host.SingleOpenTaskAsync("group-a"), "Done");

        var done = await host.InstanceAsync(instance.Id);
        Assert.Equal(WorkflowStatus.Finished, done.Status);
        Assert.Equal("1", Text(done, "joined"));
        Assert.Equal(WorkflowTaskStatus.Cancelled, (await host.Tasks.GetAsync(taskB.Id, Ct))!.Status);
        Assert.Empty((await host.Tasks.ListAsync(new TaskQuery("group-b", null), Ct)).Items);
    }

    [Fact]
    public async Task RaiseEvent_MatchingTriggerAndFilter_StartsOnlyWhenFilterPasses()
    {
        await using var host = new WorkflowHost();
        await host.PublishAsync("trigger");

        var minor = await host.Runtime.RaiseEventAsync(new("reported", null, Json(new { severity = 1 }), "r-1"), Ct);
        var major = await host.Runtime.RaiseEventAsync(new("reported", null, Json(new { severity = 4 }), "r-2"), Ct);

        Assert.Empty(minor.StartedInstanceIds);
        var started = Assert.Single(major.StartedInstanceIds);
        Assert.Equal("4", Text(await host.InstanceAsync(started), "severity"));
    }

    private static System.Text.Json.JsonElement Json(object value) => System.Text.Json.JsonSerializer.SerializeToElement(value);
}
