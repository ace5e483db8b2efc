using CityOps.CaseApi.Endpoints;
using CityOps.Cases.Persistence;
using CityOps.Designer.Services;

namespace CityOps.CaseApi.Ui;

/// <summary>Case list, case and timeline over <c>CaseEndpoints</c> (same filters, same access rule).</summary>
internal sealed class UiCases(UiHandlers handlers) : IOpsCases
{
    public Task<OpsResult<OpsPage<OpsCaseSummary>>> ListAsync(OpsCaseFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = new CaseEndpoints.CaseQuery(filter.Status, filter.Code, Grid: null, filter.Street, District: null, filter.Department,
            filter.Light, filter.Source, filter.From, filter.To, filter.Skip, filter.Take);
        return handlers.RunAsync<OpsPage<OpsCaseSummary>>((sp, user) =>
            CaseEndpoints.ListAsync(query, user, sp.GetRequiredService<CityOpsDbContext>(), sp.GetRequiredService<CaseViews>(), cancellationToken));
    }

    public Task<OpsResult<OpsCase>> GetAsync(Guid caseId, CancellationToken cancellationToken) =>
        handlers.RunAsync<OpsCase>((sp, user) =>
            CaseEndpoints.GetAsync(caseId, user, sp.GetRequiredService<CityOpsDbContext>(), sp.GetRequiredService<CaseViews>(), cancellationToken));

    public Task<OpsResult<IReadOnlyList<OpsTimelineEntry>>> TimelineAsync(Guid caseId, CancellationToken cancellationToken) =>
        handlers.RunAsync<IReadOnlyList<OpsTimelineEntry>>((sp, user) =>
            CaseEndpoints.TimelineAsync(caseId, user, sp.GetRequiredService<CityOpsDbContext>(), cancellationToken));
}
