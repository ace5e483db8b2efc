using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using CityOps.Designer.Canvas;
using DiagramPoint = Blazor.Diagrams.Core.Geometry.Point;
using DiagramSize = Blazor.Diagrams.Core.Geometry.Size;

namespace CityOps.Designer.Components.Designer;

/// <summary>The diagram library's node for one activity; <see cref="Data"/> is the mapper's node.</summary>
public sealed class ActivityNodeModel(CanvasNode data) : NodeModel(data.Id, new DiagramPoint(data.X, data.Y))
{
    public CanvasNode Data { get; set; } = data;

    /// <summary>error, executed, waiting or faulted; drawn as a CSS class.</summary>
    public string? Mark { get; set; }

    public bool English { get; set; }

    public FlowPortModel? InPort => Ports.OfType<FlowPortModel>().FirstOrDefault(p => p.IsInput);

    public IEnumerable<FlowPortModel> OutPorts => Ports.OfType<FlowPortModel>().Where(p => !p.IsInput);

    public FlowPortModel? OutPort(string name) => OutPorts.FirstOrDefault(p => p.Name == name);
}

/// <summary>A port: the node's single <c>In</c>, or one outcome. Links only go outcome → In.</summary>
public sealed class FlowPortModel(ActivityNodeModel parent, string name, bool isInput)
    : PortModel($"{parent.Id}\u001f{name}", parent, isInput ? PortAlignment.Top : PortAlignment.Bottom, new DiagramPoint(0, 0), new DiagramSize(14, 14))
{
    public string Name { get; } = name;

    public bool IsInput { get; } = isInput;

    public override bool CanAttachTo(ILinkable other)
    {
        if (IsInput || other is not FlowPortModel { IsInput: true } target)
        {
            return false;
        }

        var source = (ActivityNodeModel)Parent;
        var selfLoopAllowed = source.Data.Descriptor?.IsWaiting == true;
        var duplicate = Links.Any(l => l.IsAttached && l.Target is SinglePortAnchor { Port: var p } && p == target);
        return (target.Parent != Parent || selfLoopAllowed) && !duplicate;
    }
}
