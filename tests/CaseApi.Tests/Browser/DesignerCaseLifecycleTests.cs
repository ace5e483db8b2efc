using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CityOps.CaseApi.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CityOps.CaseApi.Tests.Browser;

/// <summary>
/// Issue scenario 1: an administrator adds an activity to the case lifecycle in the designer and publishes a new
/// version; a new case follows the new version while a case that was already open stays on its version.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class DesignerCaseLifecycleTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AdminAddsANotifyToTheCaseLifecycle_NewCasesRunTheNewVersion_OpenCasesKeepTheirs()
    {
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(1600, 1000);
        var admin = await ApiAsync("admin");
        var before = await admin.GetFromJsonAsync<JsonElement>("/api/workflows/definitions/case-lifecycle", Ct);
        var openCase = await ReportAsync();
        var openInstance = await InstanceAsync(admin, openCase);
        Assert.Equal(before.GetProperty("version").GetInt32(), openInstance.GetProperty("definitionVersion").GetInt32());

        await page.SignInAsync("admin");
        await page.OpenAsync("/workflows/case-lifecycle");
        await page.ClickAsync("#btn-fit");
        await page.FillAsync("#palette-search", "通知");
        await page.ClickAsync(".flow-palette-item[data-type='CityOps.Notify']");
        await Assertions.Expect(page.Locator("#property-panel[data-activity-id='notify1']")).ToBeVisibleAsync();
        await page.FillAsync("#prop-channel", "inbox");
        await page.PressAsync("#prop-channel", "Tab");
        await page.FillAsync("#prop-body", "新案件已上报，请及时立案");
        await page.PressAsync("#prop-body", "Tab");
        await page.SelectOptionAsync("#property-panel select.flow-connect[data-connect-port='Done']", "isSelf");

        // Rewire 上报 (report) → notify1 → isSelf with the property panel's connection controls.
        await page.ClickAsync("[data-node-id='report'] .flow-node-title");
        await Assertions.Expect(page.Locator("#property-panel[data-activity-id='report']")).ToBeVisibleAsync();
        await page.ClickAsync("#property-panel .flow-connection[data-port='Done'] .flow-chip-x");
        await page.SelectOptionAsync("#property-panel select.flow-connect[data-connect-port='Done']", "notify1");
        await page.ScreenshotAsync("scenario1-case-lifecycle-edited");

        await page.ClickAsync("#btn-publish");
        var published = before.GetProperty("version").GetInt32() + 1;
        await Assertions.Expect(page.Locator("#editor-message")).ToContainTextAsync($"v{published}");
        await page.ScreenshotAsync("scenario1-case-lifecycle-published");

        var newCase = await ReportAsync();
        var newInstance = await InstanceAsync(admin, newCase);
        var journal = await admin.GetFromJsonAsync<JsonElement>($"/api/workflows/instances/{newInstance.GetProperty("id").GetGuid()}/journal", Ct);
        var stillOpen = await InstanceAsync(admin, openCase);

        Assert.Equal(published, newInstance.GetProperty("definitionVersion").GetInt32());
        Assert.Contains(journal.EnumerateArray(), j => j.GetProperty("activityId").GetString() == "notify1");
        Assert.Equal(before.GetProperty("version").GetInt32(), stillOpen.GetProperty("definitionVersion").GetInt32());
        Assert.Equal("Suspended", stillOpen.GetProperty("status").GetString());
        var history = await admin.GetFromJsonAsync<JsonElement>("/api/workflows/definitions/case-lifecycle/versions", Ct);
        var latest = history.EnumerateArray().Last();
        Assert.Equal((published, "admin"), (latest.GetProperty("version").GetInt32(), latest.GetProperty("publishedBy").GetString()));
        Assert.Equal("system", history[0].GetProperty("publishedBy").GetString()); // seeded from definitions/ at start-up
    }

    private async Task<HttpClient> ApiAsync(string userName)
    {
        var client = new HttpClient { BaseAddress = browser.BaseAddress };
        var token = await (await client.PostAsJsonAsync("/api/auth/token", new { userName, password = SignIn.DemoPassword }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    private async Task<string> ReportAsync()
    {
        var inspector = await ApiAsync("inspector");
        var response = await inspector.PostAsJsonAsync("/api/cases", new
        {
            source = "Inspector", kind = "matter", code = "01003", description = "雨水井盖破损", latitude = 30.27045, longitude = 120.1505,
        }, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("case").GetProperty("id").ToString();
    }

    private static async Task<JsonElement> InstanceAsync(HttpClient admin, string caseId)
    {
        var found = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}", Ct);
        var instanceId = found.GetProperty("workflowInstanceId").GetGuid();
        return (await admin.GetFromJsonAsync<JsonElement>($"/api/workflows/instances/{instanceId}", Ct)).GetProperty("instance");
    }
}
