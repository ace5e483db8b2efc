using CityOps.Designer.Canvas;
using CityOps.Workflows.Definitions;

namespace CityOps.Designer.Tests.Canvas;

public sealed class DefinitionDifferTests
{
    private static DefinitionBuilder V1() => new DefinitionBuilder()
        .Activity("start", "CityOps.Start", (0, 0))
        .Activity("notify", "CityOps.Notify", (0, 150), ("channel", "sms"), ("body", "hello"))
        .Activity("end", "CityOps.End", (0, 300))
        .Connect("start", "Done", "notify").Connect("notify", "Done", "end");

    [Fact]
    public void Compare_SameContentMovedAround_IsEmpty()
    {
        var before = V1().Build();
        var after = new DefinitionBuilder()
            .Activity("start", "CityOps.Start", (500, 0))
            .Activity("notify", "CityOps.Notify", (500, 150), ("channel", "sms"), ("body", "hello"))
            .Activity("end", "CityOps.End", (500, 300))
            .Connect("start", "Done", "notify").Connect("notify", "Done", "end").Build(version: 2);

        Assert.True(DefinitionDiffer.Compare(before, after).IsEmpty);
    }

    [Fact]
    public void Compare_ListsAddedRemovedAndChangedActivitiesInputsAndConnections()
    {
        var before = V1().Activity("old", "CityOps.End").Build();
        var after = new DefinitionBuilder()
            .Activity("start", "CityOps.Start", (0, 0))
            .Activity("notify", "CityOps.Notify", (0, 150), ("channel", "inbox"), ("subject", "Case"))
            .Activity("wait", "CityOps.Timer", (0, 300), ("delay", "PT1H"))
            .Activity("end", "CityOps.End", (0, 450))
            .Connect("start", "Done", "notify").Connect("notify", "Done", "wait").Connect("wait", "Done", "end").Build(version: 2);

        var diff = DefinitionDiffer.Compare(before, after);

        var added = Assert.Single(diff.Activities, a => a.Kind == ChangeKind.Added);
        Assert.Equal("wait", added.ActivityId);
        Assert.Equal(new PropertyChange("inputs.delay", ChangeKind.Added, null, "\"PT1H\""), Assert.Single(added.Properties));
        Assert.Equal("old", Assert.Single(diff.Activities, a => a.Kind == ChangeKind.Removed).ActivityId);
        var changed = Assert.Single(diff.Activities, a => a.Kind == ChangeKind.Changed);
        Assert.Equal("notify", changed.ActivityId);
        Assert.Equal(
            [
                new PropertyChange("inputs.channel", ChangeKind.Changed, "\"sms\"", "\"inbox\""),
                new PropertyChange("inputs.subject", ChangeKind.Added, null, "\"Case\""),
                new PropertyChange("inputs.body", ChangeKind.Removed, "\"hello\"", null),
            ],
            changed.Properties);
        Assert.Equal(
            ["+ notify:Done→wait", "+ wait:Done→end", "- notify:Done→end"],
            diff.Connections.Select(c => $"{(c.Kind == ChangeKind.Added ? '+' : '-')} {c.Connection.Source.Activity}:{c.Connection.Source.Port}→{c.Connection.Target.Activity}"));
    }

    [Fact]
    public void Compare_LiteralBecomingScript_IsAChangedInput()
    {
        var before = new DefinitionBuilder().Activity("d", "CityOps.Decision", null, ("condition", true)).Build();
        var after = before with
        {
            Root = before.Root with
            {
                Activities = [before.Root.Activities[0] with { Inputs = new Dictionary<string, InputDefinition> { ["condition"] = DefinitionBuilder.Script("input.x > 1") } }],
            },
        };

        var change = Assert.Single(Assert.Single(DefinitionDiffer.Compare(before, after).Activities).Properties);

        Assert.Equal(new PropertyChange("inputs.condition", ChangeKind.Changed, "true", "js: input.x > 1"), change);
    }

    [Fact]
    public void Describe_ChineseLiteral_StaysReadable() =>
        Assert.Equal("\"案件已派遣\"", DefinitionDiffer.Describe(DefinitionBuilder.Literal("案件已派遣").Expression));
}
