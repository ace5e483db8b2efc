using System.Net.Http.Json;
using System.Text.Json;
using CityOps.CaseApi.Tests.Infrastructure;

namespace CityOps.CaseApi.Tests.Hosting;

/// <summary>
/// A node started as its own process (nothing else has touched SQLite in it) reports on <c>/health</c> that SQLite
/// keeps no memory statistics and that its statement cache serves repeated statements.
/// </summary>
public sealed class SqliteHealthTests
{
    [Fact]
    public async Task Health_ShowsSqliteWithoutMemoryStatistics_AndTheStatementCacheAtWork()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var node = await ExternalNode.StartAsync(new Dictionary<string, string>(), ct);
        using var http = node.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            (await http.GetAsync("/health", ct)).EnsureSuccessStatusCode();
        }

        var sqlite = (await http.GetFromJsonAsync<JsonElement>("/health", ct)).GetProperty("checks").GetProperty("sqlite");
        var data = sqlite.GetProperty("data");

        Assert.Equal("Healthy", sqlite.GetProperty("status").GetString());
        Assert.StartsWith("3.", data.GetProperty("version").GetString(), StringComparison.Ordinal);
        Assert.Equal("off", data.GetProperty("memoryStatistics").GetString());
        Assert.Equal(128, data.GetProperty("statementCacheCapacity").GetInt32());
        Assert.True(data.GetProperty("statementCacheHits").GetInt64() > 0, data.ToString());
    }
}
