using CityOps.Designer.Resources;
using CityOps.Designer.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace CityOps.Designer.Components.Operations;

/// <summary>What the inbox and the queues share: load my tasks, claim one, open its form, reload after completing.</summary>
public abstract class TaskPageBase : ComponentBase
{
    [Inject] protected IStringLocalizer<UiStrings> L { get; set; } = default!;

    [Inject] protected IOpsTasks Tasks { get; set; } = default!;

    [Inject] protected IOpsCatalog Catalog { get; set; } = default!;

    protected IReadOnlyList<OpsTaskSummary> Rows { get; private set; } = [];

    protected IReadOnlyList<OpsDepartment> Departments { get; private set; } = [];

    protected OpsTaskDetail? Acting { get; private set; }

    protected OpsProblem? Problem { get; private set; }

    protected string? Notice { get; private set; }

    protected bool Loaded { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        Departments = await Catalog.DepartmentsAsync(CancellationToken.None);
        await LoadAsync();
    }

    protected async Task LoadAsync()
    {
        var result = await Tasks.ListAsync(0, 200, CancellationToken.None);
        Rows = result.Value?.Items ?? [];
        Problem = result.Problem;
        Loaded = true;
    }

    protected async Task ClaimAsync(OpsTaskSummary task)
    {
        var result = await Tasks.ClaimAsync(task.Id, CancellationToken.None);
        Problem = result.Problem;
        Notice = result.Succeeded ? string.Format(System.Globalization.CultureInfo.CurrentCulture, L["Ops_Claimed"], task.CaseNumber) : null;
        await LoadAsync();
    }

    protected async Task ActAsync(OpsTaskSummary task)
    {
        Notice = null;
        var result = await Tasks.GetAsync(task.Id, CancellationToken.None);
        Problem = result.Problem;
        Acting = result.Value;
    }

    protected async Task CompletedAsync(OpsCompletionResult done)
    {
        Notice = string.Format(System.Globalization.CultureInfo.CurrentCulture, L["Ops_Completed"], Acting?.Task.CaseNumber,
            L.Name("Ops_Outcome_", done.Outcome), L.Name("Ops_Status_", done.CaseStatus));
        Acting = null;
        await LoadAsync();
    }

    protected void CloseForm() => Acting = null;
}
