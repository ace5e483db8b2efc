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

        await page.ClickAsync("#lang-en");
        await page.WaitForURLAsync(url => url.EndsWith('/'));
        await page.Locator(".cityops-shell[data-interactive='true']").WaitForAsync();

        Assert.Equal("Welcome to CityOps", await heading.InnerTextAsync());
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("Home", (await page.Locator(".rz-navigation-item-text").First.InnerTextAsync()).Trim());
        await page.ScreenshotAsync("shell-en");

        await page.ClickAsync("#lang-zh");
        await page.Locator("#home-title", new() { HasTextString = "欢迎使用 CityOps" }).WaitForAsync();
        Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
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
