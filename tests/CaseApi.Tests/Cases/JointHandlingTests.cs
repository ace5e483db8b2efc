using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CityOps.CaseApi.Tests.Cases;

/// <summary>协办: the lead department handles while assisting departments work in parallel; 反馈 waits for all of them.</summary>
public sealed class JointHandlingTests : IDisposable
{
    private const string Lead = "CITY-WATER", Cgj = "D330196-CGJ", Sanitation = "D330196-SANITATION";

    private readonly CaseApp app = new();

    public void Dispose() => app.Dispose();

    /// <summary>A component code (not routed) goes to the dispatcher, who names the lead and the assisting departments.</summary>
    private async Task<string> AcceptedWithAssistsAsync(params string[] assisting)
    {
        var report = new { source = "Inspector", kind = "component", code = "01001", description = "供水井盖沉陷, 路面破损", latitude = CaseApp.Lat, longitude = CaseApp.Lon };
        var id = (await app.ReportAsync(report: report)).GetProperty("id").GetString()!;
        await app.DoAsync("acceptor", id, "Register");
        await app.DoAsync("dispatcher", id, "Dispatch", form: new { department = Lead, assisting });
        Assert.Null(await app.TaskAsync("cgj", id)); // assists start when the lead accepts
        await app.DoAsync("water", id, "Accept");
        return id;
    }

    private async Task<string> Status(string id) => (await app.CaseAsync(id)).GetProperty("status").GetString()!;

    [Fact]
    public async Task Accept_GivesEachAssistingDepartmentItsOwnTask_AlongsideTheLeadsHandleTask()
    {
        var id = await AcceptedWithAssistsAsync(Cgj, Sanitation);

        var cgj = await app.TaskAsync("cgj", id);
        var sanitation = await app.TaskAsync("sanitation", id);
        var lead = await app.TaskAsync("water", id);
        Assert.Equal($"dept:{Cgj}", cgj!.Value.GetProperty("assigneeGroup").GetString());
        Assert.Equal($"dept:{Sanitation}", sanitation!.Value.GetProperty("assigneeGroup").GetString());
        Assert.Equal($"dept:{Lead}", lead!.Value.GetProperty("assigneeGroup").GetString());
        Assert.Contains("协办", cgj.Value.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal("Handle", cgj.Value.GetProperty("stage").GetString()); // due with the handling stage
        Assert.Equal(lead.Value.GetProperty("dueAt").GetDateTimeOffset(), cgj.Value.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Null(await app.TaskAsync("street1", id));
        Assert.Equal("Handling", await Status(id));
    }

    [Fact]
    public async Task Complete_AnotherDepartmentsTask_IsForbidden()
    {
        var id = await AcceptedWithAssistsAsync(Cgj, Sanitation);
        var sanitationTask = (await app.TaskAsync("sanitation", id))!.Value.GetProperty("id").GetString();
        var cgjTask = (await app.TaskAsync("cgj", id))!.Value.GetProperty("id").GetString();

        var byCgj = await (await app.As("cgj")).PostAsJsonAsync($"/api/tasks/{sanitationTask}/complete", new { outcome = "Assisted", comment = "x" }, CaseApp.Ct);
        var byLead = await (await app.As("water")).PostAsJsonAsync($"/api/tasks/{cgjTask}/complete", new { outcome = "Assisted", comment = "x" }, CaseApp.Ct);
        var readByStreet = await (await app.As("street1")).GetAsync($"/api/tasks/{cgjTask}", CaseApp.Ct);

        Assert.Equal(HttpStatusCode.Forbidden, byCgj.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byLead.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readByStreet.StatusCode);
        Assert.NotNull(await app.TaskAsync("sanitation", id));
        Assert.NotNull(await app.TaskAsync("cgj", id));
    }

    [Fact]
    public async Task Handled_IsRefusedUntilEveryAssistingDepartmentReported_ThenTheCaseGoesToCheck()
    {
        var id = await AcceptedWithAssistsAsync(Cgj, Sanitation);

        var early = await app.CompleteAsync("water", id, "Handled", comment: "已更换井盖", photo: true);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        var problem = await early.Content.ReadFromJsonAsync<JsonElement>(CaseApp.Ct);
        Assert.Equal("https://cityops.dev/problems/tasks-pending", problem.GetProperty("type").GetString());
        Assert.Contains($"dept:{Cgj}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains($"dept:{Sanitation}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, (await app.CompleteAsync("sanitation", id, "Assisted")).StatusCode); // comment required
        await app.DoAsync("sanitation", id, "Assisted", comment: "已清运渣土");
        var stillEarly = await app.CompleteAsync("water", id, "Handled", comment: "已更换井盖", photo: true);
        Assert.Equal(HttpStatusCode.Conflict, stillEarly.StatusCode);
        Assert.DoesNotContain(Sanitation, (await stillEarly.Content.ReadFromJsonAsync<JsonElement>(CaseApp.Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Handling", await Status(id));

        await app.DoAsync("cgj", id, "Assisted", comment: "已修复路面", photo: true);
        await app.DoAsync("water", id, "Handled", comment: "已更换井盖", photo: true);

        Assert.Equal("Handled", await Status(id));
        Assert.NotNull(await app.TaskAsync("inspector", id));
        Assert.Null(await app.TaskAsync("cgj", id));
        Assert.Null(await app.TaskAsync("sanitation", id));
    }

    [Fact]
    public async Task Timeline_HasAnAssignedAndAReportedEntryPerAssistingDepartment()
    {
        var id = await AcceptedWithAssistsAsync(Cgj, Sanitation);
        await app.DoAsync("cgj", id, "Assisted", comment: "已修复路面", photo: true);
        await app.DoAsync("sanitation", id, "Assisted", comment: "已清运渣土");

        var timeline = await app.TimelineAsync(id);
        var assist = timeline.Where(e => e.GetProperty("action").GetString()!.StartsWith("assist:", StringComparison.Ordinal)).ToList();

        Assert.Equal(
            [$"assist:Assigned@{Cgj}", $"assist:Assigned@{Sanitation}", $"assist:Assisted@{Cgj}", $"assist:Assisted@{Sanitation}"],
            assist.Select(e => e.GetProperty("action").GetString()));
        var cgj = assist.Single(e => e.GetProperty("action").GetString() == $"assist:Assisted@{Cgj}");
        Assert.Equal(("cgj", "DepartmentHandler", "已修复路面"),
            (cgj.GetProperty("actor").GetString(), cgj.GetProperty("role").GetString(), cgj.GetProperty("comment").GetString()));
        Assert.Single(cgj.GetProperty("photos").EnumerateArray());
        Assert.Equal("sanitation", assist.Single(e => e.GetProperty("action").GetString() == $"assist:Assisted@{Sanitation}").GetProperty("actor").GetString());
    }

    [Fact]
    public async Task AssistingDepartment_ReadsTheCase_AnUninvolvedOneDoesNot()
    {
        var id = await AcceptedWithAssistsAsync(Cgj);

        Assert.Equal(HttpStatusCode.OK, (await (await app.As("cgj")).GetAsync($"/api/cases/{id}", CaseApp.Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("sanitation")).GetAsync($"/api/cases/{id}", CaseApp.Ct)).StatusCode);
    }

    [Fact]
    public async Task NoAssistingDepartment_LeadReportsAtOnce()
    {
        var id = await AcceptedWithAssistsAsync();

        await app.DoAsync("water", id, "Handled", comment: "已更换井盖", photo: true);

        Assert.Equal("Handled", await Status(id));
    }
}
