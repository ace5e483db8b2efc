using System.Text.Json;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;
using FluentValidation;
using static CityOps.Workflows.Tests.Runtime.WorkflowHost;

namespace CityOps.Workflows.Tests.Runtime;

/// <summary>Waiting scenarios: human tasks, events, timers.</summary>
public sealed class WaitScenarioTests
{
    [Fact]
    public async Task CompleteTask_Approve_FollowsOutcomePortWithFormDataAndWritesOutbox()
    {
        await using var host = new WorkflowHost();
        var instance = await host.StartAsync("human-task", new { reporter = "13800000000" });
        var task = await host.SingleOpenTaskAsync("reviewers");
        Assert.Equal(["Approve", "Reject"], task.Outcomes);
        Assert.Contains("note", task.FormSchemaJson, StringComparison.Ordinal);

        await host.CompleteAsync(task, "Approve", new { note = "fixed" }, actor: "wang");

        var done = await host.InstanceAsync(instance.Id);
        Assert.Equal(WorkflowStatus.Finished, done.Status);
        Assert.Equal("approved: fixed by wang", Text(done, "result"));
        var stored = (await host.Tasks.GetAsync(task.Id, Ct))!;
        Assert.Equal((WorkflowTaskStatus.Completed, "Approve", "wang"), (stored.Status, stored.Outcome, stored.CompletedBy));
        var message = Assert.Single(await host.Store.ListOutboxAsync(instance.Id, Ct));
        Assert.Equal(("sms", "13800000000"), (message.Channel, message.Recipient));
        Assert.Contains("approved: fixed by wang", message.Body, StringComparison.Ordinal);
        var journal = await host.Runtime.GetJournalAsync(instance.Id, 0, 100, Ct);
        Assert.Contains(journal, j => j.ActivityId == "review" && j.EventName == "Resumed" && j.Actor == "wang" && j.Outcomes == "Approve");
    }

    [Fact]
    public async Task TaskWait_WritesNoBookmarkRow_EventWaitDoes()
    {
        await using var host = new WorkflowHost();
        var tasked = await host.StartAsync("human-task", new { reporter = "x" });
        await host.StartAsync("event-wait", new { orderId = "o-1" });

        // Only event waits are looked up by name; a task wait is reached through its task row.
        Assert.Empty(await host.Store.FindBookmarksAsync("task", CorrelationHash.Compute("task", null), Ct));
        Assert.Single(await host.Store.FindBookmarksAsync("payment", CorrelationHash.Compute("payment", "o-1"), Ct));
        var wait = Assert.Single(InstanceState.Parse((await host.Store.GetInstanceAsync(tasked.Id, Ct))!.StateJson).Waits.Values);
        Assert.True(wait.Unindexed);
    }

    [Fact]
    public async Task CompleteTask_WaitSavedWithABookmarkRow_DeletesTheRowAndFinishes()
    {
        // An instance saved before task waits went without a bookmark row: its wait has the row and no "unindexed".
        await using var host = new WorkflowHost();
        var instance = await host.StartAsync("human-task", new { reporter = "x" });
        var task = await host.SingleOpenTaskAsync("reviewers");
        var stored = (await host.Store.GetInstanceAsync(instance.Id, Ct))!;
        var state = InstanceState.Parse(stored.StateJson);
        var wait = Assert.Single(state.Waits.Values);
        wait.Unindexed = false;
        var hash = CorrelationHash.Compute("task", null);
        var old = stored.Copy();
        stored.StateJson = state.Write();
        await host.Store.CommitAsync(new WorkflowCommit
        {
            Instance = new InstanceWrite(stored, stored.Version) { Original = old },
            BookmarksAdded = [new BookmarkRecord { Id = wait.BookmarkId, InstanceId = instance.Id, ActivityId = wait.ActivityId, Kind = BookmarkKind.Task, Name = "task", CorrelationHash = hash, CreatedAt = host.Clock.GetUtcNow() }],
        }, Ct);
        Assert.Single(await host.Store.FindBookmarksAsync("task", hash, Ct));

        await host.CompleteAsync(task, "Approve", new { note = "ok" }, actor: "wang");

        Assert.Equal(WorkflowStatus.Finished, (await host.InstanceAsync(instance.Id)).Status);
        Assert.Empty(await host.Store.FindBookmarksAsync("task", hash, Ct));
    }

    [Fact]
    public async Task CompleteTask_UnknownOutcome_ValidationErrorNamesOutcome()
    {
        await using var host = new WorkflowHost();
        await host.StartAsync("human-task", new { reporter = "x" });
        var task = await host.SingleOpenTaskAsync("reviewers");

        var error = await Assert.ThrowsAsync<ValidationException>(() => host.CompleteAsync(task, "Maybe"));

        Assert.Equal("outcome", Assert.Single(error.Errors).PropertyName);
        Assert.Equal(WorkflowTaskStatus.Open, (await host.Tasks.GetAsync(task.Id, Ct))!.Status);
    }

    [Fact]
    public async Task ClaimTask_ClaimedByAnother_ConflictAndCompleteByOtherRejected()
    {
        await using var host = new WorkflowHost();
        await host.StartAsync("human-task", new { reporter = "x" });
        var task = await host.SingleOpenTaskAsync("reviewers");

        var claimed = await host.Tasks.ClaimAsync(task.Id, "li", Ct);

        Assert.Equal((WorkflowTaskStatus.Claimed, "li"), (claimed.Status, claimed.ClaimedBy));
        await Assert.ThrowsAsync<TaskClaimedByAnotherException>(() => host.Tasks.ClaimAsync(task.Id, "wang", Ct));
        await Assert.ThrowsAsync<TaskClaimedByAnotherException>(() => host.CompleteAsync(task, "Reject", actor: "wang"));
        Assert.Single((await host.Tasks.ListAsync(new TaskQuery(null, "li"), Ct)).Items);
    }

    [Fact]
    public async Task RaiseEvent_MatchingCorrelation_ResumesOnlyThatInstance()
    {
        await using var host = new WorkflowHost();
        var mine = await host.StartAsync("event-wait", new { orderId = "o-1" });
        var other = await host.StartAsync("event-wait", new { orderId = "o-2" });

        var result = await host.Runtime.RaiseEventAsync(new("payment", "o-1", JsonSerializer.SerializeToElement(new { amount = 42 }), "pay-1"), Ct);

        Assert.Equal([mine.Id], result.ResumedInstanceIds);
        var done = await host.InstanceAsync(mine.Id);
        Assert.Equal(WorkflowStatus.Finished, done.Status);
        Assert.Equal("42", Text(done, "amount"));
        Assert.Equal(WorkflowStatus.Suspended, (await host.InstanceAsync(other.Id)).Status);
    }

    [Fact]
    public async Task Sweep_ProcessedStimulusPastRetention_RecordGoesAndTheKeyIsNewAgain()
    {
        await using var host = new WorkflowHost();
        await host.StartAsync("event-wait", new { orderId = "o-1" });
        await host.Runtime.RaiseEventAsync(new("payment", "o-1", JsonSerializer.SerializeToElement(new { amount = 42 }), "pay-1"), Ct);
        var kept = await host.Store.FindStimulusAsync("pay-1", Ct);
        Assert.NotNull(kept);

        host.Clock.Advance(TimeSpan.FromDays(29));
        Assert.Equal(0, await host.Sweeper.PurgeProcessedStimuliAsync(host.Clock.GetUtcNow(), 100, Ct));
        Assert.NotNull(await host.Store.FindStimulusAsync("pay-1", Ct));

        host.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1)); // 30 days (the default retention) have passed
        Assert.True(await host.Sweeper.PurgeProcessedStimuliAsync(host.Clock.GetUtcNow(), 100, Ct) >= 1);
        Assert.Null(await host.Store.FindStimulusAsync("pay-1", Ct));
    }

    [Theory]
    [InlineData("task")]
    [InlineData("timer")]
    public async Task RaiseEvent_NamedLikeATaskOrTimerWait_ReachesNoSuchWait(string name)
    {
        await using var host = new WorkflowHost();
        var waiting = await host.StartAsync(name == "task" ? "human-task" : "timer", name == "task" ? new { reporter = "x" } : null);

        var result = await host.Runtime.RaiseEventAsync(new(name, null, null, "stray-" + name), Ct);

        Assert.Empty(result.ResumedInstanceIds);
        var instance = await host.InstanceAsync(waiting.Id);
        Assert.Equal(WorkflowStatus.Suspended, instance.Status);
        Assert.Empty(instance.Incidents);
        Assert.NotEmpty(instance.WaitingActivityIds);
    }

    [Fact]
    public async Task Sweep_TimerDue_FiresOnceAfterClockPasses()
    {
        await using var host = new WorkflowHost();
        var instance = await host.StartAsync("timer");

        Assert.Equal(0, await host.Sweeper.FireDueAsync(host.Clock.GetUtcNow(), 10, Ct));
        host.Clock.Advance(TimeSpan.FromMinutes(61));
        var fired = await host.Sweeper.FireDueAsync(host.Clock.GetUtcNow(), 10, Ct);
        var again = await host.Sweeper.FireDueAsync(host.Clock.GetUtcNow(), 10, Ct);

        Assert.Equal((1, 0), (fired, again));
        var done = await host.InstanceAsync(instance.Id);
        Assert.Equal(WorkflowStatus.Finished, done.Status);
        Assert.Equal("true", Text(done, "fired"), ignoreCase: true);
    }

    [Fact]
    public async Task Sweep_BacklogAfterDowntime_FiresInBoundedBatches()
    {
        await using var host = new WorkflowHost();
        for (var i = 0; i < 5; i++)
        {
            await host.StartAsync("timer");
        }

        host.Clock.Advance(TimeSpan.FromDays(1));
        var batches = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            batches.Add(await host.Sweeper.FireDueAsync(host.Clock.GetUtcNow(), 2, Ct));
        }

        Assert.Equal([2, 2, 1], batches);
    }

    [Fact]
    public async Task FireTimer_SameTimerTwice_SecondChangesNothing()
    {
        await using var host = new WorkflowHost();
        var instance = await host.StartAsync("timer");
        var timer = Assert.Single(await host.Store.ListDueTimersAsync(DateTimeOffset.MaxValue, 10, Ct));

        await host.Runtime.ResumeAsync(new TimerFiredStimulus(timer.Id), Ct);
        var version = (await host.InstanceAsync(instance.Id)).Version;
        var second = await host.Runtime.ResumeAsync(new TimerFiredStimulus(timer.Id), Ct);

        Assert.True(second.Replayed);
        Assert.Equal(version, (await host.InstanceAsync(instance.Id)).Version);
    }
}
