using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CityOps.CaseApi.Tests.Infrastructure;

namespace CityOps.CaseApi.Tests.Browser;

/// <summary>The browser tests' side door: prepare cases through the API of the same host the browser uses.</summary>
internal sealed class OperationsApi(BrowserFixture browser)
{
    // Grid 330196001001001 of 明湖街道 (as in the case API tests).
    public const double Lat = 30.27045, Lon = 120.1505;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task<HttpClient> AsAsync(string userName)
    {
        var client = new HttpClient { BaseAddress = browser.BaseAddress };
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = SignIn.DemoPassword }, Ct);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Reports a matter as the inspector; returns (id, number).</summary>
    public async Task<(string Id, string Number)> ReportAsync(string code)
    {
        using var client = await AsAsync("inspector");
        var response = await client.PostAsJsonAsync("/api/cases",
            new { source = "Inspector", kind = "matter", code, description = "浏览器测试", latitude = Lat, longitude = Lon }, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        var created = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("case");
        return (created.GetProperty("id").GetString()!, created.GetProperty("number").GetString()!);
    }

    /// <summary>Completes <paramref name="user"/>'s open task for the case with <paramref name="outcome"/>.</summary>
    public async Task CompleteAsync(string user, string caseId, string outcome)
    {
        using var client = await AsAsync(user);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/tasks?take=200", Ct);
        var task = page.GetProperty("items").EnumerateArray().First(t => t.GetProperty("caseId").GetString() == caseId);
        var response = await client.PostAsJsonAsync($"/api/tasks/{task.GetProperty("id").GetString()}/complete", new { outcome }, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    public async Task<JsonElement> CaseAsync(string id)
    {
        using var client = await AsAsync("leader");
        return await client.GetFromJsonAsync<JsonElement>($"/api/cases/{id}", Ct);
    }
}
