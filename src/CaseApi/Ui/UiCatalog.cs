using System.Text.Json;
using CityOps.CaseApi.Endpoints;
using CityOps.Cases.Catalog;
using CityOps.Cases.Taxonomy;
using CityOps.Designer.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityOps.CaseApi.Ui;

/// <summary>Grids, departments and codes for the operations pages, from the catalog endpoints' handlers.</summary>
internal sealed class UiCatalog(ICityCatalog catalog) : IOpsCatalog
{
    public Task<string> GridsGeoJsonAsync(CancellationToken cancellationToken)
    {
        var result = CatalogGridEndpoints.List("grid", parent: null, catalog).Result;
        var json = result is JsonHttpResult<NetTopologySuite.Features.FeatureCollection> ok
            ? JsonSerializer.Serialize(ok.Value, CatalogJson.GeoJson)
            : """{"type":"FeatureCollection","features":[]}""";
        return Task.FromResult(json);
    }

    public Task<IReadOnlyList<OpsDepartment>> DepartmentsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(UiHandlers.Read<IReadOnlyList<OpsDepartment>>(CatalogDepartmentEndpoints.List(null, null, catalog)).Value ?? []);

    public Task<IReadOnlyList<OpsCode>> CodesAsync(CancellationToken cancellationToken)
    {
        var taxonomy = catalog.Current.Taxonomy;
        IReadOnlyList<OpsCode> codes = [.. new[] { CaseKind.Matter, CaseKind.Component }
            .SelectMany(taxonomy.ByKind)
            .Select(e => new OpsCode(e.Kind.ToString().ToLowerInvariant(), e.Code, e.NameZh, e.NameEn))];
        return Task.FromResult(codes);
    }
}
