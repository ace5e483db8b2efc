using CityOps.Cases.Taxonomy;

namespace CityOps.Cases.Tests.Taxonomy;

public sealed class CodeSelectorTests
{
    [Theory]
    [InlineData("*", CaseKind.Component, "01001", true)]
    [InlineData("matter:*", CaseKind.Matter, "06010", true)]
    [InlineData("matter:*", CaseKind.Component, "06010", false)]
    [InlineData("matter:06", CaseKind.Matter, "06010", true)]
    [InlineData("matter:06", CaseKind.Matter, "07001", false)]
    [InlineData("matter:06010", CaseKind.Matter, "06010", true)]
    [InlineData("matter:06010", CaseKind.Component, "06010", false)]
    public void Parse_ThenMatch(string selector, CaseKind kind, string code, bool expected)
    {
        var parsed = CodeSelector.Parse(selector);

        Assert.Equal(expected, parsed.Matches(kind, code));
        Assert.Equal(selector, parsed.ToString());
    }

    [Theory]
    [InlineData("matter")]
    [InlineData("matter:0601")]
    [InlineData("thing:06")]
    public void Parse_Malformed_Throws(string selector) => Assert.Throws<FormatException>(() => CodeSelector.Parse(selector));
}
