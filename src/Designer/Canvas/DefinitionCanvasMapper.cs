using System.Text.Json;
using CityOps.Workflows.Activities;
using CityOps.Workflows.Definitions;

namespace CityOps.Designer.Canvas;

/// <summary>Definition JSON ⇄ canvas graph. Pure: no diagram library, no services.</summary>
public static class DefinitionCanvasMapper
{
    public const string InPort = "In";

    public static CanvasGraph ToCanvas(WorkflowDefinition definition, IActivityRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return ToCanvas(definition, registry.Find);
    }

    public static CanvasGraph ToCanvas(WorkflowDefinition definition, Func<string, int, ActivityDescriptor?> describe)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(describe);
        var links = definition.Root.Connections
            .Select(c => new CanvasLink(c.Source.Activity, c.Source.Port, c.Target.Activity, c.Target.Port))
            .ToList();
        var nodes = definition.Root.Activities.Select(a =>
        {
            var descriptor = describe(a.Type, a.Version);

            // Ports a connection already uses stay visible even when the type is unknown or no longer declares them,
            // so opening and saving never drops a connection.
            var used = links.Where(l => l.SourceId == a.Id).Select(l => l.SourcePort);
            var ports = (descriptor is null ? [] : PortsFor(descriptor, a.Inputs)).Union(used, StringComparer.Ordinal).ToList();
            var position = a.Metadata?.Designer?.Position;
            return new CanvasNode(a.Id, a.Type, a.Version, a.Name, position?.X ?? double.NaN, position?.Y ?? double.NaN,
                a.Inputs, descriptor, ports, descriptor?.IsStart != true);
        }).ToList();

        if (nodes.Any(n => double.IsNaN(n.X) || double.IsNaN(n.Y)))
        {
            var layout = LayeredLayout.Arrange(nodes, links);
            nodes = [.. nodes.Select(n => double.IsNaN(n.X) || double.IsNaN(n.Y) ? n with { X = layout[n.Id].X, Y = layout[n.Id].Y } : n)];
        }

        return new CanvasGraph(nodes, links);
    }

    /// <summary>The definition the graph describes; id, name, variables and flags come from <paramref name="header"/>.</summary>
    public static WorkflowDefinition ToDefinition(CanvasGraph graph, WorkflowDefinition header)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(header);
        var activities = graph.Nodes
            .Select(n => new ActivityDefinition(n.Id, n.Type, n.Version, n.Name, n.Inputs,
                new ActivityMetadata(new DesignerMetadata(new DesignerPosition(Math.Round(n.X, 1), Math.Round(n.Y, 1))))))
            .ToList();
        var connections = graph.Links
            .Select(l => new ConnectionDefinition(new ConnectionEndpoint(l.SourceId, l.SourcePort), new ConnectionEndpoint(l.TargetId, l.TargetPort)))
            .ToList();
        return header with { Root = new FlowchartDefinition(header.Root.Type, activities, connections) };
    }

    /// <summary>A new node for a palette item; its id is unique in <paramref name="graph"/>.</summary>
    public static CanvasNode NewNode(CanvasGraph graph, ActivityDescriptor descriptor, double x, double y)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(descriptor);
        var stem = descriptor.Type[(descriptor.Type.LastIndexOf('.') + 1)..].ToLowerInvariant();
        var taken = graph.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var n = 1;
        while (taken.Contains(stem + n))
        {
            n++;
        }

        return new CanvasNode(stem + n, descriptor.Type, descriptor.Version, null, x, y, null, descriptor,
            PortsFor(descriptor, null), !descriptor.IsStart);
    }

    /// <summary>The outcome ports: the descriptor's static ones, then one per item of its literal list input.</summary>
    public static IReadOnlyList<string> PortsFor(ActivityDescriptor descriptor, IReadOnlyDictionary<string, InputDefinition>? inputs)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var ports = new List<string>(descriptor.Outcomes);
        if (descriptor.DynamicOutcomesInput is { } name
            && inputs?.GetValueOrDefault(name) is { Expression: { Type: ExpressionDefinition.Literal, Value.ValueKind: JsonValueKind.Array } list })
        {
            foreach (var item in list.Value.EnumerateArray())
            {
                var port = item.ValueKind switch
                {
                    JsonValueKind.String => item.GetString(),
                    JsonValueKind.Object when item.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String => n.GetString(),
                    _ => null,
                };
                if (!string.IsNullOrWhiteSpace(port) && !ports.Contains(port))
                {
                    ports.Add(port);
                }
            }
        }

        // The deadline port is declared statically but reads best last.
        if (ports.Remove(ActivityDescriptor.OverduePort))
        {
            ports.Add(ActivityDescriptor.OverduePort);
        }

        return ports;
    }

    /// <summary>The node with new inputs and the ports they imply; links from ports that went away are dropped.</summary>
    public static CanvasGraph WithInputs(CanvasGraph graph, string nodeId, IReadOnlyDictionary<string, InputDefinition>? inputs)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var node = graph.Find(nodeId) ?? throw new ArgumentException($"No node '{nodeId}'.", nameof(nodeId));
        var ports = node.Descriptor is null ? node.OutPorts : PortsFor(node.Descriptor, inputs);
        var updated = node with { Inputs = inputs, OutPorts = ports };
        return new CanvasGraph(
            [.. graph.Nodes.Select(n => n.Id == nodeId ? updated : n)],
            [.. graph.Links.Where(l => l.SourceId != nodeId || ports.Contains(l.SourcePort))]);
    }

    /// <summary>
    /// Whether a link may go from this port to that node: outcome port → In, once; to itself only from a waiting
    /// activity (a loop without a wait never ends, and the validator refuses it).
    /// </summary>
    public static bool CanConnect(CanvasGraph graph, CanvasLink link)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(link);
        var source = graph.Find(link.SourceId);
        var target = graph.Find(link.TargetId);
        return source is not null && target is not null && (source.Id != target.Id || source.Descriptor?.IsWaiting == true)
            && source.OutPorts.Contains(link.SourcePort) && target.HasInPort && link.TargetPort == InPort
            && !graph.Links.Contains(link);
    }
}
