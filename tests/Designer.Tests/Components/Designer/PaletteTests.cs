using System.Globalization;
using Bunit;
using CityOps.Designer.Components.Designer;
using CityOps.Workflows.Activities;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.Designer.Tests.Components.Designer;

public sealed class PaletteTests : BunitContext
{
    public PaletteTests()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        Services.AddLocalization();
    }

    [Fact]
    public void Search_InChinese_LeavesOnlyMatchingItems()
    {
        var cut = Render<Palette>(p => p.Add(c => c.Descriptors, DefinitionBuilder.Registry.List()));
        Assert.Equal(DefinitionBuilder.Registry.List().Count, cut.FindAll(".flow-palette-item").Count);

        cut.Find("#palette-search").Input("定时");

        var item = Assert.Single(cut.FindAll(".flow-palette-item"));
        Assert.Equal("CityOps.Timer", item.GetAttribute("data-type"));
        Assert.Equal("定时", item.QuerySelector(".flow-palette-name")!.TextContent);
    }

    [Fact]
    public void Click_RaisesAddWithTheDescriptor()
    {
        ActivityDescriptor? added = null;
        var cut = Render<Palette>(p => p.Add(c => c.Descriptors, DefinitionBuilder.Registry.List()).Add(c => c.Add, d => added = d));

        cut.Find(".flow-palette-item[data-type='CityOps.Decision']").Click();

        Assert.Equal("CityOps.Decision", added!.Type);
    }
}
