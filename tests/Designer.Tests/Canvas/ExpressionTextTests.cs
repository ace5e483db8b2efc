using System.Text.Json;
using CityOps.Designer.Canvas;
using CityOps.Workflows.Definitions;

namespace CityOps.Designer.Tests.Canvas;

public sealed class InputTextTests
{
    [Fact]
    public void StringList_OneLinePerItem_BothWays()
    {
        var (expression, error) = ExpressionText.FromText("Fixed\nRejected\n", ExpressionDefinition.Literal, "Array", ExpressionText.StringListHint);

        Assert.Null(error);
        Assert.Equal("[\"Fixed\",\"Rejected\"]", expression!.Value.GetRawText());
        Assert.Equal("Fixed\nRejected", ExpressionText.ToText(expression, ExpressionText.StringListHint));
    }

    [Fact]
    public void Script_IsKeptAsSource()
    {
        var (expression, _) = ExpressionText.FromText("input.level > 2", ExpressionDefinition.JavaScript, "Boolean", "expression");

        Assert.Equal(ExpressionDefinition.JavaScript, expression!.Type);
        Assert.Equal("input.level > 2", ExpressionText.ToText(expression, "expression"));
    }

    [Fact]
    public void BooleanLiteral_MustBeJson()
    {
        Assert.Equal(JsonValueKind.True, ExpressionText.FromText("true", ExpressionDefinition.Literal, "Boolean", "expression").Expression!.Value.ValueKind);
        Assert.NotNull(ExpressionText.FromText("yes please", ExpressionDefinition.Literal, "Boolean", "expression").Error);
    }

    [Fact]
    public void EmptyBox_RemovesTheInput() =>
        Assert.Equal((null, null), ExpressionText.FromText("  ", ExpressionDefinition.Literal, "String", "expression"));

    [Theory]
    [InlineData("P3D", true)]
    [InlineData("PT4H30M", true)]
    [InlineData("2026-12-01T08:00:00+08:00", true)]
    [InlineData("three days", false)]
    public void IsDurationOrInstant(string text, bool expected) => Assert.Equal(expected, ExpressionText.IsDurationOrInstant(text));
}
