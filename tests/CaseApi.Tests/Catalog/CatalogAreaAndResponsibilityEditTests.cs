using System.Globalization;
using System.Net;
using CityOps.CaseApi.Tests.Infrastructure;
using static CityOps.CaseApi.Tests.Catalog.CatalogHttpExtensions;

namespace CityOps.CaseApi.Tests.Catalog;

public sealed class CatalogAreaAndResponsibilityEditTests : IDisposable
{
    private const string Grid = "330196001002002";
    private readonly CityOpsApiFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task RedrawGrid_PointLookupsFollowTheNewBoundary()
    {
        var admin = await factory.CreateApiClientAsync("admin");
        var feature = await admin.GetJsonAsync($"/api/catalog/grids/{Grid}");
        var ring = feature.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().Select(p => (X: p[0].GetDouble(), Y: p[1].GetDouble())).ToList();
        var (minX, maxX, minY, maxY) = (ring.Min(p => p.X), ring.Max(p => p.X), ring.Min(p => p.Y), ring.Max(p => p.Y));
        var (w, h) = ((maxX - minX) / 4, (maxY - minY) / 4);
        var inner = new[] { new[] { minX + w, minY + h }, [maxX - w, minY + h], [maxX - w, maxY - h], [minX + w, maxY - h], [minX + w, minY + h] };
        var corner = $"lat={(minY + (h / 2)).ToString(CultureInfo.InvariantCulture)}&lon={(minX + (w / 2)).ToString(CultureInfo.InvariantCulture)}";
        await admin.GetJsonAsync($"/api/catalog/grids/locate?{corner}"); // inside the grid before the edit

        var saved = await admin.PutJsonAsync($"/api/catalog/grids/{Grid}", new { name = "柳岸社区第2网格（重划）", geometry = new { type = "Polygon", coordinates = new[] { inner } } });
        var afterCorner = await admin.GetAsync($"/api/catalog/grids/locate?{corner}", Ct);
        var centre = await admin.GetJsonAsync($"/api/catalog/grids/locate?lat={((minY + maxY) / 2).ToString(CultureInfo.InvariantCulture)}&lon={((minX + maxX) / 2).ToString(CultureInfo.InvariantCulture)}");

        Assert.Equal("柳岸社区第2网格（重划）", (await saved.JsonAsync(HttpStatusCode.OK)).Str("name"));
        Assert.Equal(HttpStatusCode.NotFound, afterCorner.StatusCode); // the corner is now no grid's: outside the city
        Assert.Equal(Grid, centre.GetProperty("grid").Str("code"));
    }

    [Fact]
    public async Task RedrawGrid_BadGeometry_Is400NamingGeometry_AndNonAdminIs403()
    {
        var admin = await factory.CreateApiClientAsync("admin");
        var bowtie = new[] { new[] { 120.15, 30.27 }, [120.16, 30.28], [120.16, 30.27], [120.15, 30.28], [120.15, 30.27] };

        var crossing = await admin.PutJsonAsync($"/api/catalog/grids/{Grid}", new { geometry = new { type = "Polygon", coordinates = new[] { bowtie } } });
        var point = await admin.PutJsonAsync($"/api/catalog/grids/{Grid}", new { geometry = new { type = "Point", coordinates = new[] { 120.15, 30.27 } } });
        var empty = await admin.PutJsonAsync($"/api/catalog/grids/{Grid}", new { });
        var inspector = await (await factory.CreateApiClientAsync("inspector")).PutJsonAsync($"/api/catalog/grids/{Grid}", new { name = "x" });

        Assert.Contains("not valid", (await crossing.FieldErrorsAsync())["geometry"][0], StringComparison.Ordinal);
        Assert.Contains("Polygon or MultiPolygon", (await point.FieldErrorsAsync())["geometry"][0], StringComparison.Ordinal);
        Assert.True((await empty.FieldErrorsAsync()).ContainsKey("body"));
        Assert.Equal(HttpStatusCode.Forbidden, inspector.StatusCode);
    }

    [Fact]
    public async Task Responsibilities_CreateUpdateDelete_AndTheDepartmentShowsThem()
    {
        var admin = await factory.CreateApiClientAsync("admin");
        var before = (await admin.GetJsonAsync("/api/catalog/responsibilities?department=CITY-GAS")).GetArrayLength();

        var created = await (await admin.PostJsonAsync("/api/catalog/responsibilities", new
        {
            departmentCode = "CITY-GAS", codes = new[] { "matter:21001" }, area = "street:330196002", dutyZh = "桂园街道燃气泄漏应急处置",
        })).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        var updated = await (await admin.PutJsonAsync($"/api/catalog/responsibilities/{id}", new
        {
            departmentCode = "CITY-GAS", codes = new[] { "matter:21001", "matter:21" }, area = "district:330196", dutyZh = "全区燃气泄漏应急处置",
        })).JsonAsync(HttpStatusCode.OK);
        var department = await admin.GetJsonAsync("/api/catalog/departments/CITY-GAS");
        var deleted = await admin.DeleteAsync($"/api/catalog/responsibilities/{id}", Ct);
        var after = (await admin.GetJsonAsync("/api/catalog/responsibilities?department=CITY-GAS")).GetArrayLength();

        Assert.Equal("district:330196", updated.Str("area"));
        Assert.Contains(department.GetProperty("responsibilities").EnumerateArray(), r => r.Str("dutyZh") == "全区燃气泄漏应急处置");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Responsibility_BadInput_NamesEveryField()
    {
        var admin = await factory.CreateApiClientAsync("admin");

        var response = await admin.PostJsonAsync("/api/catalog/responsibilities", new
        {
            departmentCode = "NO-SUCH", codes = new[] { "matter:6" }, area = "street:999999999", dutyZh = "",
        });

        var errors = await response.FieldErrorsAsync();
        Assert.Equal(["area", "codes[0]", "departmentCode", "dutyZh"], errors.Keys.Order(StringComparer.Ordinal));
    }
}
