using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityOps.CaseApi.Tests.Infrastructure;
using static CityOps.CaseApi.Tests.Workflows.WorkflowApi;

namespace CityOps.CaseApi.Tests.Workflows;

public sealed class WorkflowInstanceApiTests : IDisposable
{
    private readonly CityOpsApiFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task TaskThenCorrelatedEvent_FinishesWithTheEventsData()
    {
        var admin = await factory.CreateApiClientAsync("admin");
        await PublishAsync(admin, "api-approval");
        var id = await StartAsync(admin, "api-approval", new { orderId = "o-1" });

        var waiting = await InstanceAsync(admin, id);
        await CompleteAsync(factory, (await OpenTaskAsync(factory, id)).Id, "Approve");
        var raised = await (await admin.PostAsJsonAsync("/api/workflows/events",
            new { eventName = "payment", correlationKey = "o-1", payload = new { amount = 42 }, idempotencyKey = "pay-o-1" }, Ct)).ReadAsync();
        var finished = await InstanceAsync(admin, id);

        Assert.Equal(["review"], waiting.GetProperty("instance").GetProperty("waitingActivityIds").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(id, raised.GetProperty("resumedInstanceIds")[0].GetGuid());
        Assert.Equal("Finished", finished.GetProperty("instance").GetProperty("status").GetString());
        Assert.Equal("paid 42", finished.GetProperty("instance").GetProperty("variables").GetProperty("result").GetString());
        var journal = finished.GetProperty("journal").EnumerateArray().Select(j => j.GetProperty("activityId").GetString()).ToList();
        Assert.Equal(["start", "review", "review", "payment", "payment", "paid", "end"], journal);
    }

    [Fact]
    public async Task SameEventKeyTwice_SecondIsAReplayAndChangesNothing()
    {
        var admin = await factory.CreateApiClientAsync("admin");
        await PublishAsync(admin, "api-approval");
        var id = await StartAsync(admin, "api-approval", new { orderId = "o-2" });
        await CompleteAsync(factory, (await OpenTaskAsync(factory, id)).Id, "Approve");
        var body = new { eventName = "payment", correlationKey = "o-2", payload = new { amount = 1 }, idempotencyKey = "pay-o-2" };

        await admin.PostAsJsonAsync("/api/workflows/events", body, Ct);
        var journalBefore = (await InstanceAsync(admin, id)).GetProperty("journal").GetArrayLength();
        var again = await (await admin.PostAsJsonAsync("/api/workflows/events", body, Ct)).ReadAsync();

        Assert.True(again.GetProperty("replayed").GetBoolean());
        Assert.Equal(journalBefore, (await InstanceAsync(admin, id)).GetProperty("journal").GetArrayLength());
    }

    [Fact]
    public async Task EventBeforeItsWait_IsParkedAndDeliveredWhenTheWaitAppears()
    {
        var admin = await factory.CreateApiClientAsync("admin");
        await PublishAsync(admin, "api-approval");

        var early = await (await admin.PostAsJsonAsync("/api/workflows/events",
            new { eventName = "payment", correlationKey = "o-3", payload = new { amount = 7 }, idempotencyKey = "pay-o-3" }, Ct)).ReadAsync();
        var id = await StartAsync(admin, "api-approval", new { orderId = "o-3" });
        await CompleteAsync(factory, (await OpenTaskAsync(factory, id)).Id, "Approve");

        Assert.True(early.GetProperty("parked").GetBoolean());
        Assert.Equal("Finished", await StatusAsync(admin, id));
        Assert.Equal("paid 7", (await InstanceAsync(admin, id)).GetProperty("instance").GetProperty("variables").GetProperty("result").GetString());
    }

    [Fact]
    public async Task InstanceStartedOnV1_FinishesOnV1AfterV2IsPublished()
    {
        var admin = await factory.CreateApiClientAsync("admin");
        await PublishAsync(admin, "api-approval");
        var onV1 = await StartAsync(admin, "api-approval", new { orderId = "a" });
        var v2 = DefinitionJson("api-approval").Replace("'paid ' + event.amount", "'v2 paid ' + event.amount", StringComparison.Ordinal);
        await admin.PutAsync("/api/workflows/definitions/api-approval", Json(v2), Ct);
        await admin.PostAsync("/api/workflows/definitions/api-approval/publish", null, Ct);
        var onV2 = await StartAsync(admin, "api-approval", new { orderId = "b" });

        foreach (var (id, key) in new[] { (onV1, "a"), (onV2, "b") })
        {
            await CompleteAsync(factory, (await OpenTaskAsync(factory, id)).Id, "Approve");
            await admin.PostAsJsonAsync("/api/workflows/events", new { eventName = "payment", correlationKey = key, payload = new { amount = 5 }, idempotencyKey = "p-" + key }, Ct);
        }

        var first = (await InstanceAsync(admin, onV1)).GetProperty("instance");
        var second = (await InstanceAsync(admin, onV2)).GetProperty("instance");
        Assert.Equal((1, "paid 5"), (first.GetProperty("definitionVersion").GetInt32(), first.GetProperty("variables").GetProperty("result").GetString()));
        Assert.Equal((2, "v2 paid 5"), (second.GetProperty("definitionVersion").GetInt32(), second.GetProperty("variables").GetProperty("result").GetString()));
    }

    [Fact]
    public async Task Cancel_RemovesTheTask_AndCancellingAgainIs409()
    {
        var admin = await factory.CreateApiClientAsync("admin");
        await PublishAsync(admin, "api-approval");
        var id = await StartAsync(admin, "api-approval", new { orderId = "c" });

        var cancelled = await (await admin.PostAsync($"/api/workflows/instances/{id}/cancel", null, Ct)).ReadAsync();
        var again = await admin.PostAsync($"/api/workflows/instances/{id}/cancel", null, Ct);

        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
        await Assert.ThrowsAsync<InvalidOperationException>(() => OpenTaskAsync(factory, id));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("invalid-state", (await again.ReadAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Start_WithoutDefinitionOrUnpublished_IsAClearError()
    {
        var admin = await factory.CreateApiClientAsync("admin");
        await admin.PostAsync("/api/workflows/definitions", Json(DefinitionJson("api-approval")), Ct);

        var missingField = await admin.PostAsJsonAsync("/api/workflows/instances", new { input = new { } }, Ct);
        var unpublished = await admin.PostAsJsonAsync("/api/workflows/instances", new { definitionId = "api-approval" }, Ct);
        var unknownInstance = await admin.GetAsync($"/api/workflows/instances/{Guid.NewGuid()}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, missingField.StatusCode);
        Assert.True((await missingField.ReadAsync()).GetProperty("errors").TryGetProperty("definitionId", out _));
        Assert.Equal(HttpStatusCode.NotFound, unpublished.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownInstance.StatusCode);
    }

    [Fact]
    public async Task Raise_WithoutIdempotencyKey_Is400_AndRetryWithoutIncidentIs409()
    {
        var admin = await factory.CreateApiClientAsync("admin");
        await PublishAsync(admin, "api-approval");
        var id = await StartAsync(admin, "api-approval", new { orderId = "r" });

        var noKey = await admin.PostAsJsonAsync("/api/workflows/events", new { eventName = "payment" }, Ct);
        var retry = await admin.PostAsync($"/api/workflows/instances/{id}/retry", null, Ct);

        Assert.True((await noKey.ReadAsync()).GetProperty("errors").TryGetProperty("idempotencyKey", out _));
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
    }

    [Fact]
    public async Task FaultingActivity_BecomesAVisibleIncident_AndRetryRunsItAgain()
    {
        var admin = await factory.CreateApiClientAsync("admin");
        await PublishAsync(admin, "api-incident");
        var id = await StartAsync(admin, "api-incident", new { fail = true });

        var faulted = (await InstanceAsync(admin, id)).GetProperty("instance");
        var retried = await (await admin.PostAsync($"/api/workflows/instances/{id}/retry", null, Ct)).ReadAsync();
        var ok = await StartAsync(admin, "api-incident", new { fail = false });

        Assert.Equal("Faulted", faulted.GetProperty("status").GetString());
        var incident = faulted.GetProperty("incidents")[0];
        Assert.Equal("geocode", incident.GetProperty("activityId").GetString());
        Assert.Contains("geocoder unavailable", incident.GetProperty("message").GetString(), StringComparison.Ordinal);
        var incidents = retried.GetProperty("incidents").EnumerateArray().ToList();
        Assert.Equal(2, incidents.Count);
        Assert.NotEqual(JsonValueKind.Null, incidents[0].GetProperty("resolvedAt").ValueKind);
        Assert.Equal("Faulted", retried.GetProperty("status").GetString());
        Assert.Equal("Finished", await StatusAsync(admin, ok));
    }
}
