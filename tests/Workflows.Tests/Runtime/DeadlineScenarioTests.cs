using CityOps.Workflows.Persistence;
using CityOps.Workflows.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using static CityOps.Workflows.Tests.Runtime.WorkflowHost;

namespace CityOps.Workflows.Tests.Runtime;

/// <summary>Boundary deadlines on waiting activities.</summary>
public sealed class DeadlineScenarioTests
{
    [Fact]
    public async Task Deadline_Interrupting_CancelsTaskAndFollowsOverdue()
    {
        await using var host = new WorkflowHost();
        var instance = await host.StartAsync("deadline-interrupting");
        var task = await host.SingleOpenTaskAsync("handlers");

        host.Clock.Advance(TimeSpan.FromHours(2));
        await host.Sweeper.FireDueAsync(host.Clock.GetUtcNow(), 10, Ct);

        var after = await host.InstanceAsync(instance.Id);
        Assert.Equal(WorkflowStatus.Finished, after.Status);
        Assert.Equal("true", Text(after, "overdue"), ignoreCase: true);
        Assert.DoesNotContain("path", after.Variables.Keys);
        Assert.Equal(WorkflowTaskStatus.Cancelled, (await host.Tasks.GetAsync(task.Id, Ct))!.Status);
        Assert.Equal("supervisor", Assert.Single(await host.Store.ListOutboxAsync(instance.Id, Ct)).Recipient);
    }

    [Fact]
    public async Task Deadline_NonInterrupting_EscalatesAndTaskStaysCompletable()
    {
        await using var host = new WorkflowHost();
        var instance = await host.StartAsync("deadline-non-interrupting");
        var task = await host.SingleOpenTaskAsync("handlers");

        host.Clock.Advance(TimeSpan.FromHours(3));
        await host.Sweeper.FireDueAsync(host.Clock.GetUtcNow(), 10, Ct);
        var escalated = await host.InstanceAsync(instance.Id);
        await host.CompleteAsync(task, "Done");

        Assert.Equal(WorkflowStatus.Suspended, escalated.Status);
        Assert.Equal(["handle"], escalated.WaitingActivityIds);
        var done = await host.InstanceAsync(instance.Id);
        Assert.Equal(WorkflowStatus.Finished, done.Status);
        Assert.Equal("done", Text(done, "path"));
        Assert.Equal("true", Text(done, "overdue"), ignoreCase: true);
    }

    [Fact]
    public async Task Deadline_CompletedBeforeDue_TimerRemovedAndNeverFires()
    {
        await using var host = new WorkflowHost();
        var instance = await host.StartAsync("deadline-interrupting");

        await host.CompleteAsync(await host.SingleOpenTaskAsync("handlers"), "Done");
        host.Clock.Advance(TimeSpan.FromHours(5));

        Assert.Equal(0, await host.Sweeper.FireDueAsync(host.Clock.GetUtcNow(), 10, Ct));
        Assert.DoesNotContain("overdue", (await host.InstanceAsync(instance.Id)).Variables.Keys);
    }

    [Fact]
    public async Task Deadline_HostCalculator_DecidesDueInstant()
    {
        // A host counting working time would push a 2-hour deadline past the night; here: always +1 day.
        await using var host = new WorkflowHost(s => s.AddScoped<IDeadlineCalculator, NextDayCalculator>());
        await host.StartAsync("deadline-interrupting");

        var timer = Assert.Single(await host.Store.ListDueTimersAsync(DateTimeOffset.MaxValue, 10, Ct));

        Assert.Equal(TimerKind.Deadline, timer.Kind);
        Assert.Equal(host.Clock.GetUtcNow().AddDays(1), timer.DueAt);
    }

    private sealed class NextDayCalculator : IDeadlineCalculator
    {
        public ValueTask<DateTimeOffset> CalculateAsync(DeadlineRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(request.From.AddDays(1));
    }
}
