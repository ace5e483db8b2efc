using Microsoft.Playwright;

namespace CityOps.CaseApi.Tests.Browser;

internal static class PageExtensions
{
    /// <summary>Opens a page and waits until the Blazor circuit is live (the layout says data-interactive="true").</summary>
    public static async Task OpenAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator(".cityops-shell[data-interactive='true']").WaitForAsync(new() { Timeout = 30_000 });
    }

    /// <summary>Signs in through the form as a demo account and waits for the interactive home page.</summary>
    public static async Task SignInAsync(this IPage page, string userName)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", Infrastructure.SignIn.DemoPassword);
        await page.ClickAsync("#login-submit");
        await page.Locator(".cityops-shell[data-interactive='true']").WaitForAsync(new() { Timeout = 30_000 });
    }

    /// <summary>Saves a full-page screenshot under artifacts/screenshots at the repository root.</summary>
    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        var dir = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CityOps.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? AppContext.BaseDirectory;
    }
}
