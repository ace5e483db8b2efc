using System.Diagnostics;
using System.Globalization;
using CityOps.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.Benchmarks;

/// <summary>
/// Where the floor of a resume lies, measured on the engine's own file and schema right after the engine run:
/// <list type="bullet">
/// <item>EF Core SaveChanges of one 600-byte row (a DbContext per commit, as a step has);</item>
/// <item>raw ADO.NET, one transaction with exactly one step's writes (DELETE bookmark, UPDATE instance with its
/// version check, 5 journal INSERTs, 2 stimulus INSERTs), rows copied in size from a real resumed instance;</item>
/// <item>raw ADO.NET, the whole resume by hand: the engine's 4 SELECTs, then that transaction.</item>
/// </list>
/// All prepared once, one connection, same WAL + synchronous=NORMAL. Each op works on a distinct waiting instance.
/// </summary>
internal static class StepFloor
{
    public static async Task<(Latencies EfOneRow, Latencies RawWrites, Latencies RawResume)> RunAsync(
        ServiceProvider provider, string file, IReadOnlyList<string> waitingKeys, int count, int warmup)
    {
        var efOneRow = await EfOneRowAsync(provider, count, warmup);
        using var connection = new SqliteConnection($"Data Source={file}");
        connection.Open();
        SynchronousNormal.Apply(connection);
        var template = Template.Read(connection);
        var half = waitingKeys.Count / 2;
        var rawWrites = RawSteps(connection, template, waitingKeys.Take(half).ToList(), count, warmup, selects: false, "raw step writes (1 tx)");
        var rawResume = RawSteps(connection, template, waitingKeys.Skip(half).ToList(), count, warmup, selects: true, "raw resume (4 SELECTs + 1 tx)");
        return (efOneRow, rawWrites, rawResume);
    }

    private static async Task<Latencies> EfOneRowAsync(ServiceProvider provider, int count, int warmup)
    {
        var payload = new string('x', 600);
        var latencies = new Latencies(count);
        var cpuBefore = TimeSpan.Zero;
        for (var i = 0; i < warmup + count; i++)
        {
            if (i == warmup)
            {
                cpuBefore = Environment.CpuUsage.TotalTime;
            }

            var t0 = Stopwatch.GetTimestamp();
            await using (var scope = provider.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
                db.Add(new StimulusRecord { IdempotencyKey = "ef-one-" + i.ToString(CultureInfo.InvariantCulture), ResultJson = payload, ProcessedAt = TimeProvider.System.GetUtcNow() });
                await db.SaveChangesAsync();
            }

            if (i >= warmup)
            {
                latencies.Add(Stopwatch.GetTimestamp() - t0);
            }
        }

        latencies.CpuMs = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds / count;
        Console.WriteLine($"EF Core SaveChanges of one row (own scope + context): {latencies.Summary()}");
        return latencies;
    }

    private static Latencies RawSteps(SqliteConnection connection, Template template, List<string> keys, int count, int warmup, bool selects, string label)
    {
        if (keys.Count < count + warmup)
        {
            throw new InvalidOperationException($"{label}: {keys.Count} waiting instances, need {count + warmup}");
        }

        using var findResult = Prepare(connection, """SELECT "IdempotencyKey", "InstanceId", "ProcessedAt", "ResultJson" FROM "WorkflowStimuli" WHERE "IdempotencyKey" = $k LIMIT 1""", "$k");
        using var findBookmarks = Prepare(connection, """SELECT "Id", "ActivityId", "CorrelationHash", "CreatedAt", "InstanceId", "Kind", "Name" FROM "WorkflowBookmarks" WHERE "Name" = $n AND "CorrelationHash" = $h ORDER BY "CreatedAt", "Id" """, "$n", "$h");
        using var findTriggers = Prepare(connection, """SELECT "Id", "ContentHash", "CreatedAt", "DefinitionId", "Description", "IsLatest", "IsPublished", "Json", "Name", "TriggerEventName", "UpdatedAt", "Version" FROM "WorkflowDefinitions" WHERE "IsPublished" AND "TriggerEventName" = $e ORDER BY "DefinitionId" """, "$e");
        using var loadInstance = Prepare(connection, """SELECT "w"."Id", "w"."CorrelationId", "w"."CreatedAt", "w"."DefinitionId", "w"."DefinitionVersion", "w"."FinishedAt", "w"."IncidentCount", "w"."StateJson", "w"."Status", "w"."UpdatedAt", "w"."Version", "d"."Id", "d"."ContentHash" FROM "WorkflowInstances" AS "w" LEFT JOIN "WorkflowDefinitions" AS "d" ON "w"."DefinitionId" = "d"."DefinitionId" AND "w"."DefinitionVersion" = "d"."Version" WHERE "w"."Id" = $id LIMIT 1""", "$id");
        using var deleteBookmark = Prepare(connection, """DELETE FROM "WorkflowBookmarks" WHERE "Id" = $id RETURNING 1""", "$id");
        using var updateInstance = Prepare(connection, """UPDATE "WorkflowInstances" SET "StateJson" = $s, "Status" = $st, "UpdatedAt" = $u, "FinishedAt" = $f, "Version" = $v WHERE "Id" = $id AND "Version" = $old RETURNING 1""", "$s", "$st", "$u", "$f", "$v", "$id", "$old");
        using var insertJournal = Prepare(connection, """INSERT INTO "WorkflowJournal" ("Id", "ActivityId", "ActivityType", "Actor", "EventName", "InstanceId", "Outcomes", "Payload", "Sequence", "Timestamp") VALUES ($id, $a, $t, NULL, $e, $i, $o, $p, $s, $ts)""", "$id", "$a", "$t", "$e", "$i", "$o", "$p", "$s", "$ts");
        using var insertStimulus = Prepare(connection, """INSERT INTO "WorkflowStimuli" ("IdempotencyKey", "InstanceId", "ProcessedAt", "ResultJson") VALUES ($k, $i, $p, $r)""", "$k", "$i", "$p", "$r");

        // Ids of the waits, read before the clock for the writes-only loop (the resume loop reads them itself).
        var waits = new List<(string Key, string Hash, string BookmarkId, string InstanceId, long Version)>();
        using (var read = Prepare(connection, """SELECT b."Id", b."InstanceId", i."Version", b."CorrelationHash" FROM "WorkflowBookmarks" b JOIN "WorkflowInstances" i ON i."Id" = b."InstanceId" WHERE b."Name" = 'go' AND b."CorrelationHash" = $h""", "$h"))
        {
            foreach (var key in keys.Take(count + warmup))
            {
                read.Parameters[0].Value = CorrelationHashOf(key);
                using var r = read.ExecuteReader();
                r.Read();
                waits.Add((key, r.GetString(3), r.GetString(0), r.GetString(1), r.GetInt64(2)));
            }
        }

        var latencies = new Latencies(count);
        var cpuBefore = TimeSpan.Zero;
        var ticks = TimeProvider.System.GetUtcNow().UtcTicks;
        for (var n = 0; n < waits.Count; n++)
        {
            if (n == warmup)
            {
                cpuBefore = Environment.CpuUsage.TotalTime;
            }

            var (key, hash, bookmarkId, instanceId, version) = waits[n];
            var t0 = Stopwatch.GetTimestamp();
            if (selects)
            {
                Drain(findResult, "ev-" + key);
                Drain(findBookmarks, "go", hash);
                Drain(findTriggers, "go");
                Drain(loadInstance, instanceId);
            }

            using (var tx = connection.BeginTransaction())
            {
                Run(tx, deleteBookmark, bookmarkId);
                Run(tx, updateInstance, template.FinishedState, template.FinishedStatus, ticks, ticks, version + 1, instanceId, version);
                for (var j = 0; j < template.Journal.Count; j++)
                {
                    var row = template.Journal[j];
                    Run(tx, insertJournal, Guid.NewGuid().ToString().ToUpperInvariant(), row.ActivityId, row.ActivityType, row.EventName, instanceId, row.Outcomes, row.Payload ?? (object)DBNull.Value, 100 + j, ticks);
                }

                Run(tx, insertStimulus, $"ev-{key}#{instanceId}", instanceId, ticks, "{}");
                Run(tx, insertStimulus, "ev-" + key, DBNull.Value, ticks, template.EventResult);
                tx.Commit();
            }

            if (n >= warmup)
            {
                latencies.Add(Stopwatch.GetTimestamp() - t0);
            }
        }

        latencies.CpuMs = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds / count;
        Console.WriteLine($"{label}: {latencies.Summary()}");
        return latencies;
    }

    private static string CorrelationHashOf(string key) => CityOps.Workflows.Runtime.CorrelationHash.Compute(BenchWorkflow.EventName, key);

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private static void Drain(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            for (var c = 0; c < reader.FieldCount; c++)
            {
                _ = reader.GetValue(c);
            }
        }
    }

    private static void Run(SqliteTransaction tx, SqliteCommand command, params object[] values)
    {
        command.Transaction = tx;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        // DELETE/UPDATE … RETURNING 1 must return a row, as EF's concurrency check requires.
        using var reader = command.ExecuteReader();
        if (command.CommandText.Contains("RETURNING", StringComparison.Ordinal) && !reader.Read())
        {
            throw new InvalidOperationException("row missing: " + command.CommandText);
        }
    }

    /// <summary>Row contents of one real resumed instance: its finished state, its last 5 journal rows, an event result.</summary>
    private sealed record Template(string FinishedState, object FinishedStatus, List<(string ActivityId, string ActivityType, string EventName, string Outcomes, string? Payload)> Journal, string EventResult)
    {
        public static Template Read(SqliteConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = """SELECT "Id", "StateJson", "Status" FROM "WorkflowInstances" WHERE "FinishedAt" IS NOT NULL LIMIT 1""";
            string id, state;
            object status;
            using (var r = command.ExecuteReader())
            {
                r.Read();
                (id, state, status) = (r.GetString(0), r.GetString(1), r.GetValue(2));
            }

            command.CommandText = """SELECT "ActivityId", "ActivityType", "EventName", "Outcomes", "Payload" FROM "WorkflowJournal" WHERE "InstanceId" = $i ORDER BY "Sequence" DESC LIMIT 5""";
            command.Parameters.AddWithValue("$i", id);
            var journal = new List<(string, string, string, string, string?)>();
            using (var r = command.ExecuteReader())
            {
                while (r.Read())
                {
                    journal.Add((r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)));
                }
            }

            command.CommandText = """SELECT "ResultJson" FROM "WorkflowStimuli" WHERE "InstanceId" IS NULL LIMIT 1""";
            var result = (string)command.ExecuteScalar()!;
            return new Template(state, status, journal, result);
        }
    }
}
