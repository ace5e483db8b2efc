using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CityOps.CaseApi.Tests.Cases;

public sealed class DuplicateTests
{
    private static CancellationToken Ct => CaseApp.Ct;

    [Fact]
    public async Task SecondReportNearby_SuggestsTheOpenCase()
    {
        using var app = new CaseApp();
        var first = (await app.ReportAsync()).GetProperty("id").GetString();

        var response = await (await app.As("inspector")).PostAsJsonAsync("/api/cases", CaseApp.Report(lat: CaseApp.Lat + 0.0001), Ct);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var suggestion = Assert.Single(body.GetProperty("possibleDuplicates").EnumerateArray());
        Assert.Equal(first, suggestion.GetProperty("caseId").GetString());
        Assert.InRange(suggestion.GetProperty("distanceMetres").GetDouble(), 10, 12);
    }

    [Fact]
    public async Task AutoMerge_AttachesTheReportToTheMasterTimeline()
    {
        using var app = new CaseApp(settings: new Dictionary<string, string?> { ["Cases:Duplicates:AutoMerge"] = "true" });
        var first = (await app.ReportAsync()).GetProperty("id").GetString()!;

        var response = await (await app.As("inspector2")).PostAsJsonAsync("/api/cases", CaseApp.Report(), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var merged = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(first, merged.GetProperty("masterCaseId").GetString());
        var timeline = await app.TimelineAsync(first);
        Assert.Equal("DuplicateReport", timeline[^1].GetProperty("action").GetString());
        Assert.Equal("inspector2", timeline[^1].GetProperty("actor").GetString());
        var list = await (await app.As("leader")).GetFromJsonAsync<JsonElement>("/api/cases", Ct);
        Assert.Equal(1, list.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task SameIdempotencyKey_ReturnsTheFirstCase()
    {
        using var app = new CaseApp();
        var client = await app.As("inspector");
        async Task<string?> Post()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = JsonContent.Create(CaseApp.Report(code: "01002")) };
            request.Headers.Add("Idempotency-Key", "device-42-report-7");
            var response = await client.SendAsync(request, Ct);
            return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("case").GetProperty("number").GetString();
        }

        Assert.Equal(await Post(), await Post());
    }

    [Fact]
    public async Task CaseNumbers_CountUpPerDay()
    {
        using var app = new CaseApp();
        var numbers = new List<string>();
        foreach (var code in new[] { "01002", "01003", "01004" })
        {
            numbers.Add((await app.ReportAsync(report: CaseApp.Report(code: code))).GetProperty("number").GetString()!);
        }

        Assert.Equal(["20261201000001", "20261201000002", "20261201000003"], numbers);
    }
}
