using CityOps.Cases.Geography;

namespace CityOps.Cases.Tests.Geography;

public sealed class AreaSelectorTests
{
    private static readonly AreaPath InGrid = AreaPath.FromCode("330196002001006");

    [Theory]
    [InlineData("any", true)]
    [InlineData("district:330196", true)]
    [InlineData("street:330196002", true)]
    [InlineData("street:330196001", false)]
    [InlineData("community:330196002001", true)]
    [InlineData("grid:330196002001006", true)]
    [InlineData("grid:330196002001005", false)]
    public void Matches_ByPrefixLevel(string selector, bool expected)
    {
        Assert.Equal(expected, AreaSelector.Parse(selector).Matches(InGrid));
    }

    [Fact]
    public void PathKnownOnlyToStreet_DoesNotMatchGridOrCommunitySelectors()
    {
        var street = AreaPath.FromCode("330196002");

        Assert.True(AreaSelector.Parse("street:330196002").Matches(street));
        Assert.False(AreaSelector.Parse("community:330196002001").Matches(street));
        Assert.False(AreaSelector.Parse("grid:330196002001006").Matches(street));
    }

    [Theory]
    [InlineData("street:33019600")]
    [InlineData("block:330196")]
    [InlineData("330196")]
    public void Parse_Malformed_Throws(string selector) => Assert.Throws<FormatException>(() => AreaSelector.Parse(selector));
}
