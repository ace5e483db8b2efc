using System.Globalization;
using Bunit;
using CityOps.Designer.Canvas;
using CityOps.Designer.Components.Designer;
using CityOps.Workflows.Definitions;
using Microsoft.Extensions.DependencyInjection;
using Radzen;

namespace CityOps.Designer.Tests.Components.Designer;

public sealed class PropertyPanelTests : BunitContext
{
    public PropertyPanelTests()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddLocalization();
        Services.AddRadzenComponents();
    }

    private static CanvasGraph Graph() => DefinitionCanvasMapper.ToCanvas(new DefinitionBuilder()
        .Activity("start", "CityOps.Start", (0, 0))
        .Activity("task", "CityOps.HumanTask", (0, 150), ("title", "Inspect"), ("outcomes", new[] { "Fixed", "Rejected" }))
        .Activity("end", "CityOps.End", (0, 300))
        .Connect("start", "Done", "task").Connect("task", "Fixed", "end").Build(), DefinitionBuilder.Registry);

    private IRenderedComponent<PropertyPanel> Render(string nodeId, Action<CanvasNode>? changed = null, PickerLists? pickers = null)
    {
        var graph = Graph();
        return Render<PropertyPanel>(p => p
            .Add(c => c.Node, graph.Find(nodeId)!)
            .Add(c => c.English, true)
            .Add(c => c.Links, graph.Links)
            .Add(c => c.Targets, ["task", "end"])
            .Add(c => c.Pickers, pickers ?? PickerLists.None)
            .Add(c => c.Changed, n => changed?.Invoke(n)));
    }

    [Fact]
    public void Render_HumanTask_ShowsEveryDeclaredInputIncludingTheDeadline()
    {
        var cut = Render("task");

        var inputs = cut.FindAll("[data-input]").Select(e => e.GetAttribute("data-input")).ToList();
        Assert.Equal(["title", "assigneeGroup", "assigneePerson", "outcomes", "form", "due", "deadline", "interrupting"], inputs);
        Assert.Equal("Inspect", cut.Find("#prop-title").GetAttribute("value"));
        Assert.Equal("Fixed\nRejected", cut.Find("#prop-outcomes").TextContent);
        Assert.Contains("Deadline", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void EditLiteral_RaisesTheNodeWithTheNewInput()
    {
        CanvasNode? changed = null;
        var cut = Render("task", n => changed = n);

        cut.Find("#prop-assigneeGroup").Change("water");

        Assert.Equal("\"water\"", changed!.Inputs!["assigneeGroup"].Expression.Value.GetRawText());
        Assert.Equal("\"Inspect\"", changed.Inputs["title"].Expression.Value.GetRawText());
    }

    [Fact]
    public void SwitchToJavaScript_KeepsTheTextAsScript()
    {
        CanvasNode? changed = null;
        var cut = Render("task", n => changed = n);

        cut.Find("[data-syntax-for='title']").Change(ExpressionDefinition.JavaScript);

        Assert.Equal(ExpressionDefinition.JavaScript, changed!.Inputs!["title"].Expression.Type);
        Assert.Equal("Inspect", changed.Inputs["title"].Expression.Value.GetString());
    }

    [Fact]
    public void BadDuration_ShowsAnErrorAndRaisesNothing()
    {
        var raised = false;
        var cut = Render("task", _ => raised = true);

        cut.Find("#prop-deadline").Change("three days");

        Assert.False(raised);
        Assert.Contains("ISO-8601", cut.Find(".flow-field-error").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void DepartmentPicker_OffersTheCatalogAsADatalist()
    {
        var pickers = new PickerLists(new Dictionary<string, IReadOnlyList<(string, string)>>
        {
            ["department-picker"] = [("water", "Water Authority"), ("roads", "Roads Bureau")],
        });

        var cut = Render("task", pickers: pickers);

        var list = cut.Find("#prop-assigneeGroup").GetAttribute("list");
        Assert.Equal(["water", "roads"], cut.FindAll($"#{list} option").Select(o => o.GetAttribute("value")));
    }

    [Fact]
    public void Connections_ListEveryOutcomePortWithItsTargets()
    {
        var cut = Render("task");

        Assert.Equal(["Fixed", "Rejected", "Overdue"], cut.FindAll(".flow-connection").Select(e => e.GetAttribute("data-port")));
        Assert.Equal("end", cut.Find(".flow-connection[data-port='Fixed'] .flow-chip").FirstChild!.TextContent.Trim());
    }

    [Fact]
    public void UnknownType_IsShownWithAWarningAndItsInputsReadOnly()
    {
        var graph = DefinitionCanvasMapper.ToCanvas(new DefinitionBuilder().Activity("x", "Acme.Thing", (0, 0), ("level", 3)).Build(), DefinitionBuilder.Registry);

        var cut = Render<PropertyPanel>(p => p.Add(c => c.Node, graph.Find("x")!));

        Assert.NotNull(cut.Find("#unknown-type-warning"));
        Assert.Empty(cut.FindAll("input"));
        Assert.Contains("3", cut.Find(".flow-field code").TextContent, StringComparison.Ordinal);
    }
}
