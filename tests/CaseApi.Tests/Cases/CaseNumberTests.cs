using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityOps.Testing;

namespace CityOps.CaseApi.Tests.Cases;

/// <summary>
/// Case numbers come from an atomic increment of the day's counter in its own short transaction, so simultaneous reports
/// never conflict on the counter (they used to, and lost all engine retries with 409).
/// </summary>
public sealed class CaseNumberTests : IDisposable
{
    private readonly CaseApp app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public Task TwentySimultaneousReports_AllSucceed_WithUniqueNumbersOfTheDay() => TwentySimultaneousReportsAsync(app);

    [Fact]
    public async Task OnPostgreSql_TwentySimultaneousReports_AllSucceed_AndAWholeLoopRuns()
    {
        var cs = await PostgresTestServer.CreateDatabaseAsync("cityops_cases", CaseApp.Ct);
        using var pg = new CaseApp(settings: new Dictionary<string, string?> { ["Database:Provider"] = "PostgreSql", ["Database:ConnectionString"] = cs });

        var numbers = await TwentySimultaneousReportsAsync(pg);
        var found = (await (await pg.As("leader")).GetFromJsonAsync<JsonElement>($"/api/cases?skip=0&take=50", CaseApp.Ct)).GetProperty("items")[0];
        var id = found.GetProperty("id").GetString()!;
        await pg.DoAsync("acceptor", id, "Register");
        var registered = await pg.CaseAsync(id);
        await pg.DoAsync("water", id, "Accept");
        await pg.DoAsync("water", id, "Handled", comment: "已更换井盖", photo: true);
        await pg.DoAsync("inspector", id, "Pass", photo: true);
        await pg.DoAsync("leader", id, "Close");
        var closed = await pg.CaseAsync(id);

        Assert.Equal(20, numbers.Length);
        Assert.Equal("CITY-WATER", registered.GetProperty("leadDepartment").GetString()); // routed by R-009 on PostgreSQL too
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        Assert.Equal(7, (await pg.TimelineAsync(id)).Length);
    }

    private static async Task<string[]> TwentySimultaneousReportsAsync(CaseApp app)
    {
        var inspector = await app.As("inspector");
        using var start = new SemaphoreSlim(0);
        var reports = Enumerable.Range(0, 20).Select(async _ =>
        {
            await start.WaitAsync(CaseApp.Ct);
            var response = await inspector.PostAsJsonAsync("/api/cases", CaseApp.Report(), CaseApp.Ct);
            var body = await response.Content.ReadAsStringAsync(CaseApp.Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {body}");
            return JsonDocument.Parse(body).RootElement.GetProperty("case").GetProperty("number").GetString()!;
        }).ToList();
        start.Release(20);

        var numbers = await Task.WhenAll(reports);

        Assert.Equal(20, numbers.Distinct(StringComparer.Ordinal).Count());
        Assert.All(numbers, n => Assert.Matches("^20261201[0-9]{6}$", n));
        var sequence = numbers.Select(n => int.Parse(n[8..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 20), sequence); // no step failed here, so no gaps either
        return numbers;
    }
}
