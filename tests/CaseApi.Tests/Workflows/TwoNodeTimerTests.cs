using CityOps.CaseApi.Tests.Infrastructure;
using CityOps.Testing;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using static CityOps.CaseApi.Tests.Workflows.WorkflowApi;

namespace CityOps.CaseApi.Tests.Workflows;

/// <summary>Two CityOps nodes on one PostgreSQL database: Quartz runs clustered and every timer fires once.</summary>
public sealed class TwoNodeTimerTests
{
    [Fact]
    public async Task TwoNodesSharingPostgreSql_FireEachTimerExactlyOnce()
    {
        var cs = await PostgresTestServer.CreateDatabaseAsync("cityops_2nodes", Ct);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero));
        Dictionary<string, string?> Node() => new()
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = cs,
            ["Workflows:TimerSweep:IntervalSeconds"] = "1",
        };

        await using var nodeA = new CityOpsApiFactory { Time = clock, Settings = Node() };
        var adminA = await nodeA.CreateApiClientAsync("admin");
        await using var nodeB = new CityOpsApiFactory { Time = clock, Settings = Node() };
        var adminB = await nodeB.CreateApiClientAsync("admin");
        await PublishAsync(adminA, "api-timer");
        var ids = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await StartAsync(i % 2 == 0 ? adminA : adminB, "api-timer"));
        }

        clock.Advance(TimeSpan.FromHours(2));
        foreach (var id in ids)
        {
            Assert.Equal("Finished", await WaitForStatusAsync(adminB, id, "Finished", TimeSpan.FromSeconds(30)));
        }

        foreach (var id in ids)
        {
            var journal = (await InstanceAsync(adminA, id)).GetProperty("journal").EnumerateArray();
            Assert.Equal(1, journal.Count(j => j.GetProperty("activityId").GetString() == "fired"));
        }

        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(Ct);
        await using var cmd = new NpgsqlCommand("SELECT count(DISTINCT instance_name) FROM qrtz_scheduler_state", conn);
        Assert.Equal(2L, (long)(await cmd.ExecuteScalarAsync(Ct))!); // both nodes checked in to the same Quartz cluster
    }
}
