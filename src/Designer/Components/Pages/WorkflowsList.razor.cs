using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CityOps.Designer.Interop;
using CityOps.Designer.Services;
using CityOps.Workflows.Definitions;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;

namespace CityOps.Designer.Components.Pages;

/// <summary>Definitions with their latest version: create, clone, import, export, open.</summary>
public sealed partial class WorkflowsList
{
    private const long MaxImportBytes = 4 * 1024 * 1024;
    private List<Row>? _rows;
    private string? _newId;
    private string? _newName;
    private string? _instanceId;
    private string? _message;
    private bool _messageOk;

    [Inject]
    private IDefinitionService Definitions { get; set; } = default!;

    [Inject]
    private IDefinitionUpdates Updates { get; set; } = default!;

    [Inject]
    private FileDownload Download { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        var latest = await Definitions.ListLatestAsync(CancellationToken.None);
        var audit = await Updates.AuditAsync(CancellationToken.None);
        var rows = new List<Row>();
        foreach (var definition in latest.OrderBy(d => d.DefinitionId, StringComparer.Ordinal))
        {
            int? published = null;
            if (!definition.IsPublished)
            {
                var versions = await Definitions.ListVersionsAsync(definition.DefinitionId, CancellationToken.None);
                published = versions.LastOrDefault(v => v.IsPublished)?.Version;
            }

            rows.Add(new Row(definition, published, audit.GetValueOrDefault(definition.DefinitionId)));
        }

        _rows = rows;
    }

    private async Task CreateAsync()
    {
        var id = (_newId ?? "").Trim();
        if (!Slug().IsMatch(id))
        {
            Say(L["WorkflowIdInvalid"], ok: false);
            return;
        }

        if (await Definitions.GetAsync(id, null, CancellationToken.None) is not null)
        {
            Say(string.Format(CultureInfo.CurrentCulture, L["WorkflowIdTaken"], id), ok: false);
            return;
        }

        var name = string.IsNullOrWhiteSpace(_newName) ? id : _newName.Trim();
        ActivityDefinition[] activities =
        [
            new("start", "CityOps.Start", 1, null, null, new ActivityMetadata(new DesignerMetadata(new DesignerPosition(40, 40)))),
            new("end", "CityOps.End", 1, null, null, new ActivityMetadata(new DesignerMetadata(new DesignerPosition(40, 240)))),
        ];
        var definition = new WorkflowDefinition(id, 1, name, null, true, false, [],
            new FlowchartDefinition(FlowchartDefinition.FlowchartType, activities,
                [new ConnectionDefinition(new ConnectionEndpoint("start", "Done"), new ConnectionEndpoint("end", "In"))]));
        using (WorkflowActor.Use(await ActorAsync()))
        {
            await Definitions.SaveDraftAsync(definition, CancellationToken.None);
        }

        Navigation.NavigateTo($"workflows/{Uri.EscapeDataString(id)}");
    }

    [CascadingParameter]
    private Task<AuthenticationState>? Auth { get; set; }

    // Versions record who saved and published them.
    private async Task<string> ActorAsync() => Auth is null ? "unknown" : (await Auth).User.Identity?.Name ?? "unknown";

    private async Task CloneAsync(WorkflowDefinition source)
    {
        var taken = (_rows ?? []).Select(r => r.Latest.DefinitionId).ToHashSet(StringComparer.Ordinal);
        var n = 1;
        while (taken.Contains($"{source.DefinitionId}-copy{n}"))
        {
            n++;
        }

        var id = $"{source.DefinitionId}-copy{n}";
        var copy = source with { DefinitionId = id, Version = 1, Name = $"{source.Name} ({L["WorkflowsCopy"]})", IsLatest = true, IsPublished = false };
        using (WorkflowActor.Use(await ActorAsync()))
        {
            await Definitions.SaveDraftAsync(copy, CancellationToken.None);
        }

        Say(string.Format(CultureInfo.CurrentCulture, L["WorkflowsCloned"], id), ok: true);
        await LoadAsync();
    }

    private async Task ExportAsync(string definitionId)
    {
        var json = await Definitions.ExportAsync(definitionId, null, CancellationToken.None);
        await Download.SaveAsync($"{definitionId}.json", json, CancellationToken.None);
    }

    private async Task ImportAsync(InputFileChangeEventArgs e)
    {
        try
        {
            await using var stream = e.File.OpenReadStream(MaxImportBytes);
            using var reader = new StreamReader(stream);
            var definition = DefinitionJson.Parse(await reader.ReadToEndAsync());
            using var actor = WorkflowActor.Use(await ActorAsync());
            var imported = await Definitions.ImportAsync(definition, publish: false, CancellationToken.None);
            Say(string.Format(CultureInfo.CurrentCulture, L["WorkflowsImported"], imported.DefinitionId, imported.Version), ok: true);
            await LoadAsync();
        }
        catch (JsonException ex)
        {
            Say(L["WorkflowsImportBadJson"] + " " + ex.Message, ok: false);
        }
        catch (ValidationException ex)
        {
            Say(L["WorkflowsImportInvalid"] + " " + string.Join("; ", ex.Errors.Select(f => $"{f.PropertyName}: {f.ErrorMessage}")), ok: false);
        }
        catch (IOException ex)
        {
            Say(ex.Message, ok: false);
        }
    }

    private void OpenInstance()
    {
        if (Guid.TryParse(_instanceId?.Trim(), out var id))
        {
            Navigation.NavigateTo($"workflows/instances/{id}");
        }
        else
        {
            Say(L["InstanceIdInvalid"], ok: false);
        }
    }

    private void Say(string message, bool ok)
    {
        _message = message;
        _messageOk = ok;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex Slug();

    private sealed record Row(WorkflowDefinition Latest, int? PublishedVersion, DefinitionAudit? Audit);

    private static string When(DateTimeOffset? at) => at?.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "—";
}
