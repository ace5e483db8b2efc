using System.Net;
using CityOps.CaseApi.Tests.Infrastructure;

namespace CityOps.CaseApi.Tests.Catalog;

public sealed class CatalogSeedingTests : IDisposable
{
    private readonly CityOpsApiFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task Seed_FreshDatabase_HoldsEveryDefinitionsFile()
    {
        var client = await factory.CreateApiClientAsync("leader");

        var summary = await client.GetJsonAsync("/api/catalog");

        Assert.Equal(403 + 9, summary.GetProperty("codes").GetInt32()); // 153 components + 250 matters + 9 local extensions
        Assert.Equal(9, summary.GetProperty("localCodes").GetInt32());
        Assert.Equal(256, summary.GetProperty("configuredCodes").GetInt32());
        Assert.Equal(65, summary.GetProperty("areas").GetInt32());
        Assert.Equal(50, summary.GetProperty("grids").GetInt32());
        Assert.Equal(25, summary.GetProperty("departments").GetInt32());
        Assert.Equal(30, summary.GetProperty("routingRules").GetInt32());
        Assert.Equal([2026], summary.GetProperty("calendarYearsWithData").EnumerateArray().Select(y => y.GetInt32()));
        Assert.True(summary.GetProperty("responsibilities").GetInt32() > 0);
    }

    [Fact]
    public async Task Restart_AfterEdits_KeepsTheEditsAndAddsNothingTwice()
    {
        var admin = await factory.CreateApiClientAsync("admin");
        var edited = await admin.PutJsonAsync("/api/catalog/routing-rules/R-001", new { code = "matter:06", area = "district:330196", departmentCode = "S330196002", note = "edited" });
        await edited.JsonAsync(HttpStatusCode.OK);
        await (await admin.DeleteAsync("/api/catalog/routing-rules/R-030", CatalogHttpExtensions.Ct)).JsonAsync(HttpStatusCode.NoContent);
        await (await admin.PutJsonAsync("/api/catalog/taxonomy/matter/06010/config",
            new { departmentCode = "S330196001", urgency = "urgent", limitAmount = 1.5, limitUnit = "working_hours" })).JsonAsync(HttpStatusCode.OK);

        // A second host on the same database: start-up seeding runs again, as after a restart.
        using var restarted = factory.WithWebHostBuilder(_ => { });
        var again = await restarted.CreateNodeClientAsync("admin");

        var summary = await again.GetJsonAsync("/api/catalog");
        Assert.Equal(29, summary.GetProperty("routingRules").GetInt32());
        Assert.Equal(25, summary.GetProperty("departments").GetInt32());
        Assert.Equal(65, summary.GetProperty("areas").GetInt32());
        Assert.Equal(412, summary.GetProperty("codes").GetInt32());
        Assert.Equal("S330196002", (await again.GetJsonAsync("/api/catalog/routing-rules/R-001")).Str("departmentCode"));
        await again.GetJsonAsync("/api/catalog/routing-rules/R-030", HttpStatusCode.NotFound);
        var config = (await again.GetJsonAsync("/api/catalog/taxonomy/matter/06010")).GetProperty("code").GetProperty("config");
        Assert.Equal("urgent", config.Str("urgency"));
        Assert.Equal(1.5m, config.GetProperty("limitAmount").GetDecimal());
    }

    [Fact]
    public async Task SecondNode_SeesAnEditWithinAboutASecond()
    {
        using var otherNode = factory.WithWebHostBuilder(_ => { });
        var reader = await otherNode.CreateNodeClientAsync("dispatcher");
        const string Explain = "/api/catalog/routing/explain?code=06027&grid=330196001001001";
        Assert.Equal("CITY-ECO", (await reader.GetJsonAsync(Explain)).GetProperty("department").Str("code"));

        var admin = await factory.CreateApiClientAsync("admin");
        await (await admin.PutJsonAsync("/api/catalog/routing-rules/R-023", new { code = "matter:06027", area = "any", departmentCode = "D330196-CGJ" })).JsonAsync(HttpStatusCode.OK);

        string? seen = null;
        for (var i = 0; i < 30 && seen != "D330196-CGJ"; i++)
        {
            await Task.Delay(100, CatalogHttpExtensions.Ct);
            seen = (await reader.GetJsonAsync(Explain)).GetProperty("department").Str("code");
        }

        Assert.Equal("D330196-CGJ", seen);
    }
}
