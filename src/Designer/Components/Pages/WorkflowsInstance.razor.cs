using System.Globalization;
using CityOps.Designer.Canvas;
using CityOps.Designer.Components.Designer;
using CityOps.Workflows.Activities;
using CityOps.Workflows.Definitions;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;
using Microsoft.AspNetCore.Components;

namespace CityOps.Designer.Components.Pages;

/// <summary>One instance: its definition version read-only with the executed path, waits, journal, incidents.</summary>
public sealed partial class WorkflowsInstance
{
    private const int JournalPage = 500;
    private FlowCanvas? _canvas;
    private WorkflowInstanceSnapshot? _instance;
    private WorkflowDefinition? _definition;
    private IReadOnlyList<JournalRecord> _journal = [];
    private string? _selected;
    private string? _message;
    private bool _english;
    private bool _loaded;
    private bool _drawn;
    private bool _busy;

    [Parameter]
    public Guid InstanceId { get; set; }

    [Inject]
    private IWorkflowRuntime Runtime { get; set; } = default!;

    [Inject]
    private IDefinitionService Definitions { get; set; } = default!;

    [Inject]
    private IActivityRegistry Registry { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _english = CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        await LoadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (_loaded && !_drawn && _canvas is not null && _definition is not null)
        {
            _drawn = true;
            _canvas.Load(DefinitionCanvasMapper.ToCanvas(_definition, Registry));
            Mark();
        }
    }

    private async Task LoadAsync()
    {
        _instance = await Runtime.GetInstanceAsync(InstanceId, CancellationToken.None);
        if (_instance is not null)
        {
            _definition = await Definitions.GetAsync(_instance.DefinitionId, _instance.DefinitionVersion, CancellationToken.None);
            _journal = await Runtime.GetJournalAsync(InstanceId, 0, JournalPage, CancellationToken.None);
        }

        _loaded = true;
    }

    private void Mark()
    {
        if (_canvas is null || _definition is null || _instance is null)
        {
            return;
        }

        var path = ExecutedPath.From(_definition, _journal);
        var marks = path.Activities.ToDictionary(id => id, _ => "executed", StringComparer.Ordinal);
        foreach (var id in _instance.WaitingActivityIds)
        {
            marks[id] = "waiting";
        }

        foreach (var incident in _instance.Incidents.Where(i => i.ResolvedAt is null))
        {
            marks[incident.ActivityId] = "faulted";
        }

        _canvas.SetMarks(marks, path.Links);
    }

    private async Task RetryAsync()
    {
        _busy = true;
        try
        {
            await Runtime.RetryAsync(InstanceId, CancellationToken.None);
            _message = null;
        }
        catch (WorkflowStateException e)
        {
            _message = e.Message;
        }
        catch (WorkflowNotFoundException e)
        {
            _message = e.Message;
        }
        finally
        {
            _busy = false;
        }

        await LoadAsync();
        Mark();
    }

    private static string Local(DateTimeOffset at) =>
        at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
