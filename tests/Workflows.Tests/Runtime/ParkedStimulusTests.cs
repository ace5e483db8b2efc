using System.Text.Json;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using static CityOps.Workflows.Tests.Runtime.WorkflowHost;

namespace CityOps.Workflows.Tests.Runtime;

/// <summary>Which events are parked, and that parked ones expire and are swept.</summary>
public sealed class ParkedStimulusTests
{
    [Fact]
    public async Task RaiseEvent_TriggerFilterFalse_NotParked()
    {
        await using var host = new WorkflowHost();
        await host.PublishAsync("trigger");

        var minor = await host.Runtime.RaiseEventAsync(new("reported", "case-1", Json(new { severity = 1 }), "r-1"), Ct);

        Assert.Equal((false, 0), (minor.Parked, minor.StartedInstanceIds.Count));
        Assert.Empty(await AllParkedAsync(host));
    }

    [Fact]
    public async Task RaiseEvent_StartsByTrigger_NotParked()
    {
        await using var host = new WorkflowHost();
        await host.PublishAsync("trigger");

        var major = await host.Runtime.RaiseEventAsync(new("reported", "case-2", Json(new { severity = 4 }), "r-2"), Ct);

        Assert.False(major.Parked);
        Assert.Single(major.StartedInstanceIds);
        Assert.Empty(await AllParkedAsync(host));
    }

    [Fact]
    public async Task RaiseEvent_UncorrelatedAndNothingMatched_NotParked()
    {
        await using var host = new WorkflowHost();
        await host.PublishAsync("event-wait");

        var result = await host.Runtime.RaiseEventAsync(new("payment", null, Json(new { amount = 1 }), "p-1"), Ct);

        Assert.False(result.Parked);
        Assert.Empty(await AllParkedAsync(host));
    }

    [Fact]
    public async Task Parked_AfterDefaultLifetime_NotDeliveredAndSweptAway()
    {
        await using var host = new WorkflowHost();
        await host.PublishAsync("event-wait");
        var early = await host.Runtime.RaiseEventAsync(new("payment", "o-1", Json(new { amount = 1 }), "early"), Ct);
        Assert.True(early.Parked);

        host.Clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(0, await host.Sweeper.PurgeExpiredParkedAsync(host.Clock.GetUtcNow(), 100, Ct));
        host.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var instance = await host.Runtime.StartAsync(new("event-wait", Json(new { orderId = "o-1" })), Ct);

        Assert.Equal(WorkflowStatus.Suspended, (await host.InstanceAsync(instance.Id)).Status);
        Assert.Equal(1, await host.Sweeper.PurgeExpiredParkedAsync(host.Clock.GetUtcNow(), 100, Ct));
        Assert.Empty(await AllParkedAsync(host));
    }

    [Fact]
    public async Task Parked_ConfiguredLifetime_BeforeExpiryStillDelivered_PurgeIsBatched()
    {
        await using var host = new WorkflowHost(s => s.Configure<WorkflowRuntimeOptions>(o => o.ParkedStimulusLifetime = TimeSpan.FromHours(1)));
        await host.PublishAsync("event-wait");
        for (var i = 0; i < 3; i++)
        {
            await host.Runtime.RaiseEventAsync(new("payment", $"o-{i}", Json(new { amount = i }), $"early-{i}"), Ct);
        }

        host.Clock.Advance(TimeSpan.FromMinutes(59));
        var delivered = await host.Runtime.StartAsync(new("event-wait", Json(new { orderId = "o-0" })), Ct);
        Assert.Equal(WorkflowStatus.Finished, (await host.InstanceAsync(delivered.Id)).Status);

        host.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await host.Sweeper.PurgeExpiredParkedAsync(host.Clock.GetUtcNow(), 1, Ct));
        Assert.Equal(1, await host.Sweeper.PurgeExpiredParkedAsync(host.Clock.GetUtcNow(), 1, Ct));
        Assert.Equal(0, await host.Sweeper.PurgeExpiredParkedAsync(host.Clock.GetUtcNow(), 1, Ct));
        Assert.Empty(await AllParkedAsync(host));
    }

    private static Task<IReadOnlyList<ParkedStimulusRecord>> AllParkedAsync(WorkflowHost host) =>
        host.Store.ListParkedBeforeAsync(DateTimeOffset.MaxValue, 1000, Ct);

    private static JsonElement Json(object value) => JsonSerializer.SerializeToElement(value);
}
