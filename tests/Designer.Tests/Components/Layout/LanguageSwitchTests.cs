using System.Globalization;
using Bunit;
using CityOps.Designer.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Radzen;

namespace CityOps.Designer.Tests.Components.Layout;

public sealed class LanguageSwitchTests : BunitContext
{
    public LanguageSwitchTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddLocalization();
        Services.AddRadzenComponents();
    }

    [Fact]
    public void Render_InChinese_HighlightsChinese()
    {
        using var _ = new CultureScope("zh-CN");

        var cut = Render<LanguageSwitch>();

        Assert.Equal("true", cut.Find("#lang-zh").GetAttribute("aria-pressed"));
        Assert.Equal("false", cut.Find("#lang-en").GetAttribute("aria-pressed"));
        Assert.Equal("语言", cut.Find("[aria-label]").GetAttribute("aria-label"));
    }

    [Fact]
    public void ClickEnglish_GoesToTheCultureEndpointAndBackToThisPage()
    {
        using var _ = new CultureScope("zh-CN");
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/cases?status=open");
        var cut = Render<LanguageSwitch>();

        cut.Find("#lang-en").Click();

        Assert.Equal("http://localhost/culture/set?culture=en&redirectUri=%2Fcases%3Fstatus%3Dopen", nav.Uri);
    }

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo previous = CultureInfo.CurrentUICulture;

        public CultureScope(string name) => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

        public void Dispose() => CultureInfo.CurrentUICulture = previous;
    }
}
