namespace CityOps.Designer.Services;

/// <summary>Reference data the operations pages draw and pick from (read through the catalog API's handlers).</summary>
public interface IOpsCatalog
{
    /// <summary>The unit grids as the GeoJSON FeatureCollection <c>GET /api/catalog/grids?level=grid</c> serves.</summary>
    Task<string> GridsGeoJsonAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<OpsDepartment>> DepartmentsAsync(CancellationToken cancellationToken);

    /// <summary>Every taxonomy code (matters and components), for pickers.</summary>
    Task<IReadOnlyList<OpsCode>> CodesAsync(CancellationToken cancellationToken);
}

/// <summary>The auto-dispatch table and its explanation, as <c>/api/catalog/routing-rules</c> and <c>…/routing/explain</c>.</summary>
public interface IOpsRouting
{
    Task<IReadOnlyList<OpsRoutingRule>> RulesAsync(CancellationToken cancellationToken);

    /// <summary>Adds a rule (<paramref name="id"/> null) or changes one; refused with field errors like the API.</summary>
    Task<OpsResult<OpsRoutingRule>> SaveAsync(string? id, OpsRoutingRuleEdit edit, CancellationToken cancellationToken);

    Task<OpsResult<bool>> DeleteAsync(string id, CancellationToken cancellationToken);

    /// <summary>Which rule a matter of <paramref name="code"/> in <paramref name="areaCode"/> would follow, and why.</summary>
    Task<OpsResult<OpsRoutingExplanation>> ExplainAsync(string code, string areaCode, CancellationToken cancellationToken);
}

public sealed record OpsDepartment(string Code, string NameZh, string NameEn, string Level, string? ParentCode, string AreaCode, string Kind);

public sealed record OpsCode(string Kind, string Code, string NameZh, string NameEn);

public sealed record OpsRoutingRule(string Id, string Code, string Area, string DepartmentCode, string? Note);

/// <summary>The editable fields of a rule; <paramref name="Id"/> only when creating (empty → the next R-nnn).</summary>
public sealed record OpsRoutingRuleEdit(string? Id, string? Code, string? Area, string? DepartmentCode, string? Note);

public sealed record OpsRoutingCandidate(int Place, OpsRoutingRule Rule, string Verdict);

public sealed record OpsPlace(string? DistrictCode, string? StreetCode, string? CommunityCode, string? GridCode, bool OutsideCity);

public sealed record OpsRoutingExplanation(
    string Outcome, OpsDepartment? Department, OpsRoutingRule? Rule, string Reason, IReadOnlyList<OpsRoutingCandidate> Candidates,
    OpsPlace Place, long CatalogRevision);
