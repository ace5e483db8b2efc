using System.Net;
using System.Text.Json;
using CityOps.CaseApi.Tests.Infrastructure;

namespace CityOps.CaseApi.Tests.Hosting;

public sealed class ShellTests : IDisposable
{
    private readonly CityOpsApiFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task Root_WithoutLanguageCookie_ServesTheShellInChinese()
    {
        var client = await factory.CreateSignedInBrowserAsync("leader");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/", TestContext.Current.CancellationToken));

        Assert.Contains("<html lang=\"zh-CN\"", html, StringComparison.Ordinal);
        Assert.Contains("欢迎使用 CityOps", html, StringComparison.Ordinal);
        Assert.Contains("_content/Radzen.Blazor/Radzen.Blazor.js", html, StringComparison.Ordinal);
        Assert.Contains("id=\"lang-en\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CultureSwitch_ToEnglish_SetsCookieAndShellSpeaksEnglish()
    {
        var client = await factory.CreateSignedInBrowserAsync("leader");

        var switchResponse = await client.GetAsync("/culture/set?culture=en&redirectUri=%2F", TestContext.Current.CancellationToken);
        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, switchResponse.StatusCode);
        Assert.Equal("/", switchResponse.Headers.Location?.OriginalString);
        Assert.Contains("<html lang=\"en\"", html, StringComparison.Ordinal);
        Assert.Contains("Welcome to CityOps", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CultureSwitch_UnsupportedLanguage_Returns400NamingTheField()
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync("/culture/set?culture=fr", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("culture", out _));
    }

    [Fact]
    public async Task CultureSwitch_AbsoluteRedirect_StaysOnThisSite()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/culture/set?culture=en&redirectUri=https%3A%2F%2Fevil.example", TestContext.Current.CancellationToken);

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task BlazorRadzenAndDesignerScripts_AreServed()
    {
        var client = factory.CreateClient();

        var radzen = await client.GetAsync("/_content/Radzen.Blazor/Radzen.Blazor.js", TestContext.Current.CancellationToken);
        var blazor = await client.GetAsync("/_framework/blazor.web.js", TestContext.Current.CancellationToken);
        var css = await client.GetAsync("/_content/CityOps.Designer/cityops.css", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, radzen.StatusCode);
        Assert.Equal(HttpStatusCode.OK, blazor.StatusCode);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
    }
}
