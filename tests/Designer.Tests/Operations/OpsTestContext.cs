using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Radzen;

namespace CityOps.Designer.Tests.Operations;

/// <summary>A bUnit context with Radzen, the string table and the UI in Chinese (the default culture).</summary>
public abstract class OpsTestContext : BunitContext
{
    private readonly CultureInfo previous = CultureInfo.CurrentUICulture;

    protected OpsTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddLocalization();
        Services.AddRadzenComponents();
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
    }

    protected override void Dispose(bool disposing)
    {
        CultureInfo.CurrentUICulture = previous;
        base.Dispose(disposing);
    }
}
