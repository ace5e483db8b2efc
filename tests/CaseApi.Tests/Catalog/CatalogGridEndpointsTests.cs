using System.Net;
using CityOps.CaseApi.Tests.Infrastructure;

namespace CityOps.CaseApi.Tests.Catalog;

public sealed class CatalogGridEndpointsTests : IDisposable
{
    private readonly CityOpsApiFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task List_GridsOfACommunity_IsAGeoJsonFeatureCollection()
    {
        var client = await factory.CreateApiClientAsync("inspector");

        var response = await client.GetAsync("/api/catalog/grids?level=grid&parent=330196001002", CatalogHttpExtensions.Ct);
        var collection = await response.JsonAsync(HttpStatusCode.OK);

        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("FeatureCollection", collection.Str("type"));
        var features = collection.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(3, features.Count);
        Assert.Equal("Polygon", features[0].GetProperty("geometry").Str("type"));
        Assert.Equal("330196001002001", features[0].GetProperty("properties").Str("code"));
        Assert.Equal("grid", features[0].GetProperty("properties").Str("level"));
    }

    [Fact]
    public async Task Locate_InsideTheCity_GivesGridCommunityStreetAndDistrict()
    {
        var client = await factory.CreateApiClientAsync("inspector");

        var at = await client.GetJsonAsync("/api/catalog/grids/locate?lat=30.2722&lon=120.1515");

        Assert.Equal("330196001002002", at.GetProperty("grid").Str("code"));
        Assert.Equal("柳岸社区", at.GetProperty("community").Str("name"));
        Assert.Equal("330196001", at.GetProperty("street").Str("code"));
        Assert.Equal("330196", at.GetProperty("district").Str("code"));
    }

    [Fact]
    public async Task Locate_OutsideTheCity_Is404SayingSo()
    {
        var client = await factory.CreateApiClientAsync("inspector");

        var problem = await client.GetJsonAsync("/api/catalog/grids/locate?lat=39.9&lon=116.4", HttpStatusCode.NotFound);

        Assert.Contains("outside the city", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedInput_Is400WithFieldErrors()
    {
        var client = await factory.CreateApiClientAsync("inspector");

        var locate = await (await client.GetAsync("/api/catalog/grids/locate?lat=north&lon=200", CatalogHttpExtensions.Ct)).FieldErrorsAsync();
        var list = await (await client.GetAsync("/api/catalog/grids?level=county&parent=123", CatalogHttpExtensions.Ct)).FieldErrorsAsync();

        Assert.Equal(["lat", "lon"], locate.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["level", "parent"], list.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Locate_WithoutCredentials_Is401()
    {
        var response = await factory.CreateClient().GetAsync("/api/catalog/grids/locate?lat=30.2722&lon=120.1515", CatalogHttpExtensions.Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
