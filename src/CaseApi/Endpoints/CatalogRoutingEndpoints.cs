using System.Globalization;
using System.Security.Claims;
using CityOps.CaseApi.Identity;
using CityOps.Cases.Catalog;
using CityOps.Cases.Dispatch;
using CityOps.Cases.Geography;
using CityOps.Cases.Persistence.Catalog;
using CityOps.Cases.Taxonomy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityOps.CaseApi.Endpoints;

/// <summary><c>/api/catalog/routing-rules</c> (the auto-dispatch table) and <c>/api/catalog/routing/explain</c>.</summary>
internal static class CatalogRoutingEndpoints
{
    public static RouteGroupBuilder MapCatalogRoutingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/catalog/routing/explain", Explain).WithTags("Catalog: routing").RequireAuthorization(Policies.SignedIn)
            .WithName("ExplainRouting")
            .WithSummary("Which department a case of this code at this place (lat+lon, or grid=<any area code>) would go to, the rule that chose it and why every other matching rule lost. No rule → manual queue.");

        var group = app.MapGroup("/api/catalog/routing-rules").WithTags("Catalog: routing").WithCatalogConflicts();
        group.MapGet("/", List).RequireAuthorization(Policies.SignedIn).WithName("ListRoutingRules")
            .WithSummary("The routing table, optionally only the rules for one department.");
        group.MapGet("/{id}", Get).RequireAuthorization(Policies.SignedIn).WithName("GetRoutingRule").WithSummary("One routing rule.");
        group.MapPost("/", Create).RequireAuthorization(Policies.Administer).Accepts<RoutingRuleRequest>("application/json").WithName("CreateRoutingRule")
            .WithSummary("Add a rule: code selector × area selector → department. Unknown codes, areas, departments and duplicate selectors are refused.");
        group.MapPut("/{id}", Update).RequireAuthorization(Policies.Administer).Accepts<RoutingRuleRequest>("application/json").WithName("UpdateRoutingRule")
            .WithSummary("Change a rule's selectors, department or note.");
        group.MapDelete("/{id}", Delete).RequireAuthorization(Policies.Administer).WithName("DeleteRoutingRule").WithSummary("Remove a rule.");
        return group;
    }

    internal static Ok<List<RoutingRuleView>> List(string? department, ICityCatalog catalog) =>
        TypedResults.Ok(catalog.Current.Routing.Table.Rules.Where(r => department is null || r.DepartmentCode == department).Select(View).ToList());

    private static Results<Ok<RoutingRuleView>, ProblemHttpResult> Get(string id, ICityCatalog catalog) =>
        catalog.Current.Routing.Table.Rules.FirstOrDefault(r => r.Id == id) is { } rule
            ? TypedResults.Ok(View(rule))
            : CatalogHttp.NotFound("unknown-rule", $"No routing rule has id '{id}'.");

    internal static async Task<Results<Created<RoutingRuleView>, ValidationProblem>> Create(
        Body<RoutingRuleRequest> body, CatalogEditor editor, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (body.Value is not { } request)
        {
            return CatalogHttp.Invalid(body.Errors);
        }

        var city = await editor.BeginAsync(cancellationToken);
        var result = new RoutingRuleValidator(city, existing: null).Validate(request);
        if (!result.IsValid)
        {
            return CatalogHttp.Invalid(result);
        }

        var row = new RoutingRuleRecord { Id = request.Id ?? NextId(city.Routing.Table) };
        Apply(row, request, user, editor.Now);
        editor.Db.Add(row);
        await editor.CommitAsync(user.UserNameOf(), cancellationToken);
        return TypedResults.Created($"/api/catalog/routing-rules/{row.Id}", View(editor.Current.Routing.Table.Rules.Single(r => r.Id == row.Id)));
    }

    internal static async Task<Results<Ok<RoutingRuleView>, ValidationProblem, ProblemHttpResult>> Update(
        string id, Body<RoutingRuleRequest> body, CatalogEditor editor, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (body.Value is not { } request)
        {
            return CatalogHttp.Invalid(body.Errors);
        }

        var city = await editor.BeginAsync(cancellationToken);
        var row = await editor.Db.Set<RoutingRuleRecord>().FindAsync([id], cancellationToken);
        if (row is null)
        {
            return CatalogHttp.NotFound("unknown-rule", $"No routing rule has id '{id}'.");
        }

        var result = new RoutingRuleValidator(city, existing: id).Validate(request with { Id = null });
        if (!result.IsValid)
        {
            return CatalogHttp.Invalid(result);
        }

        Apply(row, request, user, editor.Now);
        await editor.CommitAsync(user.UserNameOf(), cancellationToken);
        return TypedResults.Ok(View(editor.Current.Routing.Table.Rules.Single(r => r.Id == id)));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string id, CatalogEditor editor, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await editor.BeginAsync(cancellationToken);
        var row = await editor.Db.Set<RoutingRuleRecord>().FindAsync([id], cancellationToken);
        if (row is null)
        {
            return CatalogHttp.NotFound("unknown-rule", $"No routing rule has id '{id}'.");
        }

        editor.Db.Remove(row);
        await editor.CommitAsync(user.UserNameOf(), cancellationToken);
        return TypedResults.NoContent();
    }

    internal static Results<Ok<RoutingExplanation>, ValidationProblem> Explain(
        string? kind, string? code, string? lat, string? lon, string? grid, DbCityCatalog catalog)
    {
        var (revision, city) = catalog.Revised;
        var errors = new Dictionary<string, string[]>();
        var caseKind = CaseKind.Matter;
        if (kind is not null && !CatalogRules.TryKind(kind, out caseKind))
        {
            errors["kind"] = ["Use component or matter (default matter)."];
        }

        CodeResolution? resolved = null;
        if (string.IsNullOrWhiteSpace(code))
        {
            errors["code"] = ["Required: the case type code (5 digits, or a 4-digit legacy code)."];
        }
        else if (!errors.ContainsKey("kind") && (resolved = city.Taxonomy.Resolve(caseKind, code)) is null)
        {
            errors["code"] = [$"Unknown code: no {CatalogRules.Lower(caseKind)} '{code}' in the taxonomy (legacy codes included)."];
        }

        var place = Place(lat, lon, grid, city, errors);
        if (errors.Count > 0)
        {
            return CatalogHttp.Invalid(errors);
        }

        var decision = city.Routing.Resolve(resolved!.Entry.Kind, resolved.Entry.Code, place!.Path);
        var department = decision.DepartmentCode is { } d && city.Organisation.Find(d) is { } dept ? CatalogDepartmentEndpoints.View(dept) : null;
        var lookup = new TaxonomyLookup(resolved.RequestedCode,
            resolved.ViaLegacy is { } m ? new LegacyView(m.LegacyCode, CatalogRules.Lower(m.Confidence), m.Basis) : null,
            CatalogTaxonomyEndpoints.View(city.Taxonomy, resolved.Entry));
        return TypedResults.Ok(new RoutingExplanation(
            decision.IsManual ? "manual_queue" : "routed", department, decision.Rule is { } rule ? View(rule) : null, decision.Reason,
            [.. decision.Candidates.Select(c => new CandidateView(c.Place, View(c.Rule), c.Verdict))],
            lookup, new PlaceView(place.Path.DistrictCode, place.Path.StreetCode, place.Path.CommunityCode, place.Path.GridCode, place.OutsideCity), revision));
    }

    private sealed record ResolvedPlace(AreaPath Path, bool OutsideCity);

    private static ResolvedPlace? Place(string? lat, string? lon, string? grid, CitySnapshot city, Dictionary<string, string[]> errors)
    {
        if (grid is not null && (lat is not null || lon is not null))
        {
            errors["grid"] = ["Give either grid or lat+lon, not both."];
            return null;
        }

        if (grid is not null)
        {
            if (city.Grids.Find(grid) is null)
            {
                errors["grid"] = [$"Unknown area: no grid, community, street or district has code '{grid}'."];
                return null;
            }

            return new ResolvedPlace(AreaPath.FromCode(grid), false);
        }

        if (lat is null && lon is null)
        {
            errors["lat"] = ["Required with lon, unless grid is given."];
            errors["lon"] = ["Required with lat, unless grid is given."];
            return null;
        }

        var invalid = CatalogGridEndpoints.Coordinates(lat, lon, out var latitude, out var longitude);
        foreach (var (field, message) in invalid)
        {
            errors[field] = message;
        }

        if (invalid.Count > 0)
        {
            return null;
        }

        var at = city.Grids.Locate(latitude, longitude);
        return at is null ? new ResolvedPlace(AreaPath.Nowhere, true) : new ResolvedPlace(at.Path, false);
    }

    private static void Apply(RoutingRuleRecord row, RoutingRuleRequest r, ClaimsPrincipal user, DateTimeOffset now)
    {
        // Stored in canonical spelling (matter:06, street:330196001) so the unique index sees equal selectors as equal.
        row.Code = CodeSelector.Parse(r.Code!).ToString();
        row.Area = AreaSelector.Parse(r.Area!).ToString();
        row.DepartmentCode = r.DepartmentCode!;
        row.Note = r.Note;
        row.UpdatedAt = now;
        row.UpdatedBy = user.UserNameOf();
    }

    private static string NextId(RoutingTable table)
    {
        var highest = table.Rules
            .Select(r => r.Id.StartsWith("R-", StringComparison.Ordinal) && int.TryParse(r.Id[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0).Max();
        return $"R-{highest + 1:D3}";
    }

    public static RoutingRuleView View(RoutingRule r) => new(r.Id, r.Code.ToString(), r.Area.ToString(), r.DepartmentCode, r.Note);
}
