using System.Text.Json;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;
using static CityOps.Workflows.Tests.Runtime.WorkflowHost;

namespace CityOps.Workflows.Tests.Runtime;

/// <summary>Races on the in-memory store: exactly-once transitions, nothing lost, nothing doubled.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task CompleteTask_TwoSimultaneousCompletions_OneWinsOtherConflictsInstanceAdvancesOnce()
    {
        await using var host = new WorkflowHost();
        var instance = await host.StartAsync("human-task", new { reporter = "x" });
        var task = await host.SingleOpenTaskAsync("reviewers");
        using var gate = new Barrier(2);

        var attempts = new[] { ("li", "Approve"), ("wang", "Reject") }.Select(a => Task.Run(async () =>
        {
            gate.SignalAndWait(Ct);
            return await host.CompleteAsync(task, a.Item2, new { note = "n" }, a.Item1);
        })).ToList();
        var outcomes = await Task.WhenAll(attempts.Select(async t =>
        {
            try
            {
                await t;
                return "ok";
            }
            catch (TaskAlreadyCompletedException)
            {
                return "conflict";
            }
        }));

        Assert.Equal(["conflict", "ok"], outcomes.Order());
        var journal = await host.Runtime.GetJournalAsync(instance.Id, 0, 100, Ct);
        Assert.Single(journal, j => j.ActivityId == "review" && j.EventName == "Resumed");
        Assert.Single(await host.Store.ListOutboxAsync(instance.Id, Ct));
        Assert.Equal(WorkflowStatus.Finished, (await host.InstanceAsync(instance.Id)).Status);
    }

    [Fact]
    public async Task CompleteTask_SameIdempotencyKeyTwice_SecondReturnsFirstResultAndChangesNothing()
    {
        await using var host = new WorkflowHost();
        var instance = await host.StartAsync("human-task", new { reporter = "x" });
        var task = await host.SingleOpenTaskAsync("reviewers");

        var first = await host.Tasks.CompleteAsync(task.Id, "Reject", null, "li", "req-7", Ct);
        var version = (await host.InstanceAsync(instance.Id)).Version;
        var second = await host.Tasks.CompleteAsync(task.Id, "Reject", null, "li", "req-7", Ct);

        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Equal(first.ResumedInstanceIds, second.ResumedInstanceIds);
        Assert.Equal(version, (await host.InstanceAsync(instance.Id)).Version);
    }

    [Fact]
    public async Task RaiseEvent_200InstancesResumedInParallel_NoneLost()
    {
        await using var host = new WorkflowHost();
        var ids = new List<Guid>();
        for (var i = 0; i < 200; i++)
        {
            ids.Add((await host.StartAsync("event-wait", new { orderId = $"o-{i}" })).Id);
        }

        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (i, ct) =>
            await host.Runtime.RaiseEventAsync(new("payment", $"o-{i}", JsonSerializer.SerializeToElement(new { amount = i }), $"p-{i}"), ct));

        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            var instance = await host.InstanceAsync(id);
            Assert.Equal(WorkflowStatus.Finished, instance.Status);
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(instance, "amount"));
        }
    }

    [Fact]
    public async Task RaiseEvent_BeforeBookmarkExists_ParkedThenDeliveredWhenWaitCommits()
    {
        await using var host = new WorkflowHost();
        await host.PublishAsync("event-wait");

        var early = await host.Runtime.RaiseEventAsync(new("payment", "o-9", JsonSerializer.SerializeToElement(new { amount = 9 }), "early"), Ct);
        Assert.True(early.Parked);
        var instance = await host.Runtime.StartAsync(new("event-wait", JsonSerializer.SerializeToElement(new { orderId = "o-9" })), Ct);

        var after = await host.InstanceAsync(instance.Id);
        Assert.Equal(WorkflowStatus.Finished, after.Status);
        Assert.Equal("9", Text(after, "amount"));
        Assert.Empty(await host.Store.FindParkedStimuliAsync("payment", Workflows.Runtime.CorrelationHash.Compute("payment", "o-9"), Ct));
    }

    [Fact]
    public async Task RaiseEvent_SameKeyTwice_SecondReplayedAndOtherWaitUntouched()
    {
        await using var host = new WorkflowHost();
        var first = await host.StartAsync("event-wait", new { orderId = "o-1" });
        var payload = JsonSerializer.SerializeToElement(new { amount = 1 });
        await host.Runtime.RaiseEventAsync(new("payment", "o-1", payload, "dup"), Ct);
        var second = await host.StartAsync("event-wait", new { orderId = "o-1" });

        var replay = await host.Runtime.RaiseEventAsync(new("payment", "o-1", payload, "dup"), Ct);

        Assert.True(replay.Replayed);
        Assert.Equal([first.Id], replay.ResumedInstanceIds);
        Assert.Equal(WorkflowStatus.Suspended, (await host.InstanceAsync(second.Id)).Status);
    }

    [Fact]
    public async Task RaiseEvent_SameKeyRacedEightTimes_InstanceResumedExactlyOnce()
    {
        await using var host = new WorkflowHost();
        var instance = await host.StartAsync("event-wait", new { orderId = "o-7" });
        var payload = JsonSerializer.SerializeToElement(new { amount = 1 });

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            host.Runtime.RaiseEventAsync(new("payment", "o-7", payload, "race"), Ct))));

        Assert.All(results, r => Assert.Equal([instance.Id], r.ResumedInstanceIds));
        var journal = await host.Runtime.GetJournalAsync(instance.Id, 0, 100, Ct);
        Assert.Single(journal, j => j.EventName == "Resumed");
        Assert.Equal(WorkflowStatus.Finished, (await host.InstanceAsync(instance.Id)).Status);
    }

    [Fact]
    public async Task Sweep_TwoSweepersRace_EachTimerFiresExactlyOnce()
    {
        await using var host = new WorkflowHost();
        var ids = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add((await host.StartAsync("timer")).Id);
        }

        host.Clock.Advance(TimeSpan.FromHours(2));
        var now = host.Clock.GetUtcNow();
        var fired = await Task.WhenAll(Task.Run(() => host.Sweeper.FireDueAsync(now, 50, Ct)), Task.Run(() => host.Sweeper.FireDueAsync(now, 50, Ct)));

        Assert.Equal(20, fired.Sum());
        foreach (var id in ids)
        {
            var journal = await host.Runtime.GetJournalAsync(id, 0, 100, Ct);
            Assert.Single(journal, j => j.ActivityId == "fired");
        }
    }
}
