using CityOps.CaseApi.Identity;
using CityOps.Cases.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityOps.CaseApi.Endpoints;

public sealed record CatalogSummary(
    long Revision, int Codes, int LocalCodes, int ConfiguredCodes, int Areas, int Grids, int Departments, int Responsibilities, int RoutingRules,
    IReadOnlyList<int> CalendarYearsWithData, string NationalDirectory);

/// <summary><c>/api/catalog</c>: the revision and size of the reference data, and every catalog resource's routes.</summary>
internal static class CatalogEndpoints
{
    public static void MapCatalogEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/catalog", Summary).WithTags("Catalog").RequireAuthorization(Policies.SignedIn).WithName("GetCatalogSummary")
            .WithSummary("Catalog revision (moves on every edit) and how many codes, areas, departments, rules and calendar years are on record.");
        app.MapCatalogTaxonomyEndpoints();
        app.MapCatalogGridEndpoints();
        app.MapCatalogAreaEditEndpoints();
        app.MapCatalogDepartmentEndpoints();
        app.MapCatalogResponsibilityEndpoints();
        app.MapCatalogPeopleEndpoints();
        app.MapCatalogRoutingEndpoints();
        app.MapCalendarEndpoints();
    }

    private static Ok<CatalogSummary> Summary(DbCityCatalog catalog)
    {
        var (revision, city) = catalog.Revised;
        var entries = city.Taxonomy.Data.Entries;
        return TypedResults.Ok(new CatalogSummary(
            revision, entries.Count, entries.Count(e => e.Origin == Cases.Taxonomy.TaxonomyOrigin.LocalExtension), city.Taxonomy.Data.LocalConfigs.Count,
            city.Grids.Areas.Count, city.Grids.Areas.Count(a => a.Level == Cases.Geography.AreaLevel.Grid),
            city.Organisation.Data.Departments.Count, city.Organisation.Data.Responsibilities.Count, city.Routing.Table.Rules.Count,
            city.Calendar.YearsWithData,
            "GB/T 47678.5 codes, their English names and the legacy GB/T 30428.2 mapping are read from definitions/taxonomy (a published standard, not edited here)."));
    }
}
