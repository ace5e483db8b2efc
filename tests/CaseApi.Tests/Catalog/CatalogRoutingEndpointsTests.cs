using System.Net;
using CityOps.CaseApi.Tests.Infrastructure;

namespace CityOps.CaseApi.Tests.Catalog;

public sealed class CatalogRoutingEndpointsTests : IDisposable
{
    // 柳岸社区第2网格 (330196001002002) in 明湖街道.
    private const string LiuAn = "lat=30.2722&lon=120.1515";

    private readonly CityOpsApiFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task Explain_SeveralRulesMatch_MostSpecificWinsAndEachLoserSaysWhy()
    {
        var client = await factory.CreateApiClientAsync("dispatcher");

        var decision = await client.GetJsonAsync($"/api/catalog/routing/explain?kind=matter&code=06010&{LiuAn}");

        Assert.Equal("routed", decision.Str("outcome"));
        Assert.Equal("S330196001", decision.GetProperty("department").Str("code"));
        Assert.Equal("R-004", decision.GetProperty("rule").Str("id"));
        Assert.Equal("330196001002002", decision.GetProperty("place").Str("gridCode"));
        var candidates = decision.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(["R-004", "R-003", "R-002", "R-001"], candidates.Select(c => c.GetProperty("rule").Str("id")));
        Assert.StartsWith("won: exact code at community level", candidates[0].Str("verdict"), StringComparison.Ordinal);
        Assert.Equal("lost to R-004: same code scope; community beats district", candidates[1].Str("verdict"));
        Assert.Equal("lost to R-004: exact code beats major class", candidates[2].Str("verdict"));
        Assert.Contains("most specific of 4 rules", decision.Str("reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_NoRuleMatches_GoesToTheManualQueue()
    {
        var client = await factory.CreateApiClientAsync("dispatcher");

        var decision = await client.GetJsonAsync("/api/catalog/routing/explain?kind=component&code=01001&grid=330196001002002");

        Assert.Equal("manual_queue", decision.Str("outcome"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, decision.GetProperty("department").ValueKind);
        Assert.Empty(decision.GetProperty("candidates").EnumerateArray());
        Assert.Contains("manual queue", decision.Str("reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_LegacyCode_IsResolvedBeforeRouting()
    {
        var client = await factory.CreateApiClientAsync("dispatcher");

        var decision = await client.GetJsonAsync("/api/catalog/routing/explain?code=0312&grid=330196002");

        Assert.Equal("08011", decision.GetProperty("case").GetProperty("code").Str("code"));
        Assert.Equal("0312", decision.GetProperty("case").GetProperty("viaLegacy").Str("legacyCode"));
        Assert.Equal("R-018", decision.GetProperty("rule").Str("id"));
    }

    [Fact]
    public async Task Explain_AfterARuleEdit_FollowsTheNewRuleAtOnce()
    {
        var admin = await factory.CreateApiClientAsync("admin");
        var before = await admin.GetJsonAsync($"/api/catalog/routing/explain?code=06010&{LiuAn}");

        var put = await admin.PutJsonAsync("/api/catalog/routing-rules/R-004", new { code = "matter:06010", area = "community:330196001002", departmentCode = "D330196-SANITATION", note = "back to the district" });
        await put.JsonAsync(HttpStatusCode.OK);
        var after = await admin.GetJsonAsync($"/api/catalog/routing/explain?code=06010&{LiuAn}");

        Assert.Equal("D330196-SANITATION", after.GetProperty("department").Str("code"));
        Assert.True(after.GetProperty("catalogRevision").GetInt64() > before.GetProperty("catalogRevision").GetInt64());
    }

    [Fact]
    public async Task CreateAndDelete_ANewRule_TakesPartInRoutingAndLeavesAgain()
    {
        var admin = await factory.CreateApiClientAsync("admin");

        var created = await (await admin.PostJsonAsync("/api/catalog/routing-rules", new { code = "matter:06010", area = "grid:330196001002002", departmentCode = "CITY-CGJ" }))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal("R-031", created.Str("id"));
        Assert.Equal("CITY-CGJ", (await admin.GetJsonAsync($"/api/catalog/routing/explain?code=06010&{LiuAn}")).GetProperty("department").Str("code"));

        await (await admin.DeleteAsync("/api/catalog/routing-rules/R-031", CatalogHttpExtensions.Ct)).JsonAsync(HttpStatusCode.NoContent);
        Assert.Equal("S330196001", (await admin.GetJsonAsync($"/api/catalog/routing/explain?code=06010&{LiuAn}")).GetProperty("department").Str("code"));
        Assert.Equal(30, (await admin.GetJsonAsync("/api/catalog/routing-rules")).GetArrayLength());
    }

    [Fact]
    public async Task Create_UnknownCodeAreaAndDepartment_Is400NamingEachField()
    {
        var admin = await factory.CreateApiClientAsync("admin");

        var errors = await (await admin.PostJsonAsync("/api/catalog/routing-rules", new { code = "matter:99999", area = "street:330196009", departmentCode = "NOPE" })).FieldErrorsAsync();

        Assert.Contains("Unknown code", errors["code"][0], StringComparison.Ordinal);
        Assert.Contains("Unknown area", errors["area"][0], StringComparison.Ordinal);
        Assert.Contains("Unknown department", errors["departmentCode"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_SameSelectorsAsAnotherRule_Is400NamingThatRule()
    {
        var admin = await factory.CreateApiClientAsync("admin");

        var errors = await (await admin.PostJsonAsync("/api/catalog/routing-rules", new { code = "MATTER:06", area = "district:330196", departmentCode = "CITY-CGJ" })).FieldErrorsAsync();

        Assert.Contains("R-001", errors["code"][0], StringComparison.Ordinal);
        Assert.Contains("R-001", errors["area"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedInput_Is400WithFieldErrors()
    {
        var admin = await factory.CreateApiClientAsync("admin");

        var badJson = await (await admin.SendRawAsync(HttpMethod.Post, "/api/catalog/routing-rules", "{\"code\": 6}")).FieldErrorsAsync();
        var badSyntax = await (await admin.PostJsonAsync("/api/catalog/routing-rules", new { code = "matter:6", area = "town:1" })).FieldErrorsAsync();
        var explain = await (await admin.GetAsync("/api/catalog/routing/explain?kind=thing&lat=91", CatalogHttpExtensions.Ct)).FieldErrorsAsync();

        Assert.Contains("code", badJson.Keys);
        Assert.Equal(["area", "code", "departmentCode"], badSyntax.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("kind", explain.Keys);
        Assert.Contains("code", explain.Keys);
        Assert.Contains("lat", explain.Keys);
        Assert.Contains("lon", explain.Keys);
    }

    [Fact]
    public async Task Write_AsNonAdministrator_Is403()
    {
        var dispatcher = await factory.CreateApiClientAsync("dispatcher");

        var response = await dispatcher.PutJsonAsync("/api/catalog/routing-rules/R-001", new { code = "matter:06", area = "district:330196", departmentCode = "CITY-CGJ" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("D330196-CGJ", (await dispatcher.GetJsonAsync("/api/catalog/routing-rules/R-001")).Str("departmentCode"));
    }

    [Fact]
    public async Task Read_WithoutCredentials_Is401()
    {
        var response = await factory.CreateClient().GetAsync("/api/catalog/routing-rules", CatalogHttpExtensions.Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
