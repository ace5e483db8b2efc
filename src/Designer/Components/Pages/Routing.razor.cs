using CityOps.Designer.Components.Operations;
using CityOps.Designer.Resources;
using CityOps.Designer.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Radzen;
using Radzen.Blazor;

namespace CityOps.Designer.Components.Pages;

/// <summary>
/// The auto-dispatch table, edited in place: every save goes through the same validator as the API, and a refusal
/// is shown under the field it names. Below, "test a case" asks which rule wins for a code in a grid, and why.
/// </summary>
public sealed partial class Routing
{
    private RadzenDataGrid<RuleRow> grid = default!;
    private List<RuleRow> rows = [];
    private IReadOnlyList<OpsDepartment> departments = [];
    private IReadOnlyList<OpsCode> codes = [];
    private IReadOnlyList<MapArea> gridChoices = [];
    private string? geoJson;
    private RuleRow? editing;
    private OpsProblem? problem;
    private string? notice;
    private string explainCode = "", explainGrid = "";
    private OpsRoutingExplanation? explanation;
    private OpsProblem? explainProblem;

    [Inject] private IStringLocalizer<UiStrings> L { get; set; } = default!;

    [Inject] private IOpsRouting RoutingService { get; set; } = default!;

    [Inject] private IOpsCatalog Catalog { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        departments = await Catalog.DepartmentsAsync(CancellationToken.None);
        codes = [.. (await Catalog.CodesAsync(CancellationToken.None)).Where(c => c.Kind == "matter")];
        geoJson = await Catalog.GridsGeoJsonAsync(CancellationToken.None);
        gridChoices = [.. GridMapModel.Parse(geoJson).Areas.OrderBy(a => a.Code, StringComparer.Ordinal)];
        await LoadRulesAsync();
    }

    private async Task LoadRulesAsync() =>
        rows = [.. (await RoutingService.RulesAsync(CancellationToken.None)).Select(RuleRow.From)];

    private static void RowRender(RowRenderEventArgs<RuleRow> args)
    {
        if (args.Data is { } row)
        {
            args.Attributes.Add("data-rule-id", row.Id ?? "");
        }
    }

    private async Task AddAsync()
    {
        editing = new RuleRow { IsNew = true, Code = "matter:", Area = "any" };
        (problem, notice) = (null, null);
        await grid.InsertRow(editing);
    }

    private async Task EditAsync(RuleRow row)
    {
        editing = row;
        (problem, notice) = (null, null);
        await grid.EditRow(row);
    }

    private async Task CancelAsync(RuleRow row)
    {
        grid.CancelEditRow(row);
        editing = null;
        problem = null;
        await LoadRulesAsync();
    }

    private async Task SaveAsync(RuleRow row)
    {
        var result = await RoutingService.SaveAsync(row.IsNew ? null : row.Id, new OpsRoutingRuleEdit(row.IsNew ? row.Id : null, row.Code, row.Area, row.DepartmentCode, row.Note), CancellationToken.None);
        problem = result.Problem;
        if (result.Value is not { } saved)
        {
            return; // stays in edit mode with the reasons under the fields
        }

        notice = string.Format(System.Globalization.CultureInfo.CurrentCulture, L["Ops_RuleSaved"], saved.Id, saved.Code, saved.Area, saved.DepartmentCode);
        editing = null;
        await LoadRulesAsync();
        await grid.Reload();
    }

    private async Task DeleteAsync(RuleRow row)
    {
        var result = await RoutingService.DeleteAsync(row.Id!, CancellationToken.None);
        problem = result.Problem;
        notice = result.Succeeded ? string.Format(System.Globalization.CultureInfo.CurrentCulture, L["Ops_RuleDeleted"], row.Id) : null;
        await LoadRulesAsync();
    }

    private async Task PickGridAsync(string code)
    {
        explainGrid = code;
        if (explainCode.Length > 0)
        {
            await ExplainAsync();
        }
    }

    private async Task ExplainAsync()
    {
        var result = await RoutingService.ExplainAsync(explainCode, explainGrid, CancellationToken.None);
        (explanation, explainProblem) = (result.Value, result.Problem);
    }

    /// <summary>A rule while it is edited.</summary>
    private sealed class RuleRow
    {
        public bool IsNew { get; init; }

        public string? Id { get; set; }

        public string? Code { get; set; }

        public string? Area { get; set; }

        public string? DepartmentCode { get; set; }

        public string? Note { get; set; }

        public static RuleRow From(OpsRoutingRule r) =>
            new() { Id = r.Id, Code = r.Code, Area = r.Area, DepartmentCode = r.DepartmentCode, Note = r.Note };
    }
}
