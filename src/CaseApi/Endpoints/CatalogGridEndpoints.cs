using System.Globalization;
using CityOps.CaseApi.Identity;
using CityOps.Cases.Catalog;
using CityOps.Cases.Geography;
using Microsoft.AspNetCore.Http.HttpResults;
using NetTopologySuite.Features;

namespace CityOps.CaseApi.Endpoints;

public sealed record AreaRef(string Code, string Name, string Level);

public sealed record LocationView(double Latitude, double Longitude, AreaRef Grid, AreaRef Community, AreaRef Street, AreaRef District);

/// <summary><c>/api/catalog/grids</c>: districts, streets, communities and unit grids as GeoJSON; point → grid.</summary>
internal static class CatalogGridEndpoints
{
    private const string GeoJsonType = "application/geo+json";

    public static RouteGroupBuilder MapCatalogGridEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/catalog/grids").WithTags("Catalog: geography").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/", List).WithName("ListAreas").Produces<FeatureCollection>(contentType: GeoJsonType)
            .WithSummary("Areas as a GeoJSON FeatureCollection (WGS84); filter by level (district | street | community | grid) and parent code.");
        group.MapGet("/locate", Locate).WithName("LocatePoint")
            .WithSummary("The unit grid, community, street and district containing a WGS84 point (lat, lon); 404 outside the city.");
        group.MapGet("/{code}", Get).WithName("GetArea").Produces<Feature>(contentType: GeoJsonType)
            .WithSummary("One area as a GeoJSON Feature.");
        return group;
    }

    internal static Results<JsonHttpResult<FeatureCollection>, ValidationProblem> List(string? level, string? parent, ICityCatalog catalog)
    {
        var grids = catalog.Current.Grids;
        var errors = new Dictionary<string, string[]>();
        var wanted = AreaLevel.Any;
        if (level is not null && (!Enum.TryParse(level, ignoreCase: true, out wanted) || wanted == AreaLevel.Any || !Enum.IsDefined(wanted)))
        {
            errors["level"] = ["Use district, street, community or grid."];
        }

        if (parent is not null && grids.Find(parent) is null)
        {
            errors["parent"] = [$"No area has code '{parent}'."];
        }

        if (errors.Count > 0)
        {
            return CatalogHttp.Invalid(errors);
        }

        var collection = new FeatureCollection();
        foreach (var area in grids.Areas
            .Where(a => wanted == AreaLevel.Any || a.Level == wanted)
            .Where(a => parent is null || a.ParentCode == parent)
            .OrderBy(a => a.Level).ThenBy(a => a.Code, StringComparer.Ordinal))
        {
            collection.Add(Feature(area));
        }

        return TypedResults.Json(collection, CatalogJson.GeoJson, GeoJsonType);
    }

    private static Results<JsonHttpResult<Feature>, ProblemHttpResult> Get(string code, ICityCatalog catalog) =>
        catalog.Current.Grids.Find(code) is { } area
            ? TypedResults.Json(Feature(area), CatalogJson.GeoJson, GeoJsonType)
            : CatalogHttp.NotFound("unknown-area", $"No district, street, community or grid has code '{code}'.");

    private static Results<Ok<LocationView>, ValidationProblem, ProblemHttpResult> Locate(string? lat, string? lon, ICityCatalog catalog)
    {
        var errors = Coordinates(lat, lon, out var latitude, out var longitude);
        if (errors.Count > 0)
        {
            return CatalogHttp.Invalid(errors);
        }

        return catalog.Current.Grids.Locate(latitude, longitude) is { } at
            ? TypedResults.Ok(View(latitude, longitude, at))
            : CatalogHttp.NotFound("outside-the-city", $"({latitude.ToString(CultureInfo.InvariantCulture)}, {longitude.ToString(CultureInfo.InvariantCulture)}) is outside the city: no unit grid contains it.");
    }

    /// <summary>Field errors for a latitude/longitude pair given as query text.</summary>
    public static Dictionary<string, string[]> Coordinates(string? lat, string? lon, out double latitude, out double longitude)
    {
        var errors = new Dictionary<string, string[]>();
        if (!double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out latitude) || latitude is < -90 or > 90)
        {
            errors["lat"] = [lat is null ? "Required: latitude in decimal degrees (WGS84)." : "A latitude in decimal degrees from -90 to 90."];
        }

        if (!double.TryParse(lon, NumberStyles.Float, CultureInfo.InvariantCulture, out longitude) || longitude is < -180 or > 180)
        {
            errors["lon"] = [lon is null ? "Required: longitude in decimal degrees (WGS84)." : "A longitude in decimal degrees from -180 to 180."];
        }

        return errors;
    }

    public static LocationView View(double latitude, double longitude, GridLocation at) =>
        new(latitude, longitude, Ref(at.Grid), Ref(at.Community), Ref(at.Street), Ref(at.District));

    private static AreaRef Ref(AreaUnit a) => new(a.Code, a.Name, CatalogRules.Lower(a.Level));

    private static Feature Feature(AreaUnit area) => new Feature(area.Boundary, new AttributesTable
    {
        { "code", area.Code }, { "name", area.Name }, { "level", CatalogRules.Lower(area.Level) }, { "parent", area.ParentCode },
    });
}
