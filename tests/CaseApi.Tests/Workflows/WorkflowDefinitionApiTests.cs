using System.Net;
using System.Text.Json;
using CityOps.CaseApi.Tests.Infrastructure;
using static CityOps.CaseApi.Tests.Workflows.WorkflowApi;

namespace CityOps.CaseApi.Tests.Workflows;

public sealed class WorkflowDefinitionApiTests : IDisposable
{
    private readonly CityOpsApiFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task DraftPublishRevise_KeepsOnePublishedAndOneLatestVersion()
    {
        var admin = await factory.CreateApiClientAsync("admin");

        var created = await admin.PostAsync("/api/workflows/definitions", Json(DefinitionJson("api-approval")), Ct);
        var published = await admin.PostAsync("/api/workflows/definitions/api-approval/publish", null, Ct);
        var revised = await admin.PutAsync("/api/workflows/definitions/api-approval", Json(DefinitionJson("api-approval").Replace("审批后等待付款", "审批后等待付款（修订）", StringComparison.Ordinal)), Ct);
        var versions = await (await admin.GetAsync("/api/workflows/definitions/api-approval/versions", Ct)).ReadAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/workflows/definitions/api-approval?version=1", created.Headers.Location?.OriginalString);
        Assert.True((await published.ReadAsync()).GetProperty("isPublished").GetBoolean());
        Assert.Equal(2, (await revised.ReadAsync()).GetProperty("version").GetInt32());
        var rows = versions.EnumerateArray().Select(v => (v.GetProperty("version").GetInt32(), v.GetProperty("isPublished").GetBoolean(), v.GetProperty("isLatest").GetBoolean())).ToList();
        Assert.Equal([(1, true, false), (2, false, true)], rows);
        var v1 = versions[0];
        Assert.Equal(("admin", "admin"), (v1.GetProperty("updatedBy").GetString(), v1.GetProperty("publishedBy").GetString()));
        Assert.Equal(JsonValueKind.Null, versions[1].GetProperty("publishedBy").ValueKind);
    }

    [Fact]
    public async Task Validate_BrokenDefinition_NamesTheActivityAndField()
    {
        var admin = await factory.CreateApiClientAsync("admin");
        var broken = DefinitionJson("api-approval").Replace("\"title\"", "\"headline\"", StringComparison.Ordinal);

        var report = await (await admin.PostAsync("/api/workflows/definitions/validate", Json(broken), Ct)).ReadAsync();

        Assert.False(report.GetProperty("isValid").GetBoolean());
        Assert.Contains(report.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == "root.activities[review].inputs.title");
    }

    [Fact]
    public async Task Publish_InvalidDraft_Is400WithFieldErrorsAndNothingIsPublished()
    {
        var admin = await factory.CreateApiClientAsync("admin");
        var broken = DefinitionJson("api-approval").Replace("\"port\": \"Approve\"", "\"port\": \"Maybe\"", StringComparison.Ordinal);
        await admin.PostAsync("/api/workflows/definitions", Json(broken), Ct);

        var response = await admin.PostAsync("/api/workflows/definitions/api-approval/publish", null, Ct);
        var latest = await (await admin.GetAsync("/api/workflows/definitions/api-approval", Ct)).ReadAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadAsync()).GetProperty("errors");
        Assert.Contains(errors.EnumerateObject(), e => e.Name.StartsWith("root.connections", StringComparison.Ordinal));
        Assert.False(latest.GetProperty("isPublished").GetBoolean());
    }

    [Theory]
    [InlineData("{ not json", "body")]
    [InlineData("{\"definitionId\": \"x\"}", "root")]
    [InlineData("{\"definitionId\": \"\", \"root\": {\"activities\": [], \"connections\": []}}", "definitionId")]
    public async Task Create_MalformedBody_Is400NamingTheField(string body, string field)
    {
        var admin = await factory.CreateApiClientAsync("admin");

        var response = await admin.PostAsync("/api/workflows/definitions", Json(body), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadAsync()).GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}'");
    }

    [Fact]
    public async Task Create_ExistingId_Is409AndPut_WithAnotherId_Is400()
    {
        var admin = await factory.CreateApiClientAsync("admin");
        await admin.PostAsync("/api/workflows/definitions", Json(DefinitionJson("api-approval")), Ct);

        var again = await admin.PostAsync("/api/workflows/definitions", Json(DefinitionJson("api-approval")), Ct);
        var mismatch = await admin.PutAsync("/api/workflows/definitions/other-id", Json(DefinitionJson("api-approval")), Ct);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.True((await mismatch.ReadAsync()).GetProperty("errors").TryGetProperty("definitionId", out _));
    }

    [Fact]
    public async Task ExportThenImport_UnchangedContent_MakesNoNewVersion()
    {
        var admin = await factory.CreateApiClientAsync("admin");
        await PublishAsync(admin, "api-approval");

        var export = await admin.GetAsync("/api/workflows/definitions/api-approval/export", Ct);
        var file = await export.Content.ReadAsStringAsync(Ct);
        var imported = await (await admin.PostAsync("/api/workflows/definitions/import?publish=true", Json(file), Ct)).ReadAsync();

        Assert.Equal("api-approval-v1.json", export.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(1, imported.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task UnknownDefinition_Is404ProblemDetails()
    {
        var admin = await factory.CreateApiClientAsync("admin");

        var response = await admin.GetAsync("/api/workflows/definitions/nope?version=3", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not-found", (await response.ReadAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Writes_NeedAnAdministrator_AndReadsNeedACommandOrAuditRole()
    {
        var dispatcher = await factory.CreateApiClientAsync("dispatcher");
        var handler = await factory.CreateApiClientAsync("water");

        var write = await dispatcher.PostAsync("/api/workflows/definitions", Json(DefinitionJson("api-approval")), Ct);
        var read = await handler.GetAsync("/api/workflows/definitions", Ct);
        var anonymous = await factory.CreateClient().GetAsync("/api/workflows/definitions", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Activities_DescribeThePaletteInChineseAndEnglish()
    {
        var client = await factory.CreateApiClientAsync("water");

        var activities = await (await client.GetAsync("/api/workflows/activities", Ct)).ReadAsync();

        var task = activities.EnumerateArray().Single(a => a.GetProperty("type").GetString() == "CityOps.HumanTask");
        Assert.Equal("人工任务", task.GetProperty("displayNameZh").GetString());
        Assert.Equal("Human task", task.GetProperty("displayNameEn").GetString());
        Assert.Contains(task.GetProperty("inputs").EnumerateArray(), i => i.GetProperty("name").GetString() == "title" && i.GetProperty("required").GetBoolean());
        Assert.False(task.TryGetProperty("clrType", out _));
    }
}
