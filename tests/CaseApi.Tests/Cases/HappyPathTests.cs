using System.Text.Json;

namespace CityOps.CaseApi.Tests.Cases;

public sealed class HappyPathTests : IDisposable
{
    private readonly CaseApp app = new();

    public void Dispose() => app.Dispose();

    private static DateTimeOffset Local(int day, int hour, int minute) => new(2026, 12, day, hour, minute, 0, TimeSpan.FromHours(8));

    private static DateTimeOffset Due(JsonElement stage) => stage.GetProperty("dueAt").GetDateTimeOffset();

    [Fact]
    public async Task InspectorReport_RunsTheWholeLoop_WithWorkingTimeDeadlinesLightsAndTimeline()
    {
        var reported = await app.ReportAsync();
        var id = reported.GetProperty("id").GetString()!;
        Assert.Matches("^20261201[0-9]{6}$", reported.GetProperty("number").GetString());
        Assert.Equal("Reported", reported.GetProperty("status").GetString());
        Assert.Equal("330196001001001", reported.GetProperty("gridCode").GetString());
        Assert.Equal(Local(1, 10, 0), Due(reported.GetProperty("currentStage"))); // register + dispatch: 1 working hour

        app.Advance(TimeSpan.FromMinutes(10));
        await app.DoAsync("acceptor", id, "Register");
        var dispatched = await app.CaseAsync(id);
        Assert.Equal("Dispatched", dispatched.GetProperty("status").GetString());
        Assert.Equal("CITY-WATER", dispatched.GetProperty("leadDepartment").GetString());
        Assert.Contains("R-009", dispatched.GetProperty("dispatchReason").GetString(), StringComparison.Ordinal);
        Assert.Equal("Accept", dispatched.GetProperty("currentStage").GetProperty("stage").GetString());
        Assert.Equal(Local(1, 10, 10), Due(dispatched.GetProperty("currentStage")));

        var inbox = await app.TaskAsync("water", id);
        Assert.NotNull(inbox);
        Assert.Equal("dept:CITY-WATER", inbox.Value.GetProperty("assigneeGroup").GetString());
        Assert.Equal("Green", inbox.Value.GetProperty("light").GetString());
        Assert.Equal(60.0, inbox.Value.GetProperty("remainingMinutes").GetDouble());

        app.Advance(TimeSpan.FromMinutes(20)); // 09:30
        await app.DoAsync("water", id, "Accept");
        var handling = await app.CaseAsync(id);
        Assert.Equal("Handling", handling.GetProperty("status").GetString());
        Assert.Equal(Local(4, 9, 30), Due(handling.GetProperty("currentStage"))); // 3 working days, Tue 09:30 → Fri 09:30

        app.Advance(new DateTimeOffset(2026, 12, 3, 16, 0, 0, TimeSpan.FromHours(8)) - app.Clock.GetUtcNow()); // Thu 16:00, 20 of 22.5 h used
        var task = await app.TaskAsync("water", id);
        Assert.Equal("Yellow", task!.Value.GetProperty("light").GetString());
        Assert.Equal(150.0, task.Value.GetProperty("remainingMinutes").GetDouble());
        await app.DoAsync("water", id, "Handled", comment: "已更换井盖", photo: true);

        var checking = await app.CaseAsync(id);
        Assert.Equal("Handled", checking.GetProperty("status").GetString());
        Assert.Equal("Check", checking.GetProperty("currentStage").GetProperty("stage").GetString());
        Assert.Equal(Local(3, 17, 0), Due(checking.GetProperty("currentStage")));
        Assert.Single(checking.GetProperty("photos").EnumerateArray());

        app.Advance(TimeSpan.FromMinutes(30));
        await app.DoAsync("inspector", id, "Pass", photo: true);
        await app.DoAsync("leader", id, "Close");

        var closed = await app.CaseAsync(id);
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, closed.GetProperty("currentStage").ValueKind);
        Assert.Equal(["Green", "Green", "Yellow", "Green"], closed.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("light").GetString()));
        var counters = closed.GetProperty("counters");
        Assert.Equal(0, counters.GetProperty("returns").GetInt32() + counters.GetProperty("rework").GetInt32() + counters.GetProperty("extensions").GetInt32());

        var timeline = await app.TimelineAsync(id);
        Assert.Equal(
            ["Report", "register:Register", "AutoDispatch:Dispatched", "accept:Accept", "handle:Handled", "check:Pass", "close:Close"],
            timeline.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(["inspector", "acceptor", "system", "water", "water", "inspector", "leader"], timeline.Select(e => e.GetProperty("actor").GetString()));
        Assert.Equal(["Inspector", "Acceptor", "System", "DepartmentHandler", "DepartmentHandler", "Inspector", "ShiftLeader"], timeline.Select(e => e.GetProperty("role").GetString()));
        Assert.Equal("Handling", timeline[4].GetProperty("from").GetString());
        Assert.Equal("Handled", timeline[4].GetProperty("to").GetString());
        Assert.Equal("已更换井盖", timeline[4].GetProperty("comment").GetString());
        Assert.Single(timeline[4].GetProperty("photos").EnumerateArray());
        Assert.Null(await app.TaskAsync("leader", id));
    }
}
