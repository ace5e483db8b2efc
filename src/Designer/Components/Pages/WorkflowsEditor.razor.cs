using System.Globalization;
using CityOps.Designer.Canvas;
using CityOps.Designer.Components.Designer;
using CityOps.Workflows.Activities;
using CityOps.Workflows.Definitions;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace CityOps.Designer.Components.Pages;

/// <summary>The flowchart editor: palette, canvas, property panel, validation, draft / publish, history.</summary>
public sealed partial class WorkflowsEditor
{
    private readonly Stack<CanvasGraph> _undo = new();
    private readonly Stack<CanvasGraph> _redo = new();
    private FlowCanvas? _canvas;
    private WorkflowDefinition? _header;
    private CanvasGraph _graph = CanvasGraph.Empty;
    private IReadOnlyList<ActivityDescriptor> _descriptors = [];
    private PickerLists _pickers = PickerLists.None;
    private List<(string Property, string Message, string? NodeId)> _errors = [];
    private ActivityDescriptor? _dragged;
    private string? _selected;
    private string? _message;
    private bool _messageOk;
    private bool _english;
    private bool _loaded;
    private bool _drawn;
    private bool _notFound;
    private bool _dirty;
    private bool _busy;
    private bool _showHistory;
    private int _revision;

    [Parameter]
    public string DefinitionId { get; set; } = "";

    [Inject]
    private IDefinitionService Definitions { get; set; } = default!;

    [Inject]
    private IActivityRegistry Registry { get; set; } = default!;

    [Inject]
    private IValidator<WorkflowDefinition> Validator { get; set; } = default!;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _english = CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        _descriptors = Registry.List();
        _header = await Definitions.GetAsync(DefinitionId, null, CancellationToken.None);
        _notFound = _header is null;
        _graph = _header is null ? CanvasGraph.Empty : DefinitionCanvasMapper.ToCanvas(_header, Registry);
        _pickers = BuildPickers(_header);
        _loaded = true;
        _drawn = false;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (_loaded && !_drawn && _canvas is not null)
        {
            _drawn = true;
            _canvas.Load(_graph);
        }
    }

    private async Task OnCanvasChangedAsync()
    {
        var now = _canvas!.Snapshot();
        if (Same(now, _graph))
        {
            return;
        }

        _undo.Push(_graph);
        _redo.Clear();
        _graph = now;
        _dirty = true;
        await InvokeAsync(StateHasChanged);
    }

    private void OnSelectionChanged(IReadOnlyList<string> ids)
    {
        _selected = ids.Count == 1 ? ids[0] : null;
        if (_selected is not null)
        {
            _showHistory = false;
        }
    }

    private void OnNodeChanged(CanvasNode node)
    {
        var graph = DefinitionCanvasMapper.WithInputs(_canvas!.Snapshot(), node.Id, node.Inputs);
        _canvas.UpdateNode(graph.Find(node.Id)! with { Name = node.Name });
    }

    private Task UndoAsync() => Restore(_undo, _redo);

    private Task RedoAsync() => Restore(_redo, _undo);

    private async Task Restore(Stack<CanvasGraph> from, Stack<CanvasGraph> to)
    {
        if (from.Count == 0 || _canvas is null)
        {
            return;
        }

        to.Push(_graph);
        _graph = from.Pop();
        _canvas.Load(_graph, fit: false);
        _dirty = true;
        await InvokeAsync(StateHasChanged);
    }

    private void AutoLayout()
    {
        var graph = _canvas!.Snapshot();
        var layout = LayeredLayout.Arrange(graph.Nodes, graph.Links);
        var arranged = graph with { Nodes = [.. graph.Nodes.Select(n => n with { X = layout[n.Id].X, Y = layout[n.Id].Y })] };
        _undo.Push(_graph);
        _redo.Clear();
        _graph = arranged;
        _canvas.Load(arranged);
        _dirty = true;
    }

    private void AddAtCenter(ActivityDescriptor descriptor) => Add(descriptor, null, null);

    private void Drop(DragEventArgs e)
    {
        if (_dragged is { } d)
        {
            Add(d, e.ClientX, e.ClientY);
            _dragged = null;
        }
    }

    private void Add(ActivityDescriptor descriptor, double? clientX, double? clientY)
    {
        if (_canvas is null)
        {
            return;
        }

        var (x, y) = _canvas.ToCanvasPoint(clientX, clientY);
        var graph = _canvas.Snapshot();
        if (clientX is null)
        {
            // A clicked item goes to the middle of the view, moved down (the flow's direction) until it covers no other node.
            while (graph.Nodes.Any(n => Math.Abs(n.X - x) < 200 && Math.Abs(n.Y - y) < 110))
            {
                y += 130;
            }
        }

        var node = DefinitionCanvasMapper.NewNode(graph, descriptor, x, y);
        _canvas.AddNode(node);
        _selected = node.Id;
        _showHistory = false;
    }

    private void SelectNode(string id)
    {
        _canvas?.Select(id);
        _selected = id;
        _showHistory = false;
    }

    private void SetHeader(string? name, string? description)
    {
        if (_header is null || string.IsNullOrWhiteSpace(name))
        {
            return;
        }

        _header = _header with { Name = name.Trim(), Description = string.IsNullOrWhiteSpace(description) ? null : description };
        _dirty = true;
    }

    private static bool Same(CanvasGraph a, CanvasGraph b) =>
        a.Nodes.Count == b.Nodes.Count && a.Links.SequenceEqual(b.Links)
        && a.Nodes.Zip(b.Nodes).All(p => p.First.Id == p.Second.Id && p.First.X.Equals(p.Second.X) && p.First.Y.Equals(p.Second.Y)
            && ReferenceEquals(p.First.Inputs, p.Second.Inputs) && p.First.Name == p.Second.Name && p.First.OutPorts.SequenceEqual(p.Second.OutPorts));
}
