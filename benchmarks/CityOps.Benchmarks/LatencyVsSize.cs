using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CityOps.Workflows.Definitions;
using CityOps.Workflows.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.Benchmarks;

/// <summary>
/// p99 resume latency against the number of stored instances (SQLite file, WAL, synchronous=NORMAL). Instances are
/// pre-populated by cloning the rows of one instance the real runtime started (instance, bookmark, journal) with
/// fresh ids, keys and hashes, in batched raw INSERTs; the measured resumes go through the runtime and the EF store.
/// </summary>
internal static class LatencyVsSize
{
    public static async Task RunAsync(BenchOptions options)
    {
        var sizes = options.Ints("sizes", 10_000, 100_000);
        var resumes = options.Int("resumes", 2000);
        var results = new List<(int Size, Latencies Latencies)>();
        foreach (var size in sizes)
        {
            var dir = BenchWorkflow.NewTempFolder();
            try
            {
                results.Add((size, await MeasureAsync(Path.Combine(dir, "engine.db"), size, resumes, explain: size == sizes[^1])));
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(dir, recursive: true);
            }
        }

        var first = results[0];
        foreach (var (size, latencies) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT size={size}: {latencies.Summary()}; p99 ratio vs {first.Size}: {latencies.PercentileMs(99) / first.Latencies.PercentileMs(99):0.00}x, p50 ratio {latencies.PercentileMs(50) / first.Latencies.PercentileMs(50):0.00}x"));
        }
    }

    private static async Task<Latencies> MeasureAsync(string file, int size, int resumes, bool explain)
    {
        await using var provider = BenchWorkflow.SqliteEngine($"Data Source={file}");
        await BenchWorkflow.CreateSqliteAsync(provider);
        await provider.GetRequiredService<IDefinitionService>().EnsureAsync(BenchWorkflow.Definition(), CancellationToken.None);
        var runtime = provider.GetRequiredService<IWorkflowRuntime>();
        var template = await runtime.StartAsync(
            new StartWorkflowRequest(BenchWorkflow.DefinitionId, JsonSerializer.SerializeToElement(new { key = "TEMPLATEKEY" })), CancellationToken.None);
        var fill = Stopwatch.StartNew();
        Clone(file, template.Id, size - 1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"size={size}: pre-populated in {fill.Elapsed.TotalSeconds:0.0} s ({new FileInfo(file).Length / 1048576.0:0} MB + WAL)"));

        // Resume instances spread over the whole key space, each once, in a fixed pseudo-random order.
        var random = new Random(42);
        var keys = Enumerable.Range(0, size - 1).OrderBy(_ => random.Next()).Take(resumes).ToList();
        for (var i = 0; i < 100; i++)
        {
            await ResumeAsync(runtime, keys[i]);
        }

        if (explain)
        {
            CommandLog.Instance.Capture = true;
            await ResumeAsync(runtime, keys[100]);
            CommandLog.Instance.Capture = false;
            Explain(file);
        }

        var latencies = new Latencies(resumes);
        foreach (var key in keys.Skip(101))
        {
            var t0 = Stopwatch.GetTimestamp();
            await ResumeAsync(runtime, key);
            latencies.Add(Stopwatch.GetTimestamp() - t0);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"size={size}: resume {latencies.Summary()}"));
        return latencies;
    }

    private static async Task ResumeAsync(IWorkflowRuntime runtime, int key)
    {
        var k = "c" + key.ToString(CultureInfo.InvariantCulture);
        var result = await runtime.RaiseEventAsync(new EventStimulus(BenchWorkflow.EventName, k, null, "ev-" + k), CancellationToken.None);
        if (result.ResumedInstanceIds.Count != 1)
        {
            throw new InvalidOperationException($"event {k} resumed {result.ResumedInstanceIds.Count} instances");
        }
    }

    /// <summary>Copies the template instance's rows <paramref name="copies"/> times with new ids, keys and hashes.</summary>
    private static void Clone(string file, Guid templateId, int copies)
    {
        using var connection = new SqliteConnection($"Data Source={file}");
        connection.Open();
        SynchronousNormal.Apply(connection);
        var instanceId = templateId.ToString("D").ToUpperInvariant();
        var tables = new[] { ("WorkflowInstances", "Id"), ("WorkflowBookmarks", "InstanceId"), ("WorkflowJournal", "InstanceId") };
        var templates = tables.Select(t => (t.Item1, Rows: ReadRows(connection, t.Item1, t.Item2, instanceId))).ToList();
        var bookmarkId = (string)templates[1].Rows.Single()["Id"]!;
        var oldHash = CorrelationHash.Compute(BenchWorkflow.EventName, "TEMPLATEKEY");
        var inserts = templates.Select(t => (t.Rows, Command: InsertCommand(connection, t.Item1, t.Rows[0].Keys.ToList()))).ToList();
        for (var i = 0; i < copies; i++)
        {
            if (i % 20_000 == 0)
            {
                inserts[0].Command.Transaction?.Commit();
                var tx = connection.BeginTransaction();
                inserts.ForEach(x => x.Command.Transaction = tx);
            }

            var key = "c" + i.ToString(CultureInfo.InvariantCulture);
            var map = new (string From, string To)[]
            {
                (instanceId, Guid.NewGuid().ToString("D").ToUpperInvariant()),
                (bookmarkId, Guid.NewGuid().ToString("D").ToUpperInvariant()),
                (oldHash, CorrelationHash.Compute(BenchWorkflow.EventName, key)),
                ("TEMPLATEKEY", key),
            };
            foreach (var (rows, command) in inserts)
            {
                foreach (var row in rows)
                {
                    foreach (var (column, value) in row)
                    {
                        var v = value is string s ? Replace(s, map) : value;
                        if (column == "Id" && rows == inserts[2].Rows)
                        {
                            v = Guid.NewGuid().ToString("D").ToUpperInvariant();
                        }

                        command.Parameters["$" + column].Value = v ?? DBNull.Value;
                    }

                    command.ExecuteNonQuery();
                }
            }
        }

        inserts[0].Command.Transaction?.Commit();
        using var analyze = connection.CreateCommand();
        analyze.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;";
        analyze.ExecuteNonQuery();
    }

    private static string Replace(string value, (string From, string To)[] map)
    {
        foreach (var (from, to) in map)
        {
            value = value.Replace(from, to, StringComparison.Ordinal).Replace(from.ToLowerInvariant(), to.ToLowerInvariant(), StringComparison.Ordinal);
        }

        return value;
    }

    private static List<Dictionary<string, object?>> ReadRows(SqliteConnection connection, string table, string column, string instanceId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"{column}\" = $id";
        command.Parameters.AddWithValue("$id", instanceId);
        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        }

        return rows.Count > 0 ? rows : throw new InvalidOperationException($"template has no rows in {table}");
    }

    private static SqliteCommand InsertCommand(SqliteConnection connection, string table, List<string> columns)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(',', columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(',', columns.Select(c => "$" + c))})";
        columns.ForEach(c => command.Parameters.Add(new SqliteParameter("$" + c, null)));
        return command;
    }

    /// <summary>EXPLAIN QUERY PLAN for every statement one resume sent.</summary>
    private static void Explain(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file}");
        connection.Open();
        Console.WriteLine("query plans of one resume:");
        while (CommandLog.Instance.Captured.TryDequeue(out var captured))
        {
            if (captured.Sql.StartsWith("PRAGMA", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var statement in captured.Sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (statement.StartsWith("SELECT changes()", StringComparison.Ordinal))
                {
                    continue;
                }

                using var command = connection.CreateCommand();
                command.CommandText = "EXPLAIN QUERY PLAN " + statement;
                foreach (var (name, value) in captured.Parameters)
                {
                    if (statement.Contains(name, StringComparison.Ordinal))
                    {
                        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
                    }
                }

                using var reader = command.ExecuteReader();
                var plan = new List<string>();
                while (reader.Read())
                {
                    plan.Add(reader.GetString(3));
                }

                Console.WriteLine($"  {statement.ReplaceLineEndings(" ")[..Math.Min(110, statement.ReplaceLineEndings(" ").Length)]}");
                Console.WriteLine($"    plan: {(plan.Count == 0 ? "(none: plain INSERT)" : string.Join(" | ", plan))}");
            }
        }
    }
}
