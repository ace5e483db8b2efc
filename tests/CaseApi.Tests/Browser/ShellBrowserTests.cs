using Microsoft.Playwright;

namespace CityOps.CaseApi.Tests.Browser;

[Collection(BrowserTestGroup.Name)]
public sealed class ShellBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task LanguageSwitch_ToEnglishAndBack_ChangesTheWholeShell()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("leader");
        var heading = page.Locator("#home-title");
        Assert.Equal("欢迎使用 CityOps", await heading.InnerTextAsync());
        await page.ScreenshotAsync("shell-zh");

        // The switch is a full page load back to the same URL: wait for the new document, not for the URL.
        await page.ClickAsync("#lang-en");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.Locator(".cityops-shell[data-interactive='true']").WaitForAsync();

        await Assertions.Expect(heading).ToHaveTextAsync("Welcome to CityOps");
        await Assertions.Expect(page.Locator(".rz-navigation-item-text").First).ToHaveTextAsync("Home");
        await page.ScreenshotAsync("shell-en");

        await page.ClickAsync("#lang-zh");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Assertions.Expect(heading).ToHaveTextAsync("欢迎使用 CityOps");
    }

    [Fact]
    public async Task SignIn_WithTheForm_ShowsWhoIsSignedInAndSignOutReturnsToTheForm()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        await page.ScreenshotAsync("sign-in");

        await page.SignInAsync("dispatcher");
        Assert.Equal("派遣员 赵敏", await page.Locator("#current-user").InnerTextAsync());

        await page.ClickAsync("#sign-out");
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Home_ShowsThisNodesDatabaseAndHealth()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("admin");

        var status = page.Locator("#node-status");
        await Assertions.Expect(status).ToContainTextAsync("Healthy");
        await Assertions.Expect(status).ToContainTextAsync("SQLite file");
    }
}
