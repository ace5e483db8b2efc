using System.Security.Claims;
using System.Text.Json;
using CityOps.CaseApi.Identity;
using CityOps.Cases.Catalog;
using CityOps.Cases.Persistence.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;
using NetTopologySuite.Geometries;

namespace CityOps.CaseApi.Endpoints;

/// <summary>A new name and/or boundary (a GeoJSON Polygon or MultiPolygon in WGS84) for an area.</summary>
public sealed record AreaEditRequest(string? Name, JsonElement? Geometry);

/// <summary><c>PUT /api/catalog/grids/{code}</c>: administrators redraw or rename a district, street, community or grid.</summary>
internal static class CatalogAreaEditEndpoints
{
    public static void MapCatalogAreaEditEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/catalog/grids").WithTags("Catalog: geography").WithCatalogConflicts()
            .MapPut("/{code}", Update).RequireAuthorization(Policies.Administer).Accepts<AreaEditRequest>("application/json")
            .WithName("UpdateArea")
            .WithSummary("Rename an area or redraw its boundary (valid Polygon/MultiPolygon, WGS84); point lookups use the new shape at once.");

    private static async Task<Results<Ok<AreaRef>, ValidationProblem, ProblemHttpResult>> Update(
        string code, Body<AreaEditRequest> body, CatalogEditor editor, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (body.Value is not { } request)
        {
            return CatalogHttp.Invalid(body.Errors);
        }

        await editor.BeginAsync(cancellationToken);
        var row = await editor.Db.Set<AreaRecord>().FindAsync([code], cancellationToken);
        if (row is null)
        {
            return CatalogHttp.NotFound("unknown-area", $"No district, street, community or grid has code '{code}'.");
        }

        var errors = new Dictionary<string, string[]>();
        if (request.Name is { } name && (string.IsNullOrWhiteSpace(name) || name.Length > 100))
        {
            errors["name"] = ["1 to 100 characters."];
        }

        Geometry? boundary = null;
        if (request.Geometry is { } json)
        {
            boundary = ReadBoundary(json, out var problem);
            if (problem is not null)
            {
                errors["geometry"] = [problem];
            }
        }

        if (request.Name is null && request.Geometry is null)
        {
            errors["body"] = ["Give a name, a geometry or both."];
        }

        if (errors.Count > 0)
        {
            return CatalogHttp.Invalid(errors);
        }

        row.Name = request.Name?.Trim() ?? row.Name;
        row.Geometry = boundary is null ? row.Geometry : CatalogJson.WriteGeometry(boundary);
        await editor.CommitAsync(user.UserNameOf(), cancellationToken);
        return TypedResults.Ok(new AreaRef(row.Code, row.Name, row.Level.ToString().ToLowerInvariant()));
    }

    // A boundary the point index can trust: a polygon that does not cross itself, with WGS84 coordinates.
    private static Geometry? ReadBoundary(JsonElement json, out string? problem)
    {
        Geometry? geometry;
        try
        {
            geometry = CatalogJson.ReadGeometry(json.GetRawText());
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or ArgumentException or FormatException)
        {
            problem = $"Not a GeoJSON geometry: {ex.Message}";
            return null;
        }

        problem = geometry switch
        {
            not (Polygon or MultiPolygon) => $"Must be a Polygon or MultiPolygon, not {geometry.GeometryType}.",
            { IsEmpty: true } => "The polygon is empty.",
            { IsValid: false } => "The polygon is not valid (it crosses itself or its rings are not closed).",
            _ when geometry.Coordinates.Any(c => c.X is < -180 or > 180 || c.Y is < -90 or > 90) => "Coordinates must be WGS84 longitude, latitude.",
            { Area: <= 0 } => "The polygon has no area.",
            _ => null,
        };
        return problem is null ? geometry : null;
    }
}
