using System.Globalization;
using System.Text.RegularExpressions;
using CityOps.Cases.Catalog;
using CityOps.Cases.Organisation;
using CityOps.Cases.Taxonomy;
using CityOps.Designer.Canvas;
using CityOps.Designer.Components.Designer;
using CityOps.Workflows.Activities;
using CityOps.Workflows.Definitions;
using FluentValidation;
using FluentValidation.Results;
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

    private WorkflowDefinition Current() => DefinitionCanvasMapper.ToDefinition(_canvas!.Snapshot(), _header!);

    private async Task ValidateAsync()
    {
        if (_header is null)
        {
            return;
        }

        var result = await Validator.ValidateAsync(Current());
        ShowErrors(result.Errors);
        Say(result.IsValid ? L["DesignerValid"] : string.Format(CultureInfo.CurrentCulture, L["DesignerInvalid"], result.Errors.Count), result.IsValid);
    }

    private async Task SaveDraftAsync()
    {
        if (_header is null || _busy)
        {
            return;
        }

        _busy = true;
        try
        {
            _header = await Definitions.SaveDraftAsync(Current(), CancellationToken.None);
            _dirty = false;
            _revision++;
            ShowErrors([]);
            Say(string.Format(CultureInfo.CurrentCulture, L["DesignerSaved"], _header.Version), ok: true);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task PublishAsync()
    {
        if (_header is null || _busy)
        {
            return;
        }

        _busy = true;
        try
        {
            await Definitions.SaveDraftAsync(Current(), CancellationToken.None);
            _header = await Definitions.PublishAsync(DefinitionId, CancellationToken.None);
            _dirty = false;
            _revision++;
            ShowErrors([]);
            Say(string.Format(CultureInfo.CurrentCulture, L["DesignerPublished"], _header.Version), ok: true);
        }
        catch (ValidationException e)
        {
            // The draft is saved; only publishing was refused.
            _header = await Definitions.GetAsync(DefinitionId, null, CancellationToken.None) ?? _header;
            _dirty = false;
            _revision++;
            ShowErrors(e.Errors);
            Say(string.Format(CultureInfo.CurrentCulture, L["DesignerInvalid"], e.Errors.Count()), ok: false);
        }
        finally
        {
            _busy = false;
        }
    }

    private void ShowErrors(IEnumerable<ValidationFailure> failures)
    {
        var definition = _canvas is null || _header is null ? null : Current();
        _errors = [.. failures.Select(f => (f.PropertyName, f.ErrorMessage, NodeOf(f.PropertyName, definition)))];
        var marks = _errors.Where(e => e.NodeId is not null).Select(e => e.NodeId!).Distinct(StringComparer.Ordinal)
            .ToDictionary(id => id, _ => "error", StringComparer.Ordinal);
        _canvas?.SetMarks(marks);
    }

    private void Say(string message, bool ok)
    {
        _message = message;
        _messageOk = ok;
    }

    private static string? NodeOf(string property, WorkflowDefinition? definition)
    {
        var activity = ActivityPath().Match(property);
        if (activity.Success)
        {
            return activity.Groups["id"].Value;
        }

        var connection = ConnectionPath().Match(property);
        return connection.Success && definition is not null && int.TryParse(connection.Groups["i"].Value, CultureInfo.InvariantCulture, out var i)
            && i < definition.Root.Connections.Count
            ? definition.Root.Connections[i].Source.Activity
            : null;
    }

    private static bool Same(CanvasGraph a, CanvasGraph b) =>
        a.Nodes.Count == b.Nodes.Count && a.Links.SequenceEqual(b.Links)
        && a.Nodes.Zip(b.Nodes).All(p => p.First.Id == p.Second.Id && p.First.X.Equals(p.Second.X) && p.First.Y.Equals(p.Second.Y)
            && ReferenceEquals(p.First.Inputs, p.Second.Inputs) && p.First.Name == p.Second.Name && p.First.OutPorts.SequenceEqual(p.Second.OutPorts));

    private PickerLists BuildPickers(WorkflowDefinition? header)
    {
        var lists = new Dictionary<string, IReadOnlyList<(string, string)>>(StringComparer.Ordinal)
        {
            ["role-picker"] = [.. Roles.All.Select(r => (r.Role.ToString(), _english ? r.NameEn : r.NameZh))],
            ["variable-picker"] = [.. (header?.Variables ?? []).Select(v => (v.Name, v.Type))],
        };

        // The catalog is optional here so the designer also runs in a host without the city.
        if (Services.GetService(typeof(ICityCatalog)) is ICityCatalog catalog)
        {
            var city = catalog.Current;
            lists["department-picker"] = [.. city.Organisation.Data.Departments.Select(d => (d.Code, _english ? d.NameEn : d.NameZh))];
            lists["code-picker"] = [.. Enum.GetValues<CaseKind>().SelectMany(city.Taxonomy.ByKind)
                .Select(t => (t.Code, $"{t.Kind} · {(_english ? t.NameEn : t.NameZh)}"))];
        }

        return new PickerLists(lists);
    }

    [GeneratedRegex(@"activities\[(?<id>[^\]]+)\]", RegexOptions.CultureInvariant, 200)]
    private static partial Regex ActivityPath();

    [GeneratedRegex(@"connections\[(?<i>\d+)\]", RegexOptions.CultureInvariant, 200)]
    private static partial Regex ConnectionPath();
}
