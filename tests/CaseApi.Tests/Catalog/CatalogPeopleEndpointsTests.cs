using System.Net;
using System.Net.Http.Json;
using CityOps.CaseApi.Tests.Infrastructure;

namespace CityOps.CaseApi.Tests.Catalog;

public sealed class CatalogPeopleEndpointsTests : IDisposable
{
    private readonly CityOpsApiFactory factory = new();

    public void Dispose() => factory.Dispose();

    private async Task<HttpStatusCode> SignInAsync(string userName, string password) =>
        (await factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName, password }, CatalogHttpExtensions.Ct)).StatusCode;

    [Fact]
    public async Task List_ShowsEveryAccountWithoutPasswordHashes()
    {
        var admin = await factory.CreateApiClientAsync("admin");

        var response = await admin.GetAsync("/api/catalog/people", CatalogHttpExtensions.Ct);
        var text = await response.Content.ReadAsStringAsync(CatalogHttpExtensions.Ct);
        var people = await response.JsonAsync(HttpStatusCode.OK);

        Assert.Equal(11, people.GetArrayLength());
        Assert.DoesNotContain("passwordHash", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AQAAAA", text, StringComparison.Ordinal); // the Identity v3 hash prefix
    }

    [Fact]
    public async Task CreateDisableEnableReset_ControlWhoCanSignIn()
    {
        var admin = await factory.CreateApiClientAsync("admin");

        var created = await (await admin.PostJsonAsync("/api/catalog/people",
            new { userName = "Water2", displayName = "水务集团 新人", password = "first-password", roles = new[] { "DepartmentHandler" }, departmentCode = "CITY-WATER" }))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal("water2", created.Str("userName"));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync("water2", "first-password"));

        await (await admin.PostAsync("/api/catalog/people/water2/disable", null, CatalogHttpExtensions.Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync("water2", "first-password"));

        await (await admin.PostAsync("/api/catalog/people/water2/enable", null, CatalogHttpExtensions.Ct)).JsonAsync(HttpStatusCode.OK);
        await (await admin.PostJsonAsync("/api/catalog/people/water2/password", new { password = "second-password" })).JsonAsync(HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync("water2", "first-password"));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync("water2", "second-password"));
    }

    [Fact]
    public async Task Update_ChangesRolesAndDepartment()
    {
        var admin = await factory.CreateApiClientAsync("admin");

        var updated = await (await admin.PutJsonAsync("/api/catalog/people/street1",
            new { displayName = "明湖街道 郑芳", roles = new[] { "DepartmentHandler", "Inspector" }, departmentCode = "S330196001", areaCode = "330196001" })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(["DepartmentHandler", "Inspector"], updated.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task MalformedInput_Is400WithFieldErrors()
    {
        var admin = await factory.CreateApiClientAsync("admin");

        var create = await (await admin.PostJsonAsync("/api/catalog/people",
            new { userName = "x", password = "short", roles = new[] { "Mayor", "DepartmentHandler" }, areaCode = "999" })).FieldErrorsAsync();
        var taken = await (await admin.PostJsonAsync("/api/catalog/people",
            new { userName = "water", displayName = "x", password = "long-enough", roles = new[] { "Auditor" } })).FieldErrorsAsync();
        var password = await (await admin.PostJsonAsync("/api/catalog/people/water/password", new { password = "short" })).FieldErrorsAsync();
        var self = await (await admin.PostAsync("/api/catalog/people/admin/disable", null, CatalogHttpExtensions.Ct)).FieldErrorsAsync();

        Assert.Equal(["areaCode", "departmentCode", "displayName", "password", "roles[0]", "userName"], create.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("taken", taken["userName"][0], StringComparison.Ordinal);
        Assert.Equal(["password"], password.Keys);
        Assert.Equal(["userName"], self.Keys);
    }

    [Fact]
    public async Task Read_AsNonAdministrator_Is403()
    {
        var leader = await factory.CreateApiClientAsync("leader");

        var response = await leader.GetAsync("/api/catalog/people", CatalogHttpExtensions.Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
