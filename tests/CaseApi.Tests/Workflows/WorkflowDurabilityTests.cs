using System.Net.Http.Json;
using CityOps.CaseApi.Tests.Infrastructure;
using CityOps.Workflows.Runtime;
using CityOps.Workflows.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static CityOps.CaseApi.Tests.Workflows.WorkflowApi;

namespace CityOps.CaseApi.Tests.Workflows;

/// <summary>The engine in the real host on SQLite: restarts, races and many instances at once.</summary>
public sealed class WorkflowDurabilityTests
{
    private static readonly Dictionary<string, string?> FastSweep = new() { ["Workflows:TimerSweep:IntervalSeconds"] = "1" };

    [Fact]
    public async Task Restart_WithPendingTimerAndWaitingTask_ResumesBothAfterStart()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero));
        var folder = Path.Combine(Path.GetTempPath(), "cityops-tests", Guid.NewGuid().ToString("N"));
        Guid timerInstance, taskInstance;
        await using (var before = new CityOpsApiFactory(folder) { Time = clock, Settings = FastSweep })
        {
            var admin = await before.CreateApiClientAsync("admin");
            await PublishAsync(admin, "api-timer");
            await PublishAsync(admin, "api-approval");
            timerInstance = await StartAsync(admin, "api-timer");
            taskInstance = await StartAsync(admin, "api-approval", new { orderId = "restart" });
            Assert.Equal("Suspended", await StatusAsync(admin, timerInstance));
        }

        clock.Advance(TimeSpan.FromHours(2)); // the node was down while the timer came due
        await using var after = new CityOpsApiFactory(folder) { Time = clock, Settings = FastSweep };
        var adminAfter = await after.CreateApiClientAsync("admin");

        Assert.Equal("Finished", await WaitForStatusAsync(adminAfter, timerInstance, "Finished", TimeSpan.FromSeconds(20)));
        await CompleteAsync(after, (await OpenTaskAsync(after, taskInstance)).Id, "Reject");
        Assert.Equal("Finished", await StatusAsync(adminAfter, taskInstance));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task TimerNotYetDue_DoesNotFire_ThenFiresExactlyOnceWhenDue()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero));
        await using var factory = new CityOpsApiFactory { Time = clock, Settings = FastSweep };
        var admin = await factory.CreateApiClientAsync("admin");
        await PublishAsync(admin, "api-timer");
        var id = await StartAsync(admin, "api-timer");

        clock.Advance(TimeSpan.FromMinutes(59));
        var early = await WaitForStatusAsync(admin, id, "Finished", TimeSpan.FromSeconds(2.5));
        clock.Advance(TimeSpan.FromMinutes(1));
        var due = await WaitForStatusAsync(admin, id, "Finished", TimeSpan.FromSeconds(20));

        Assert.Equal("Suspended", early);
        Assert.Equal("Finished", due);
        var fired = (await InstanceAsync(admin, id)).GetProperty("journal").EnumerateArray().Count(j => j.GetProperty("activityId").GetString() == "fired");
        Assert.Equal(1, fired);
    }

    [Fact]
    public async Task TwoSimultaneousCompletionsOfOneTask_OneWinsAndTheInstanceAdvancesOnce()
    {
        await using var factory = new CityOpsApiFactory();
        var admin = await factory.CreateApiClientAsync("admin");
        await PublishAsync(admin, "api-approval");
        var id = await StartAsync(admin, "api-approval", new { orderId = "race" });
        var task = await OpenTaskAsync(factory, id);
        var tasks = factory.Services.GetRequiredService<ITaskService>();

        var attempts = await Task.WhenAll(
            Attempt(() => tasks.CompleteAsync(task.Id, "Approve", null, "leader", "k-approve", Ct)),
            Attempt(() => tasks.CompleteAsync(task.Id, "Reject", null, "acceptor", "k-reject", Ct)));

        Assert.Single(attempts, a => a is null);
        Assert.Single(attempts, a => a is TaskAlreadyCompletedException or CityOps.Workflows.Persistence.WorkflowConcurrencyException);
        var journal = (await InstanceAsync(admin, id)).GetProperty("journal").EnumerateArray().ToList();
        Assert.Equal(1, journal.Count(j => j.GetProperty("activityId").GetString() is "payment" or "rejected"));
    }

    [Fact]
    public async Task TwoHundredInstancesResumedInParallel_NoneIsLost()
    {
        await using var factory = new CityOpsApiFactory();
        var admin = await factory.CreateApiClientAsync("admin");
        await PublishAsync(admin, "api-approval");
        var ids = new List<Guid>();
        for (var i = 0; i < 200; i++)
        {
            ids.Add(await StartAsync(admin, "api-approval", new { orderId = $"p-{i}" }));
        }

        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Ct }, async (id, ct) =>
            await CompleteAsync(factory, (await OpenTaskAsync(factory, id)).Id, "Approve"));
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Ct }, async (i, ct) =>
            (await admin.PostAsJsonAsync("/api/workflows/events", new { eventName = "payment", correlationKey = $"p-{i}", payload = new { amount = i }, idempotencyKey = $"pay-{i}" }, ct)).EnsureSuccessStatusCode());

        var statuses = new List<string>();
        foreach (var id in ids)
        {
            statuses.Add(await StatusAsync(admin, id));
        }

        Assert.All(statuses, s => Assert.Equal("Finished", s));
    }

    private static async Task<Exception?> Attempt(Func<Task<StimulusResult>> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
