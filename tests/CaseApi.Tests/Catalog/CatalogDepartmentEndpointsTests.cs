using System.Net;
using CityOps.CaseApi.Tests.Infrastructure;

namespace CityOps.CaseApi.Tests.Catalog;

public sealed class CatalogDepartmentEndpointsTests : IDisposable
{
    private readonly CityOpsApiFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task ListAndGet_ShowLevelsParentsAndResponsibilities()
    {
        var client = await factory.CreateApiClientAsync("auditor");

        var streets = await client.GetJsonAsync("/api/catalog/departments?level=street");
        var street = await client.GetJsonAsync("/api/catalog/departments/S330196001");

        Assert.Equal(4, streets.GetArrayLength());
        Assert.Equal("street", street.GetProperty("department").Str("level"));
        Assert.NotEmpty(street.GetProperty("ancestors").EnumerateArray());
        Assert.NotEmpty(street.GetProperty("responsibilities").EnumerateArray());
    }

    [Fact]
    public async Task CreateThenUpdate_AppearsUnderItsParent()
    {
        var admin = await factory.CreateApiClientAsync("admin");
        var parent = (await admin.GetJsonAsync("/api/catalog/departments/D330196-CGJ")).GetProperty("department").Str("parentCode");

        var created = await (await admin.PostJsonAsync("/api/catalog/departments",
            new { code = "D330196-PARKS", nameZh = "明湖区公园管理所", nameEn = "Parks office", level = "district", parentCode = parent, areaCode = "330196", kind = "bureau" }))
            .JsonAsync(HttpStatusCode.Created);
        var updated = await (await admin.PutJsonAsync("/api/catalog/departments/D330196-PARKS",
            new { nameZh = "明湖区公园中心", level = "district", parentCode = "D330196-CGJ", areaCode = "330196" })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(parent, created.GetProperty("ancestors")[0].GetString());
        Assert.Equal("明湖区公园中心", updated.GetProperty("department").Str("nameZh"));
        Assert.Contains("D330196-PARKS", (await admin.GetJsonAsync("/api/catalog/departments/D330196-CGJ")).GetProperty("children").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Update_ParentThatWouldMakeACycle_Is400OnParentCode()
    {
        var admin = await factory.CreateApiClientAsync("admin");
        var cgj = (await admin.GetJsonAsync("/api/catalog/departments/D330196-CGJ")).GetProperty("department");

        var errors = await (await admin.PutJsonAsync("/api/catalog/departments/CITY-GOV",
            new { nameZh = "示范市人民政府", level = "city", parentCode = cgj.Str("parentCode"), areaCode = "3301" })).FieldErrorsAsync();

        Assert.True(errors.ContainsKey("parentCode"), string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
    }

    [Fact]
    public async Task MalformedInput_Is400WithFieldErrors()
    {
        var admin = await factory.CreateApiClientAsync("admin");

        var errors = await (await admin.PostJsonAsync("/api/catalog/departments", new { code = "bad code", level = "province", parentCode = "NOPE" })).FieldErrorsAsync();
        var streetOverCity = await (await admin.PostJsonAsync("/api/catalog/departments",
            new { code = "X-1", nameZh = "x", level = "city", parentCode = "S330196001", areaCode = "330196" })).FieldErrorsAsync();
        var list = await (await admin.GetAsync("/api/catalog/departments?level=province", CatalogHttpExtensions.Ct)).FieldErrorsAsync();

        Assert.Equal(["areaCode", "code", "level", "nameZh", "parentCode"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("cannot sit under", streetOverCity["parentCode"][0], StringComparison.Ordinal);
        Assert.Equal(["level"], list.Keys);
    }

    [Fact]
    public async Task Create_AsNonAdministrator_Is403()
    {
        var cgj = await factory.CreateApiClientAsync("cgj");

        var response = await cgj.PostJsonAsync("/api/catalog/departments", new { code = "X-1", nameZh = "x", level = "city", areaCode = "3301" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
