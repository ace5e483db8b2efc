using System.Net;
using CityOps.CaseApi.Tests.Infrastructure;

namespace CityOps.CaseApi.Tests.Catalog;

public sealed class CatalogTaxonomyEndpointsTests : IDisposable
{
    private readonly CityOpsApiFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task List_FilteredByKindAndMajorClass_IsPaged()
    {
        var client = await factory.CreateApiClientAsync("inspector");

        var page = await client.GetJsonAsync("/api/catalog/taxonomy?kind=matter&majorClass=06&page=2&pageSize=5");

        Assert.Equal(2, page.GetProperty("page").GetInt32());
        Assert.Equal(5, page.GetProperty("items").GetArrayLength());
        Assert.True(page.GetProperty("total").GetInt32() > 10);
        Assert.All(page.GetProperty("items").EnumerateArray(), i => Assert.Equal("06", i.Str("majorCode")));
        Assert.Equal("06006", page.GetProperty("items")[0].Str("code"));
    }

    [Fact]
    public async Task List_Search_FindsChineseNames()
    {
        var client = await factory.CreateApiClientAsync("inspector");

        var page = await client.GetJsonAsync("/api/catalog/taxonomy?search=暴露垃圾");

        Assert.Contains(page.GetProperty("items").EnumerateArray(), i => i.Str("code") == "06010" && i.Str("kind") == "matter");
    }

    [Fact]
    public async Task Get_LegacyCode_ResolvesThroughTheMapping()
    {
        var client = await factory.CreateApiClientAsync("inspector");

        var found = await client.GetJsonAsync("/api/catalog/taxonomy/event/0312");

        Assert.Equal("08011", found.GetProperty("code").Str("code"));
        Assert.Equal("domain", found.GetProperty("viaLegacy").Str("confidence"));
        await client.GetJsonAsync("/api/catalog/taxonomy/matter/99999", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PutConfig_ChangesTheCodesDefaults()
    {
        var admin = await factory.CreateApiClientAsync("admin");

        var updated = await (await admin.PutJsonAsync("/api/catalog/taxonomy/matter/06010/config",
            new { departmentCode = "S330196001", urgency = "Urgent", limitAmount = 4, limitUnit = "working_hours", source = "区城管局 2026 规定" })).JsonAsync(HttpStatusCode.OK);

        var config = updated.GetProperty("code").GetProperty("config");
        Assert.Equal("S330196001", config.Str("departmentCode"));
        Assert.Equal("urgent", config.Str("urgency"));
        Assert.Equal("working_hours", config.Str("limitUnit"));
        Assert.Equal("区城管局 2026 规定", config.Str("source"));
    }

    [Fact]
    public async Task PostLocalCode_AddsACodeThatRoutingCanUse()
    {
        var admin = await factory.CreateApiClientAsync("admin");

        var created = await (await admin.PostJsonAsync("/api/catalog/taxonomy",
            new { kind = "matter", code = "22001", nameZh = "共享单车乱停放", nameEn = "Shared bikes parked badly", majorClassZh = "本地扩展事项（共享出行）", majorClassEn = "Local: shared mobility" }))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal("local", created.GetProperty("code").Str("origin"));

        var rule = await admin.PostJsonAsync("/api/catalog/routing-rules", new { code = "matter:22", area = "any", departmentCode = "CITY-TRANSPORT" });
        await rule.JsonAsync(HttpStatusCode.Created);
        var decision = await admin.GetJsonAsync("/api/catalog/routing/explain?code=22001&grid=330196");
        Assert.Equal("CITY-TRANSPORT", decision.GetProperty("department").Str("code"));
    }

    [Fact]
    public async Task PostLocalCode_InANationalClassOrTaken_Is400()
    {
        var admin = await factory.CreateApiClientAsync("admin");

        var national = await (await admin.PostJsonAsync("/api/catalog/taxonomy", new { kind = "matter", code = "06999", nameZh = "x" })).FieldErrorsAsync();
        var taken = await (await admin.PostJsonAsync("/api/catalog/taxonomy", new { kind = "matter", code = "21001", nameZh = "x" })).FieldErrorsAsync();

        Assert.Contains("GB/T 47678.5", national["code"][0], StringComparison.Ordinal);
        Assert.Contains("already exists", taken["code"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedInput_Is400WithFieldErrors()
    {
        var admin = await factory.CreateApiClientAsync("admin");

        var query = await (await admin.GetAsync("/api/catalog/taxonomy?kind=x&majorClass=6&page=0&pageSize=9999", CatalogHttpExtensions.Ct)).FieldErrorsAsync();
        var config = await (await admin.PutJsonAsync("/api/catalog/taxonomy/matter/06010/config", new { departmentCode = "NOPE", urgency = "soon", limitAmount = -1, limitUnit = "fortnights" })).FieldErrorsAsync();
        var wrongType = await (await admin.SendRawAsync(HttpMethod.Put, "/api/catalog/taxonomy/matter/06010/config", "{\"limitAmount\": \"lots\"}")).FieldErrorsAsync();
        var code = await (await admin.PostJsonAsync("/api/catalog/taxonomy", new { kind = "thing", code = "1" })).FieldErrorsAsync();

        Assert.Equal(["kind", "majorClass", "page", "pageSize"], query.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["departmentCode", "limitAmount", "limitUnit", "urgency"], config.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["limitAmount"], wrongType.Keys);
        Assert.Equal(["code", "kind", "nameZh"], code.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PutConfig_AsNonAdministrator_Is403AndChangesNothing()
    {
        var leader = await factory.CreateApiClientAsync("leader");

        var response = await leader.PutJsonAsync("/api/catalog/taxonomy/matter/06010/config", new { departmentCode = "S330196001", urgency = "urgent", limitAmount = 1, limitUnit = "working_hours" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEqual("S330196001", (await leader.GetJsonAsync("/api/catalog/taxonomy/matter/06010")).GetProperty("code").GetProperty("config").Str("departmentCode"));
    }

    [Fact]
    public async Task List_WithoutCredentials_Is401()
    {
        var response = await factory.CreateClient().GetAsync("/api/catalog/taxonomy", CatalogHttpExtensions.Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
