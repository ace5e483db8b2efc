using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CityOps.CaseApi.Tests.Cases;

public sealed class SpecialFlowTests : IDisposable
{
    private readonly CaseApp app = new();

    public void Dispose() => app.Dispose();

    private static DateTimeOffset Local(int day, int hour, int minute) => new(2026, 12, day, hour, minute, 0, TimeSpan.FromHours(8));

    private async Task<string> DispatchedAsync()
    {
        var id = (await app.ReportAsync()).GetProperty("id").GetString()!;
        await app.DoAsync("acceptor", id, "Register");
        return id;
    }

    private async Task<string> HandlingAsync()
    {
        var id = await DispatchedAsync();
        await app.DoAsync("water", id, "Accept");
        return id;
    }

    private async Task<string> Status(string id) => (await app.CaseAsync(id)).GetProperty("status").GetString()!;

    [Fact]
    public async Task Return_GoesToTheDispatcher_WhoRedispatches_AndIsCounted()
    {
        var id = await DispatchedAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await app.CompleteAsync("water", id, "Return")).StatusCode); // reason required

        await app.DoAsync("water", id, "Return", comment: "不属于本单位");
        Assert.Equal("AwaitingDispatch", await Status(id));
        Assert.Null(await app.TaskAsync("water", id));

        await app.DoAsync("dispatcher", id, "Dispatch", form: new { department = "D330196-CGJ" });
        var redispatched = await app.CaseAsync(id);
        Assert.Equal("D330196-CGJ", redispatched.GetProperty("leadDepartment").GetString());
        Assert.Equal(1, redispatched.GetProperty("counters").GetProperty("returns").GetInt32());
        Assert.NotNull(await app.TaskAsync("cgj", id));
    }

    [Fact]
    public async Task Extension_ApprovedByTheDispatcher_MovesTheDeadline()
    {
        var id = await HandlingAsync();
        Assert.Equal(Local(4, 9, 0), (await app.CaseAsync(id)).GetProperty("currentStage").GetProperty("dueAt").GetDateTimeOffset());

        await app.DoAsync("water", id, "RequestExtension", form: new { workingHours = 4 }, comment: "需要采购井盖");
        await app.DoAsync("dispatcher", id, "Approve");

        var extended = await app.CaseAsync(id);
        Assert.Equal(Local(4, 14, 30), extended.GetProperty("currentStage").GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(1, extended.GetProperty("counters").GetProperty("extensions").GetInt32());
        Assert.NotNull(await app.TaskAsync("water", id));
    }

    [Fact]
    public async Task Extension_Refused_KeepsTheDeadline()
    {
        var id = await HandlingAsync();
        await app.DoAsync("water", id, "RequestExtension", form: new { workingHours = 4 }, comment: "需要采购");
        await app.DoAsync("dispatcher", id, "Refuse", comment: "按期完成");

        var kept = await app.CaseAsync(id);
        Assert.Equal(Local(4, 9, 0), kept.GetProperty("currentStage").GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(0, kept.GetProperty("counters").GetProperty("extensions").GetInt32());
    }

    [Fact]
    public async Task Void_NeedsTheShiftLeader()
    {
        var id = (await app.ReportAsync()).GetProperty("id").GetString()!;
        await app.DoAsync("acceptor", id, "Void", comment: "重复上报");
        Assert.Null(await app.TaskAsync("acceptor", id));

        await app.DoAsync("leader", id, "Approve");
        var voided = await app.CaseAsync(id);
        Assert.Equal("Voided", voided.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, voided.GetProperty("currentStage").ValueKind);
    }

    [Fact]
    public async Task FailedCheck_SendsItBackToTheDepartment_AsRework()
    {
        var id = await HandlingAsync();
        await app.DoAsync("water", id, "Handled", photo: true);
        await app.DoAsync("inspector", id, "Fail", comment: "井盖仍松动", photo: true);

        var rework = await app.CaseAsync(id);
        Assert.Equal("Handling", rework.GetProperty("status").GetString());
        Assert.Equal(1, rework.GetProperty("counters").GetProperty("rework").GetInt32());
        Assert.Equal("Handle", rework.GetProperty("currentStage").GetProperty("stage").GetString());
        Assert.NotNull(await app.TaskAsync("water", id));
    }

    [Fact]
    public async Task Suspension_StopsTheClock_AndRestoreMovesTheDeadline()
    {
        var id = await HandlingAsync(); // handle from Tue 09:00, due Fri 09:00
        await app.DoAsync("water", id, "RequestSuspension", comment: "等待资金");
        await app.DoAsync("dispatcher", id, "Approve");
        Assert.Equal("Suspended", await Status(id));

        app.Advance(TimeSpan.FromDays(1)); // Wed 09:00: one full working day suspended
        await app.DoAsync("dispatcher", id, "Restore");

        var restored = await app.CaseAsync(id);
        Assert.Equal("Handling", restored.GetProperty("status").GetString());
        Assert.Equal(Local(7, 9, 0), restored.GetProperty("currentStage").GetProperty("dueAt").GetDateTimeOffset()); // Fri → Mon
        Assert.NotNull(await app.TaskAsync("water", id));
    }

    [Fact]
    public async Task RedHandlingStage_IssuesSupervisionOrders_AndALeaderEscalates()
    {
        var id = await HandlingAsync();
        app.Advance(Local(4, 9, 1) - app.Clock.GetUtcNow());
        await app.SweepAsync();

        var overdue = await app.CaseAsync(id);
        Assert.Equal(1, overdue.GetProperty("counters").GetProperty("supervisionOrders").GetInt32());
        Assert.Equal("Red", overdue.GetProperty("currentStage").GetProperty("light").GetString());
        Assert.NotNull(await app.TaskAsync("water", id)); // non-interrupting: the department still works it

        var leader = await app.As("leader");
        Assert.Equal(HttpStatusCode.Accepted, (await leader.PostAsync($"/api/cases/{id}/supervision", null, CaseApp.Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("dispatcher")).PostAsync($"/api/cases/{id}/supervision", null, CaseApp.Ct)).StatusCode);

        var timeline = await app.TimelineAsync(id);
        var orders = timeline.Where(e => e.GetProperty("action").GetString()!.StartsWith("Supervise", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Supervise:Overdue", "Supervise:Leader"], orders.Select(o => o.GetProperty("action").GetString()));
        Assert.StartsWith("Street", orders[0].GetProperty("comment").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("District", orders[1].GetProperty("comment").GetString(), StringComparison.Ordinal);
        Assert.Equal("leader", orders[1].GetProperty("actor").GetString());
    }

    [Fact]
    public async Task SelfDisposal_IsReviewedByTheAcceptor_AndClosed()
    {
        var report = new { source = "Inspector", kind = "matter", code = "01003", description = "已现场处置", latitude = CaseApp.Lat, longitude = CaseApp.Lon, selfDisposed = true };
        var id = (await app.ReportAsync(report: report)).GetProperty("id").GetString()!;
        await app.DoAsync("acceptor", id, "Approve");
        Assert.Equal("Closed", await Status(id));
    }

    [Fact]
    public async Task HotlineReport_NeedsOnSiteVerification_ByTheStreetsInspector()
    {
        var id = (await app.ReportAsync("acceptor", CaseApp.Report(source: "Hotline"))).GetProperty("id").GetString()!;
        Assert.Null(await app.TaskAsync("inspector2", id));
        Assert.Null(await app.TaskAsync("acceptor", id));

        await app.DoAsync("inspector", id, "Confirmed", photo: true);
        Assert.Equal("Verified", await Status(id));
        Assert.NotNull(await app.TaskAsync("acceptor", id));
    }

    [Fact]
    public async Task NoRoutingRule_GoesToTheDispatchersManualQueue()
    {
        // Components are deliberately not routed (demo-rules.json).
        var report = new { source = "Inspector", kind = "component", code = "01001", description = "供水井盖", latitude = CaseApp.Lat, longitude = CaseApp.Lon };
        var id = (await app.ReportAsync(report: report)).GetProperty("id").GetString()!;
        await app.DoAsync("acceptor", id, "Register");
        Assert.Equal("AwaitingDispatch", await Status(id));

        var dispatcher = await app.As("dispatcher");
        var task = (await app.TaskAsync("dispatcher", id))!.Value.GetProperty("id").GetString();
        var bad = await dispatcher.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "Dispatch", form = new { department = "NOPE" } }, CaseApp.Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>(CaseApp.Ct)).GetProperty("errors").TryGetProperty("form.department", out _));

        await app.DoAsync("dispatcher", id, "Dispatch", form: new { department = "CITY-WATER" });
        Assert.Equal("Dispatched", await Status(id));
        Assert.NotNull(await app.TaskAsync("water", id));
    }
}
