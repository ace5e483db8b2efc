using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CityOps.CaseApi.Tests.Cases;

/// <summary><c>GET /api/tasks?group=&amp;person=</c>: a supervisor looks into any group's inbox; others only into their own.</summary>
public sealed class TaskListingTests
{
    [Fact]
    public async Task ListByGroup_SupervisorSeesAnyGroup_HandlerOnlyTheirOwn()
    {
        using var app = new CaseApp();
        var reported = await app.ReportAsync();
        var id = reported.GetProperty("id").ToString();
        await app.DoAsync("acceptor", id, "Register"); // auto-dispatch → the accept task waits in dept:CITY-WATER

        var leader = await app.As("leader");
        var water = await app.As("water");
        var byLeader = await leader.GetFromJsonAsync<JsonElement>("/api/tasks?group=dept:CITY-WATER", CaseApp.Ct);
        var byWaterOwn = await water.GetFromJsonAsync<JsonElement>("/api/tasks?group=dept:CITY-WATER", CaseApp.Ct);
        var byWaterOther = await water.GetAsync("/api/tasks?group=role:Acceptor", CaseApp.Ct);
        var byWaterPerson = await water.GetAsync("/api/tasks?person=leader", CaseApp.Ct);

        Assert.Equal(1, byLeader.GetProperty("totalCount").GetInt32());
        Assert.Equal(reported.GetProperty("number").GetString(), byLeader.GetProperty("items")[0].GetProperty("caseNumber").GetString());
        Assert.Equal(1, byWaterOwn.GetProperty("totalCount").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, byWaterOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byWaterPerson.StatusCode);
    }
}
