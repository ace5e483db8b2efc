using System.Globalization;
using System.Text.RegularExpressions;
using CityOps.Cases.Catalog;
using CityOps.Cases.Organisation;
using CityOps.Cases.Taxonomy;
using CityOps.Designer.Canvas;
using CityOps.Designer.Components.Designer;
using CityOps.Workflows.Definitions;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using FluentValidation.Results;

namespace CityOps.Designer.Components.Pages;

/// <summary>The editor's validate / save / publish and the pickers' suggestions.</summary>
public sealed partial class WorkflowsEditor
{
    [CascadingParameter]
    private Task<AuthenticationState>? Auth { get; set; }

    private WorkflowDefinition Current() => DefinitionCanvasMapper.ToDefinition(_canvas!.Snapshot(), _header!);

    // Versions record who saved and published them.
    private async Task<string> ActorAsync() => Auth is null ? "unknown" : (await Auth).User.Identity?.Name ?? "unknown";

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
            using var actor = WorkflowActor.Use(await ActorAsync());
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
            using var actor = WorkflowActor.Use(await ActorAsync());
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
