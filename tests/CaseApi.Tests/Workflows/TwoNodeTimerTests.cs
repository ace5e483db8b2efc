using System.Net.Http.Headers;
using System.Net.Http.Json;
using CityOps.CaseApi.Tests.Infrastructure;
using CityOps.Testing;
using Npgsql;
using static CityOps.CaseApi.Tests.Workflows.WorkflowApi;

namespace CityOps.CaseApi.Tests.Workflows;

/// <summary>
/// Two CityOps nodes — one in this process, one in its own process — on one PostgreSQL database: Quartz runs
/// clustered on the shared database and every timer fires exactly once.
/// </summary>
public sealed class TwoNodeTimerTests
{
    [Fact]
    public async Task TwoNodesSharingPostgreSql_FireEachTimerExactlyOnce()
    {
        var cs = await PostgresTestServer.CreateDatabaseAsync("cityops_2nodes", Ct);
        var shared = new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = cs,
            ["Workflows:TimerSweep:IntervalSeconds"] = "1",
            ["Workflows:TimerSweep:SchedulerName"] = "CityOps",
        };

        await using var nodeA = new CityOpsApiFactory { Settings = shared.ToDictionary(kv => kv.Key, kv => (string?)kv.Value) };
        var adminA = await nodeA.CreateApiClientAsync("admin");
        await using var nodeB = await ExternalNode.StartAsync(shared, Ct);
        var adminB = nodeB.CreateClient();
        var token = await (await adminB.PostAsJsonAsync("/api/auth/token", new { userName = "admin", password = SignIn.DemoPassword }, Ct)).ReadAsync();
        adminB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());

        await PublishAsync(adminA, "api-short-timer");
        var ids = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await StartAsync(i % 2 == 0 ? adminA : adminB, "api-short-timer"));
        }

        foreach (var id in ids)
        {
            Assert.Equal("Finished", await WaitForStatusAsync(adminB, id, "Finished", TimeSpan.FromSeconds(60)));
        }

        foreach (var id in ids)
        {
            var journal = (await InstanceAsync(adminA, id)).GetProperty("journal").EnumerateArray();
            Assert.Equal(1, journal.Count(j => j.GetProperty("activityId").GetString() == "fired"));
        }

        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(Ct);
        await using var cmd = new NpgsqlCommand("SELECT count(DISTINCT instance_name) FROM qrtz_scheduler_state WHERE sched_name = 'CityOps'", conn);
        Assert.Equal(2L, (long)(await cmd.ExecuteScalarAsync(Ct))!); // both nodes checked in to one Quartz cluster
    }
}
