using CityOps.CaseApi.Endpoints;
using CityOps.Cases.Catalog;
using CityOps.Designer.Services;

namespace CityOps.CaseApi.Ui;

/// <summary>The routing table editor over <c>CatalogRoutingEndpoints</c>: same validator, same conflicts, same explanation.</summary>
internal sealed class UiRouting(UiHandlers handlers, ICityCatalog catalog) : IOpsRouting
{
    public Task<IReadOnlyList<OpsRoutingRule>> RulesAsync(CancellationToken cancellationToken) =>
        Task.FromResult(UiHandlers.Read<IReadOnlyList<OpsRoutingRule>>(CatalogRoutingEndpoints.List(null, catalog)).Value ?? []);

    public Task<OpsResult<OpsRoutingRule>> SaveAsync(string? id, OpsRoutingRuleEdit edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var request = Body<RoutingRuleRequest>.Of(new RoutingRuleRequest(
            string.IsNullOrWhiteSpace(edit.Id) ? null : edit.Id.Trim(), Trim(edit.Code), Trim(edit.Area), Trim(edit.DepartmentCode),
            string.IsNullOrWhiteSpace(edit.Note) ? null : edit.Note));
        return handlers.RunAsync<OpsRoutingRule>(async (sp, user) =>
        {
            if (!user.IsInRole(nameof(Cases.Organisation.Role.Administrator)))
            {
                return TypedResults.Problem(statusCode: 403, title: "Administrators edit the routing table.");
            }

            var editor = sp.GetRequiredService<CatalogEditor>();
            try
            {
                return id is null
                    ? await CatalogRoutingEndpoints.Create(request, editor, user, cancellationToken)
                    : await CatalogRoutingEndpoints.Update(id, request, editor, user, cancellationToken);
            }
            catch (Exception ex) when (CatalogHttp.ConflictOf(ex) is { } conflict)
            {
                return conflict;
            }
        });
    }

    public Task<OpsResult<bool>> DeleteAsync(string id, CancellationToken cancellationToken) =>
        handlers.RunAsync<bool>(async (sp, user) =>
        {
            if (!user.IsInRole(nameof(Cases.Organisation.Role.Administrator)))
            {
                return TypedResults.Problem(statusCode: 403, title: "Administrators edit the routing table.");
            }

            try
            {
                return await CatalogRoutingEndpoints.Delete(id, sp.GetRequiredService<CatalogEditor>(), user, cancellationToken);
            }
            catch (Exception ex) when (CatalogHttp.ConflictOf(ex) is { } conflict)
            {
                return conflict;
            }
        });

    public Task<OpsResult<OpsRoutingExplanation>> ExplainAsync(string code, string areaCode, CancellationToken cancellationToken) =>
        handlers.RunAsync<OpsRoutingExplanation>((sp, _) => Task.FromResult<IResult>(
            CatalogRoutingEndpoints.Explain(kind: null, code, lat: null, lon: null, grid: areaCode, sp.GetRequiredService<DbCityCatalog>())));

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
