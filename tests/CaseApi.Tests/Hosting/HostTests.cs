using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityOps.CaseApi.Tests.Infrastructure;

namespace CityOps.CaseApi.Tests.Hosting;

public sealed class HostTests : IDisposable
{
    private readonly CityOpsApiFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task Health_FreshSqliteDatabase_ReportsHealthyDatabase()
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.True(File.Exists(Path.Combine(factory.DataFolder, "cityops.db")), "the SQLite file is created in the configured data folder");
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheApiEndpoints()
    {
        var client = factory.CreateClient();

        var doc = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.Equal("CityOps API", doc.GetProperty("info").GetProperty("title").GetString());
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/system/info", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/culture", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApiReference_IsServedWithoutInternet()
    {
        var client = factory.CreateClient();

        var page = await client.GetStringAsync("/api-docs/", TestContext.Current.CancellationToken);
        var script = await client.GetAsync("/api-docs/scalar.js", TestContext.Current.CancellationToken);

        Assert.Contains("scalar.js", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Theory]
    [InlineData("/api/no-such-thing")]
    [InlineData("/definitely/not/a/page")]
    public async Task UnknownRoute_ReturnsProblemDetails(string path)
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Equal(path, problem.GetProperty("instance").GetString());
        Assert.Contains("/api-docs", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SystemInfo_NamesTheDatabaseProvider()
    {
        var client = factory.CreateClient();

        var info = await client.GetFromJsonAsync<JsonElement>("/api/system/info", TestContext.Current.CancellationToken);

        Assert.Equal("Sqlite", info.GetProperty("databaseProvider").GetString());
        Assert.Equal("Healthy", info.GetProperty("health").GetString());
    }
}
