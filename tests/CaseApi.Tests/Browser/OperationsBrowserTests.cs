using Microsoft.Playwright;

namespace CityOps.CaseApi.Tests.Browser;

[Collection(BrowserTestGroup.Name)]
public sealed class OperationsBrowserTests(BrowserFixture browser)
{
    private readonly OperationsApi api = new(browser);

    [Fact]
    public async Task DepartmentHandler_SeesOnlyTheirTasks_AcceptsOne_AndTheCaseShowsIt()
    {
        var page = await browser.NewPageAsync();
        var water = await api.ReportAsync("01003");      // 雨水井盖异常 → R-009 CITY-WATER
        var elsewhere = await api.ReportAsync("06010");  // 暴露垃圾 → the district's sanitation centre
        await api.CompleteAsync("acceptor", water.Id, "Register");
        await api.CompleteAsync("acceptor", elsewhere.Id, "Register");

        await page.SignInAsync("water");
        await page.OpenAsync("/inbox");
        var row = page.Locator($"#inbox-grid tr[data-case-number='{water.Number}']");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator(".ops-sla")).ToHaveAttributeAsync("data-light", "green");
        Assert.Equal(0, await page.Locator($"tr[data-case-number='{elsewhere.Number}']").CountAsync());
        await page.ScreenshotAsync("ops-inbox-water");

        await row.Locator(".ops-act").ClickAsync();
        await page.Locator("#outcome-Accept").CheckAsync();
        await page.ScreenshotAsync("ops-task-form-accept");
        await page.ClickAsync("#task-submit");
        await Assertions.Expect(page.Locator(".ops-notice")).ToContainTextAsync(water.Number);
        await Assertions.Expect(page.Locator($"tr[data-case-number='{water.Number}'] .ops-act")).ToBeVisibleAsync(); // now the 处置 task

        await page.OpenAsync($"/cases/{water.Id}");
        var accepted = page.Locator("#case-timeline tr[data-actor='water']");
        await Assertions.Expect(accepted).ToContainTextAsync("Accept");
        await Assertions.Expect(page.Locator("#case-status")).ToHaveTextAsync("处置中");
        await Assertions.Expect(page.Locator("#case-department")).ToContainTextAsync("示范市水务集团有限公司");
        await Assertions.Expect(page.Locator("path.ops-grid")).ToHaveCountAsync(50);
        await Assertions.Expect(page.Locator("path.ops-grid-highlight")).ToHaveAttributeAsync("data-code", "330196001001001");
        await Assertions.Expect(page.Locator("circle.ops-case-point")).ToHaveCountAsync(1);
        await page.ScreenshotAsync("ops-case-view-water");

        await page.OpenAsync($"/cases/{elsewhere.Id}");
        await Assertions.Expect(page.Locator("#case-denied")).ToBeVisibleAsync();
        await page.ScreenshotAsync("ops-case-denied");
    }

    [Fact]
    public async Task Administrator_ChangesARoutingRule_AndTheNextCaseGoesToTheNewDepartment()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("admin");
        await page.OpenAsync("/routing");

        var rule = page.Locator("#rules-grid tr[data-rule-id='R-010']"); // 雨水箅子异常 (01004) → CITY-WATER
        await rule.Locator(".rule-edit").ClickAsync();
        await page.FillAsync("#rule-code", "matter:99999");
        await page.ClickAsync("#rule-save");
        await Assertions.Expect(page.Locator(".ops-field-errors[data-field='code']")).ToContainTextAsync("Unknown code");
        await page.ScreenshotAsync("ops-routing-invalid");

        await page.FillAsync("#rule-code", "matter:01004");
        await page.SelectOptionAsync("#rule-department", "CITY-CGJ");
        await page.ClickAsync("#rule-save");
        await Assertions.Expect(page.Locator(".ops-notice")).ToContainTextAsync("R-010");
        await Assertions.Expect(page.Locator("#rules-grid tr[data-rule-id='R-010']")).ToContainTextAsync("CITY-CGJ");

        await page.SelectOptionAsync("#explain-code", "01004");
        await page.Locator("path[data-code='330196001001001']").ClickAsync();
        await page.ClickAsync("#explain-run");
        await Assertions.Expect(page.Locator("#explain-result")).ToContainTextAsync("CITY-CGJ");
        await Assertions.Expect(page.Locator("#explain-result li[data-rule='R-010']")).ToBeVisibleAsync();
        await page.ScreenshotAsync("ops-routing-explain");

        await Task.Delay(TimeSpan.FromSeconds(1.2), TestContext.Current.CancellationToken); // other nodes' catalog re-check interval
        var next = await api.ReportAsync("01004");
        await api.CompleteAsync("acceptor", next.Id, "Register");
        var dispatched = await api.CaseAsync(next.Id);
        Assert.Equal("CITY-CGJ", dispatched.GetProperty("leadDepartment").GetString());
        Assert.Contains("R-010", dispatched.GetProperty("dispatchReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acceptor_SeesTheReportToRegisterInTheQueues()
    {
        var page = await browser.NewPageAsync();
        var report = await api.ReportAsync("01003");

        await page.SignInAsync("acceptor");
        await page.OpenAsync("/queues");

        var queue = page.Locator(".ops-queue[data-queue='立案']");
        await page.ScreenshotAsync("ops-queues-acceptor");
        await Assertions.Expect(queue.Locator($"tr[data-case-number='{report.Number}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#nav-queues")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#nav-routing").CountAsync());
        await page.ScreenshotAsync("ops-queues-acceptor");
    }
}
