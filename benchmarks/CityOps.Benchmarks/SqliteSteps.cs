using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CityOps.Workflows.Definitions;
using CityOps.Workflows.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.Benchmarks;

/// <summary>
/// Resume-and-commit steps on a SQLite file (WAL, synchronous=NORMAL) through the real runtime and the EF store:
/// each measured step raises the event that resumes one waiting instance (wait → three steps → end, one step
/// commit). Next to it, in the same run, folder and settings: a raw single-row INSERT + commit loop.
/// </summary>
internal static class SqliteSteps
{
    public static async Task RunAsync(BenchOptions options)
    {
        var steps = options.Int("steps", 3000);
        var warmup = options.Int("warmup", 300);
        var dir = BenchWorkflow.NewTempFolder();
        Console.WriteLine($"folder {dir} steps={steps} warmup={warmup}");
        try
        {
            var (engine, floor) = await EngineStepsAsync(Path.Combine(dir, "engine.db"), steps, warmup, options.Bool("show-sql"));
            var raw = RawCommits(Path.Combine(dir, "raw.db"), steps, warmup);
            foreach (var (name, l) in new[] { ("EF SaveChanges(1 row)", floor.EfOneRow), ("raw step writes", floor.RawWrites), ("raw resume", floor.RawResume) })
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"FLOOR {name}: p50 {l.PercentileMs(50):0.000} ms = {l.PercentileMs(50) / raw.PercentileMs(50):0.0}x raw INSERT, mean {l.MeanMs():0.000} ms = {l.MeanMs() / raw.MeanMs():0.0}x, CPU {l.CpuMs:0.000} ms/op; engine resume p50 = {engine.PercentileMs(50) / l.PercentileMs(50):0.0}x this"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT engine {1000 / engine.MeanMs():0} steps/s ({engine.Summary()}); raw {1000 / raw.MeanMs():0} commits/s ({raw.Summary()}); ratio step/raw: mean {engine.MeanMs() / raw.MeanMs():0.0}x, p50 {engine.PercentileMs(50) / raw.PercentileMs(50):0.0}x, p99 {engine.PercentileMs(99) / raw.PercentileMs(99):0.0}x, process CPU per op {engine.CpuMs / raw.CpuMs:0.0}x"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(Latencies Engine, (Latencies EfOneRow, Latencies RawWrites, Latencies RawResume) Floor)> EngineStepsAsync(string file, int steps, int warmup, bool showSql)
    {
        await using var provider = BenchWorkflow.SqliteEngine($"Data Source={file}");
        await BenchWorkflow.CreateSqliteAsync(provider);
        await provider.GetRequiredService<IDefinitionService>().EnsureAsync(BenchWorkflow.Definition(), CancellationToken.None);
        var runtime = provider.GetRequiredService<IWorkflowRuntime>();
        // Instances [0, steps + warmup] for the engine; the next 2 × (steps + warmup) stay waiting for the floor loops.
        var floorKeys = Enumerable.Range(steps + warmup + 1, 2 * (steps + warmup)).Select(Key).ToList();
        for (var i = 0; i < steps + warmup + 1 + floorKeys.Count; i++)
        {
            var input = JsonSerializer.SerializeToElement(new { key = Key(i) });
            await runtime.StartAsync(new StartWorkflowRequest(BenchWorkflow.DefinitionId, input), CancellationToken.None);
        }

        for (var i = 0; i < warmup; i++)
        {
            await ResumeAsync(runtime, i);
        }

        var latencies = new Latencies(steps);
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var commandsBefore = CommandLog.Instance.Commands;
        var (opensBefore, pragmasBefore) = (SynchronousNormal.Instance.Opens, SynchronousNormal.Instance.Pragmas);
        for (var i = warmup; i < warmup + steps; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            await ResumeAsync(runtime, i);
            latencies.Add(Stopwatch.GetTimestamp() - t0);
        }

        latencies.CpuMs = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds / steps;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"engine resume+commit: {latencies.Summary()}, {(CommandLog.Instance.Commands - commandsBefore) / (double)steps:0.0} SQL commands per resume (EF), {(SynchronousNormal.Instance.Opens - opensBefore) / (double)steps:0.00} connection opens and {(SynchronousNormal.Instance.Pragmas - pragmasBefore) / (double)steps:0.00} PRAGMA synchronous per resume"));
        if (showSql)
        {
            CommandLog.Instance.Capture = true;
            await ResumeAsync(runtime, warmup + steps);
            CommandLog.Instance.Capture = false;
            Console.WriteLine("SQL of one resume:");
            while (CommandLog.Instance.Captured.TryDequeue(out var command))
            {
                Console.WriteLine("  " + command.Sql.ReplaceLineEndings(" "));
            }
        }

        var floor = await StepFloor.RunAsync(provider, file, floorKeys, steps, warmup);
        await using (var scope = provider.CreateAsyncScope())
        {
            Console.WriteLine($"PRAGMA synchronous on a pooled connection after the run: {await SynchronousNormal.ReadAsync(scope.ServiceProvider.GetRequiredService<BenchDbContext>())} (1 = NORMAL)");
        }

        return (latencies, floor);
    }

    private static string Key(int i) => "k" + i.ToString(CultureInfo.InvariantCulture);

    private static async Task ResumeAsync(IWorkflowRuntime runtime, int i)
    {
        var result = await runtime.RaiseEventAsync(new EventStimulus(BenchWorkflow.EventName, Key(i), null, "ev-" + Key(i)), CancellationToken.None);
        if (result.ResumedInstanceIds.Count != 1)
        {
            throw new InvalidOperationException($"event {i} resumed {result.ResumedInstanceIds.Count} instances");
        }
    }

    /// <summary>The physical floor: one row INSERT in its own transaction, same journal mode and synchronous.</summary>
    internal static Latencies RawCommits(string file, int count, int warmup)
    {
        using var connection = new SqliteConnection($"Data Source={file}");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE raw (id INTEGER PRIMARY KEY, payload TEXT NOT NULL);";
            setup.ExecuteNonQuery();
        }

        SynchronousNormal.Apply(connection);
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO raw (payload) VALUES ($p)";
        var payload = insert.Parameters.Add("$p", SqliteType.Text);
        insert.Prepare();
        var text = new string('x', 600);
        var latencies = new Latencies(count);
        var cpuBefore = TimeSpan.Zero;
        for (var i = 0; i < warmup + count; i++)
        {
            if (i == warmup)
            {
                cpuBefore = Environment.CpuUsage.TotalTime;
            }

            var t0 = Stopwatch.GetTimestamp();
            using (var tx = connection.BeginTransaction())
            {
                insert.Transaction = tx;
                payload.Value = text;
                insert.ExecuteNonQuery();
                tx.Commit();
            }

            if (i >= warmup)
            {
                latencies.Add(Stopwatch.GetTimestamp() - t0);
            }
        }

        latencies.CpuMs = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds / count;
        Console.WriteLine($"raw INSERT+commit: {latencies.Summary()}");
        return latencies;
    }
}
