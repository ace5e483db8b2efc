using Blazor.Diagrams;
using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using Blazor.Diagrams.Core.PathGenerators;
using Blazor.Diagrams.Core.Routers;
using Blazor.Diagrams.Options;
using CityOps.Designer.Canvas;
using Microsoft.AspNetCore.Components;

namespace CityOps.Designer.Components.Designer;

/// <summary>
/// Wraps Z.Blazor.Diagrams: loads a <see cref="CanvasGraph"/>, reports edits (link attached or removed, node moved
/// or deleted) through <see cref="Changed"/>, and reads the graph back with <see cref="Snapshot"/>.
/// </summary>
public sealed partial class FlowCanvas : IDisposable
{
    private const string HighlightColor = "#2e7d32";
    private readonly BlazorDiagram _diagram;
    private List<CanvasLink> _hidden = [];
    private bool _loading;
    private bool _changePending;
    private bool _selectionPending;
    private bool _ready;
    private bool _fitPending;

    public FlowCanvas()
    {
        var options = new BlazorDiagramOptions { AllowMultiSelection = true, AllowPanning = true };
        options.Zoom.Enabled = true;
        options.Zoom.Minimum = 0.05;
        options.Zoom.Maximum = 2.5;
        options.Links.DefaultRouter = new NormalRouter();
        options.Links.DefaultPathGenerator = new SmoothPathGenerator();
        options.Links.EnableSnapping = true;
        options.Links.SnappingRadius = 30;
        options.Links.RequireTarget = true;
        options.Links.Factory = (_, source, target) => source is FlowPortModel { IsInput: false } port && !ReadOnly
            ? new LinkModel(new SinglePortAnchor(port), target) { TargetMarker = LinkMarker.Arrow }
            : null!;
        options.Constraints.ShouldDeleteNode = _ => ValueTask.FromResult(!ReadOnly);
        options.Constraints.ShouldDeleteLink = _ => ValueTask.FromResult(!ReadOnly);
        _diagram = new BlazorDiagram(options);
        _diagram.RegisterComponent<ActivityNodeModel, ActivityNodeWidget>();
        _diagram.Links.Added += OnLinkAdded;
        _diagram.Links.Removed += OnLinkRemoved;
        _diagram.Nodes.Removed += _ => NotifyChanged();
        _diagram.SelectionChanged += _ => NotifySelection();
        _diagram.ContainerChanged += RemeasurePorts;
        _diagram.GetBehavior<Blazor.Diagrams.Core.Behaviors.KeyboardShortcutsBehavior>()?.SetShortcut("z", true, false, false, _ => Raise(Undo));
        _diagram.GetBehavior<Blazor.Diagrams.Core.Behaviors.KeyboardShortcutsBehavior>()?.SetShortcut("y", true, false, false, _ => Raise(Redo));
    }

    /// <summary>No adding, moving, connecting or deleting (instance view).</summary>
    [Parameter]
    public bool ReadOnly { get; set; }

    [Parameter]
    public bool English { get; set; }

    /// <summary>The graph changed by a gesture on the canvas; several changes of one gesture arrive once.</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    /// <summary>Ids of the selected activity nodes.</summary>
    [Parameter]
    public EventCallback<IReadOnlyList<string>> SelectionChanged { get; set; }

    [Parameter]
    public EventCallback Undo { get; set; }

    [Parameter]
    public EventCallback Redo { get; set; }

    public int NodeCount => _diagram.Nodes.Count;

    public double Zoom => _diagram.Zoom;

    /// <summary>Replaces everything on the canvas with <paramref name="graph"/>; with <paramref name="fit"/> the view fits it.</summary>
    public void Load(CanvasGraph graph, bool fit = true)
    {
        ArgumentNullException.ThrowIfNull(graph);
        _loading = true;
        try
        {
            _diagram.Batch(() =>
            {
                _diagram.Links.Clear();
                _diagram.Nodes.Clear();
                var nodes = graph.Nodes.Select(CreateNode).ToList();
                _diagram.Nodes.Add(nodes);
                var byId = nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
                _hidden = [];
                var links = new List<LinkModel>();
                foreach (var link in graph.Links)
                {
                    if (byId.GetValueOrDefault(link.SourceId)?.OutPort(link.SourcePort) is { } from
                        && byId.GetValueOrDefault(link.TargetId)?.InPort is { } to && link.TargetPort == DefinitionCanvasMapper.InPort)
                    {
                        links.Add(CreateLink(from, to));
                    }
                    else
                    {
                        _hidden.Add(link);
                    }
                }

                _diagram.Links.Add(links);
            });
        }
        finally
        {
            _loading = false;
        }

        _ready = true;
        _fitPending = fit;
        FitWhenPlaced();
        StateHasChanged();
    }

    /// <summary>The graph as it is now on the canvas (positions, links, node data).</summary>
    public CanvasGraph Snapshot()
    {
        var nodes = _diagram.Nodes.OfType<ActivityNodeModel>()
            .Select(n => n.Data with { X = n.Position.X, Y = n.Position.Y })
            .ToList();
        var links = _diagram.Links.Select(ToCanvasLink).OfType<CanvasLink>().Concat(_hidden).ToList();
        return new CanvasGraph(nodes, links);
    }

    public void AddNode(CanvasNode node)
    {
        var model = CreateNode(node);
        _diagram.Nodes.Add(model);
        _diagram.UnselectAll();
        _diagram.SelectModel(model, true);
        NotifyChanged();
    }

    /// <summary>New data for a node (inputs, name): ports follow, links on ports that went away go too.</summary>
    public void UpdateNode(CanvasNode data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (_diagram.Nodes.OfType<ActivityNodeModel>().FirstOrDefault(n => n.Id == data.Id) is not { } node)
        {
            return;
        }

        node.Data = data;
        foreach (var gone in node.OutPorts.Where(p => !data.OutPorts.Contains(p.Name)).ToList())
        {
            _diagram.Links.Remove(gone.Links.ToList());
            node.RemovePort(gone);
        }

        foreach (var name in data.OutPorts.Where(name => node.OutPort(name) is null))
        {
            node.AddPort(new FlowPortModel(node, name, isInput: false));
        }

        node.Refresh();
        node.RefreshAll();
        NotifyChanged();
    }

    public void Connect(CanvasLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var nodes = _diagram.Nodes.OfType<ActivityNodeModel>().ToDictionary(n => n.Id, StringComparer.Ordinal);
        if (nodes.GetValueOrDefault(link.SourceId)?.OutPort(link.SourcePort) is { } from && nodes.GetValueOrDefault(link.TargetId)?.InPort is { } to
            && from.CanAttachTo(to))
        {
            _diagram.Links.Add(CreateLink(from, to));
            NotifyChanged();
        }
    }

    public void Disconnect(CanvasLink link)
    {
        _diagram.Links.Remove(_diagram.Links.Where(l => ToCanvasLink(l) == link).ToList());
    }

    public void DeleteSelected()
    {
        if (ReadOnly)
        {
            return;
        }

        var selected = _diagram.GetSelectedModels().ToList();
        _diagram.Batch(() =>
        {
            _diagram.Links.Remove(selected.OfType<BaseLinkModel>().ToList());
            _diagram.Nodes.Remove(selected.OfType<NodeModel>().ToList());
        });
    }

    public void Select(string nodeId)
    {
        _diagram.UnselectAll();
        if (_diagram.Nodes.FirstOrDefault(n => n.Id == nodeId) is { } node)
        {
            _diagram.SelectModel(node, true);
        }
    }

    public void Dispose()
    {
        _diagram.ContainerChanged -= RemeasurePorts;
        _diagram.Links.Added -= OnLinkAdded;
        _diagram.Links.Removed -= OnLinkRemoved;
    }

    private static CanvasLink? ToCanvasLink(BaseLinkModel link) =>
        link is { Source: SinglePortAnchor { Port: FlowPortModel from }, Target: SinglePortAnchor { Port: FlowPortModel to } }
            ? new CanvasLink(from.Parent.Id, from.Name, to.Parent.Id, to.Name)
            : null;

    private static LinkModel CreateLink(FlowPortModel from, FlowPortModel to) =>
        new(new SinglePortAnchor(from), new SinglePortAnchor(to)) { TargetMarker = LinkMarker.Arrow };

    private ActivityNodeModel CreateNode(CanvasNode data)
    {
        var node = new ActivityNodeModel(data) { English = English, Locked = ReadOnly };
        if (data.HasInPort)
        {
            node.AddPort(new FlowPortModel(node, DefinitionCanvasMapper.InPort, isInput: true) { Locked = ReadOnly });
        }

        foreach (var name in data.OutPorts)
        {
            node.AddPort(new FlowPortModel(node, name, isInput: false) { Locked = ReadOnly });
        }

        node.Moved += _ => NotifyChanged();
        return node;
    }

    private void OnLinkAdded(BaseLinkModel link) => link.TargetAttached += OnLinkAttached;

    private void OnLinkAttached(BaseLinkModel link) => NotifyChanged();

    private void OnLinkRemoved(BaseLinkModel link)
    {
        link.TargetAttached -= OnLinkAttached;
        if (link.IsAttached)
        {
            NotifyChanged();
        }
    }

    private void NotifyChanged()
    {
        if (_loading || _changePending)
        {
            return;
        }

        _changePending = true;
        _ = InvokeAsync(async () =>
        {
            // Let the rest of the gesture (a node's links going with it) land first.
            await Task.Yield();
            _changePending = false;
            StateHasChanged();
            await Changed.InvokeAsync();
        });
    }

    private void NotifySelection()
    {
        if (_loading || _selectionPending)
        {
            return;
        }

        _selectionPending = true;
        _ = InvokeAsync(async () =>
        {
            await Task.Yield();
            _selectionPending = false;
            var ids = _diagram.GetSelectedModels().OfType<ActivityNodeModel>().Select(n => n.Id).ToList();
            await SelectionChanged.InvokeAsync(ids);
        });
    }

    private async ValueTask Raise(EventCallback callback) => await InvokeAsync(() => callback.InvokeAsync());
}
