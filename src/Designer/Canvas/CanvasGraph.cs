using CityOps.Workflows.Activities;
using CityOps.Workflows.Definitions;

namespace CityOps.Designer.Canvas;

/// <summary>What the canvas draws: nodes with ports and links between ports, independent of the diagram library.</summary>
/// <param name="Nodes">Nodes in definition order.</param>
/// <param name="Links">Links in definition order (links naming a missing node are kept so nothing is lost on save).</param>
public sealed record CanvasGraph(IReadOnlyList<CanvasNode> Nodes, IReadOnlyList<CanvasLink> Links)
{
    public static CanvasGraph Empty { get; } = new([], []);

    public CanvasNode? Find(string id) => Nodes.FirstOrDefault(n => n.Id == id);
}

/// <summary>One activity on the canvas.</summary>
/// <param name="Id">Activity id.</param>
/// <param name="Type">Activity type.</param>
/// <param name="Version">Activity type version.</param>
/// <param name="Name">Display name the author gave, if any.</param>
/// <param name="X">Left.</param>
/// <param name="Y">Top.</param>
/// <param name="Inputs">Inputs exactly as in the definition.</param>
/// <param name="Descriptor">The type's descriptor; <c>null</c> for an unknown type (drawn as an "unknown" node).</param>
/// <param name="OutPorts">Outcome ports, left to right.</param>
/// <param name="HasInPort">False only for the start activity.</param>
public sealed record CanvasNode(
    string Id,
    string Type,
    int Version,
    string? Name,
    double X,
    double Y,
    IReadOnlyDictionary<string, InputDefinition>? Inputs,
    ActivityDescriptor? Descriptor,
    IReadOnlyList<string> OutPorts,
    bool HasInPort)
{
    public bool IsUnknown => Descriptor is null;

    /// <summary>The name shown on the node: the author's name, else the type's display name, else the type.</summary>
    public string Label(bool english) =>
        !string.IsNullOrWhiteSpace(Name) ? Name
        : Descriptor is null ? Type
        : english ? Descriptor.DisplayNameEn : Descriptor.DisplayNameZh;
}

/// <summary>A connection from an outcome port to a node's <c>In</c> port.</summary>
public sealed record CanvasLink(string SourceId, string SourcePort, string TargetId, string TargetPort = DefinitionCanvasMapper.InPort);
