using CityOps.Designer.Canvas;
using CityOps.Workflows.Definitions;

namespace CityOps.Designer.Tests.Canvas;

public sealed class DefinitionCanvasMapperTests
{
    private static WorkflowDefinition Sample() => new DefinitionBuilder()
        .Activity("start", "CityOps.Start", (100, 20))
        .Activity("check", "CityOps.Decision", (100, 160), ("condition", true))
        .Activity("task", "CityOps.HumanTask", (0, 300), ("title", "Inspect"), ("assigneeGroup", "water"), ("outcomes", new[] { "Fixed", "Rejected" }))
        .Activity("end", "CityOps.End", (200, 440))
        .Connect("start", "Done", "check").Connect("check", "True", "task").Connect("check", "False", "end").Connect("task", "Fixed", "end")
        .Build();

    [Fact]
    public void RoundTrip_KeepsIdsInputsPositionsAndConnections()
    {
        var definition = Sample() with
        {
            Root = Sample().Root with
            {
                Activities = [.. Sample().Root.Activities.Select(a => a.Id == "check"
                    ? a with { Name = "Urgent?", Inputs = new Dictionary<string, InputDefinition> { ["condition"] = DefinitionBuilder.Script("input.urgent === true") } }
                    : a)],
            },
        };

        var back = DefinitionCanvasMapper.ToDefinition(DefinitionCanvasMapper.ToCanvas(definition, DefinitionBuilder.Registry), definition);

        Assert.Equal(DefinitionJson.Write(definition), DefinitionJson.Write(back));
    }

    [Fact]
    public void ToCanvas_PortsComeFromTheDescriptorAndTheOutcomeList()
    {
        var graph = DefinitionCanvasMapper.ToCanvas(Sample(), DefinitionBuilder.Registry);

        Assert.Equal(["Done"], graph.Find("start")!.OutPorts);
        Assert.False(graph.Find("start")!.HasInPort);
        Assert.Equal(["True", "False"], graph.Find("check")!.OutPorts);
        Assert.Equal(["Fixed", "Rejected", "Overdue"], graph.Find("task")!.OutPorts);
        Assert.Empty(graph.Find("end")!.OutPorts);
        Assert.Equal(4, graph.Links.Count);
    }

    [Fact]
    public void ToCanvas_UnknownType_IsAnUnknownNodeThatKeepsItsConnections()
    {
        var definition = new DefinitionBuilder()
            .Activity("start", "CityOps.Start", (0, 0)).Activity("legacy", "Acme.Frobnicate", (0, 150), ("level", 3)).Activity("end", "CityOps.End", (0, 300))
            .Connect("start", "Done", "legacy").Connect("legacy", "Frobbed", "end").Build();

        var graph = DefinitionCanvasMapper.ToCanvas(definition, DefinitionBuilder.Registry);
        var back = DefinitionCanvasMapper.ToDefinition(graph, definition);

        var legacy = graph.Find("legacy")!;
        Assert.True(legacy.IsUnknown);
        Assert.Equal(["Frobbed"], legacy.OutPorts);
        Assert.Equal("Acme.Frobnicate", legacy.Label(english: true));
        Assert.Equal(DefinitionJson.Write(definition), DefinitionJson.Write(back));
    }

    [Fact]
    public void ToCanvas_WithoutPositions_LaysNodesOutInLayersTopDown()
    {
        var definition = new DefinitionBuilder()
            .Activity("start", "CityOps.Start").Activity("check", "CityOps.Decision").Activity("a", "CityOps.End").Activity("b", "CityOps.End")
            .Connect("start", "Done", "check").Connect("check", "True", "a").Connect("check", "False", "b").Build();

        var graph = DefinitionCanvasMapper.ToCanvas(definition, DefinitionBuilder.Registry);

        Assert.True(graph.Find("start")!.Y < graph.Find("check")!.Y);
        Assert.True(graph.Find("check")!.Y < graph.Find("a")!.Y);
        Assert.Equal(graph.Find("a")!.Y, graph.Find("b")!.Y);
        Assert.NotEqual(graph.Find("a")!.X, graph.Find("b")!.X);
        Assert.DoesNotContain(graph.Nodes, n => double.IsNaN(n.X) || double.IsNaN(n.Y));
    }

    [Fact]
    public void Layout_WithACycleThroughAWait_StillLayersEveryNodeOnce()
    {
        var definition = new DefinitionBuilder()
            .Activity("start", "CityOps.Start").Activity("task", "CityOps.HumanTask", null, ("outcomes", new[] { "Redo", "Ok" })).Activity("end", "CityOps.End")
            .Connect("start", "Done", "task").Connect("task", "Redo", "task").Connect("task", "Ok", "end").Build();

        var graph = DefinitionCanvasMapper.ToCanvas(definition, DefinitionBuilder.Registry);

        Assert.Equal(3, graph.Nodes.Select(n => (n.X, n.Y)).Distinct().Count());
        Assert.True(graph.Find("task")!.Y < graph.Find("end")!.Y);
    }

    [Fact]
    public void Layout_OfALongChain_DoesNotOverflowAndGrowsDownwards()
    {
        var graph = DefinitionCanvasMapper.ToCanvas(DefinitionBuilder.Chain(2000), DefinitionBuilder.Registry);

        Assert.Equal(2002, graph.Nodes.Select(n => n.Y).Distinct().Count());
    }

    [Fact]
    public void WithInputs_RemovingAnOutcome_DropsItsPortAndLinks()
    {
        var graph = DefinitionCanvasMapper.ToCanvas(Sample(), DefinitionBuilder.Registry);
        var inputs = new Dictionary<string, InputDefinition>(graph.Find("task")!.Inputs!) { ["outcomes"] = DefinitionBuilder.Literal(new[] { "Rejected" }) };

        var changed = DefinitionCanvasMapper.WithInputs(graph, "task", inputs);

        Assert.Equal(["Rejected", "Overdue"], changed.Find("task")!.OutPorts);
        Assert.DoesNotContain(changed.Links, l => l.SourceId == "task");
        Assert.Equal(3, changed.Links.Count);
    }

    [Fact]
    public void CanConnect_OnlyOutcomePortToIn_NotTwice_NotIntoTheStart()
    {
        var graph = DefinitionCanvasMapper.ToCanvas(Sample(), DefinitionBuilder.Registry);

        Assert.True(DefinitionCanvasMapper.CanConnect(graph, new CanvasLink("task", "Rejected", "end")));
        Assert.False(DefinitionCanvasMapper.CanConnect(graph, new CanvasLink("task", "Fixed", "end")));
        Assert.False(DefinitionCanvasMapper.CanConnect(graph, new CanvasLink("check", "True", "start")));
        Assert.False(DefinitionCanvasMapper.CanConnect(graph, new CanvasLink("end", "Done", "task")));
        Assert.False(DefinitionCanvasMapper.CanConnect(graph, new CanvasLink("check", "True", "check")));
        Assert.True(DefinitionCanvasMapper.CanConnect(graph, new CanvasLink("task", "Rejected", "task")));
    }

    [Fact]
    public void NewNode_GetsAFreeIdAndTheTypesPorts()
    {
        var graph = DefinitionCanvasMapper.ToCanvas(Sample(), DefinitionBuilder.Registry);
        var decision = DefinitionBuilder.Registry.Find("CityOps.Decision", 1)!;
        var first = DefinitionCanvasMapper.NewNode(graph, decision, 10, 20);
        var second = DefinitionCanvasMapper.NewNode(graph with { Nodes = [.. graph.Nodes, first] }, decision, 10, 20);

        Assert.Equal("decision1", first.Id);
        Assert.Equal("decision2", second.Id);
        Assert.Equal(["True", "False"], first.OutPorts);
    }
}
