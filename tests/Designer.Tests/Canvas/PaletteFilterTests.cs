using CityOps.Designer.Canvas;

namespace CityOps.Designer.Tests.Canvas;

public sealed class PaletteFilterTests
{
    [Fact]
    public void Apply_WithoutSearch_GroupsTheWholeCatalogByCategory()
    {
        var groups = PaletteFilter.Apply(DefinitionBuilder.Registry.List(), null, english: true);

        Assert.Equal(DefinitionBuilder.Registry.List().Count, groups.Sum(g => g.Items.Count));
        Assert.Equal(groups.Select(g => g.Category).Order(StringComparer.Ordinal), groups.Select(g => g.Category));
        Assert.Contains(groups, g => g.Category == "Flow" && g.Items.Any(i => i.Type == "CityOps.Decision"));
    }

    [Theory]
    [InlineData("人工任务")]
    [InlineData("HumanTask")]
    public void Apply_FindsByChineseOrEnglishNameOrType(string search)
    {
        var groups = PaletteFilter.Apply(DefinitionBuilder.Registry.List(), search, english: false);

        Assert.Equal("CityOps.HumanTask", Assert.Single(Assert.Single(groups).Items).Type);
    }

    [Fact]
    public void Apply_CategoryWord_FindsEveryActivityThatMatches()
    {
        var groups = PaletteFilter.Apply(DefinitionBuilder.Registry.List(), "human", english: false);

        Assert.Equal(["CityOps.HumanTask", "CityOps.ParallelTasks"], groups.SelectMany(g => g.Items).Select(i => i.Type).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Apply_NoMatch_IsEmpty() =>
        Assert.Empty(PaletteFilter.Apply(DefinitionBuilder.Registry.List(), "zzz-nothing", english: true));
}
