using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CityOps.Workflows.Definitions;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using WorkflowCore.Interface;
using WorkflowCore.Models;
using WcStatus = WorkflowCore.Models.WorkflowStatus;

namespace CityOps.Benchmarks;

/// <summary>
/// Same workflow on both engines, in-memory, in one process: start → wait for "go" → three steps → end. A client
/// starts an instance and raises its event; an instance counts when it is finished.
/// Ours: both calls return after the step committed, so a client's instance is finished when its RaiseEvent returns.
/// WorkflowCore: StartWorkflow/PublishEvent only queue work for its background consumers, so the clock stops when
/// the last step of every instance has run (a counter) AND its persistence reports every instance Complete.
/// </summary>
internal static class EngineVsWorkflowCore
{
    public static async Task RunAsync(BenchOptions options)
    {
        var count = options.Int("instances", 10_000);
        var clients = options.Int("clients", Environment.ProcessorCount);
        var warmup = options.Int("warmup", 200);
        Console.WriteLine($"instances={count} clients={clients} warmup={warmup} (per engine, not measured)");

        var ours = await RunOursAsync(count, clients, warmup);
        if (options.Bool("ours-only"))
        {
            return;
        }

        Collect();
        var theirs = await RunWorkflowCoreAsync(count, clients, warmup, tuned: false);
        Collect();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT ours={ours:0} wf/s workflowcore(defaults)={theirs:0} wf/s ratio={ours / theirs:0.0}x"));
        if (options.Bool("tuned"))
        {
            var tuned = await RunWorkflowCoreAsync(count, clients, warmup, tuned: true);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT workflowcore(tuned IdleTime=1ms)={tuned:0} wf/s ratio={ours / tuned:0.0}x"));
        }
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static async Task<double> RunOursAsync(int count, int clients, int warmup)
    {
        await using var provider = BenchWorkflow.InMemoryEngine();
        await provider.GetRequiredService<IDefinitionService>().EnsureAsync(BenchWorkflow.Definition(), CancellationToken.None);
        var runtime = provider.GetRequiredService<IWorkflowRuntime>();

        async Task<Guid> OneAsync(string key)
        {
            var input = JsonSerializer.SerializeToElement(new { key });
            var started = await runtime.StartAsync(new StartWorkflowRequest(BenchWorkflow.DefinitionId, input), CancellationToken.None);
            var result = await runtime.RaiseEventAsync(new EventStimulus(BenchWorkflow.EventName, key, null, "ev-" + key), CancellationToken.None);
            return result.ResumedInstanceIds.Count == 1 ? started.Id : throw new InvalidOperationException($"event {key} resumed nothing");
        }

        await RunClientsAsync(warmup, clients, i => OneAsync("w" + i.ToString(CultureInfo.InvariantCulture)));
        var ids = new Guid[count];
        var clock = Stopwatch.StartNew();
        await RunClientsAsync(count, clients, async i => ids[i] = await OneAsync("k" + i.ToString(CultureInfo.InvariantCulture)));
        clock.Stop();

        var store = provider.GetRequiredService<IWorkflowStore>();
        foreach (var id in ids)
        {
            if ((await store.GetInstanceAsync(id, CancellationToken.None))?.Status != CityOps.Workflows.Persistence.WorkflowStatus.Finished)
            {
                throw new InvalidOperationException($"instance {id} is not finished");
            }
        }

        var rate = count / clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ours (in-memory store): {count} finished in {clock.Elapsed.TotalMilliseconds:0} ms = {rate:0} workflows/s (all verified Finished)"));
        return rate;
    }

    private static async Task<double> RunWorkflowCoreAsync(int count, int clients, int warmup, bool tuned)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWorkflow(o =>
        {
            if (tuned)
            {
                o.UseIdleTime(TimeSpan.FromMilliseconds(1));
            }
        });
        await using var provider = services.BuildServiceProvider();
        var wfOptions = provider.GetRequiredService<WorkflowOptions>();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"workflowcore options ({(tuned ? "tuned" : "defaults")}): {Describe(wfOptions)}, persistence={provider.GetRequiredService<IPersistenceProvider>().GetType().Name}"));
        var host = provider.GetRequiredService<IWorkflowHost>();
        host.RegisterWorkflow<WcWorkflow, WcData>();
        await host.StartAsync(CancellationToken.None);
        try
        {
            var persistence = provider.GetRequiredService<IPersistenceProvider>();
            async Task<string> OneAsync(string key)
            {
                var id = await host.StartWorkflow(WcWorkflow.Name, 1, new WcData { Key = key });
                await host.PublishEvent(BenchWorkflow.EventName, key, null);
                return id;
            }

            var warmIds = new string[warmup];
            WcWorkflow.Reset(warmup);
            await RunClientsAsync(warmup, clients, async i => warmIds[i] = await OneAsync("w" + i.ToString(CultureInfo.InvariantCulture)));
            await WaitCompleteAsync(persistence, warmIds, TimeSpan.FromMinutes(5));

            var ids = new string[count];
            WcWorkflow.Reset(count);
            var clock = Stopwatch.StartNew();
            await RunClientsAsync(count, clients, async i => ids[i] = await OneAsync("k" + i.ToString(CultureInfo.InvariantCulture)));
            var queued = clock.Elapsed;
            await WcWorkflow.AllDone.Task.WaitAsync(TimeSpan.FromMinutes(20));
            var lastStep = clock.Elapsed;
            await WaitCompleteAsync(persistence, ids, TimeSpan.FromMinutes(5));
            clock.Stop();

            var rate = count / clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"workflowcore ({(tuned ? "tuned" : "defaults")}, default in-memory persistence): {count} Complete in {clock.Elapsed.TotalMilliseconds:0} ms = {rate:0} workflows/s (clients done queuing at {queued.TotalMilliseconds:0} ms, last step ran at {lastStep.TotalMilliseconds:0} ms)"));
            return rate;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    // WorkflowOptions keeps its settings internal; read them to report the values actually in force.
    private static string Describe(WorkflowOptions options) => string.Join(", ", typeof(WorkflowOptions)
        .GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
        .Where(f => f.FieldType == typeof(TimeSpan) || f.FieldType == typeof(int))
        .Select(f => $"{f.Name.Replace("<", "", StringComparison.Ordinal).Replace(">k__BackingField", "", StringComparison.Ordinal)}={f.GetValue(options)}"));

    /// <summary>Polls WorkflowCore's persistence until every instance is Complete.</summary>
    private static async Task WaitCompleteAsync(IPersistenceProvider persistence, string[] ids, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        var pending = ids.ToList();
        while (pending.Count > 0)
        {
            var still = new List<string>();
            foreach (var id in pending)
            {
                if ((await persistence.GetWorkflowInstance(id)).Status != WcStatus.Complete)
                {
                    still.Add(id);
                }
            }

            pending = still;
            if (pending.Count > 0)
            {
                if (deadline.Elapsed > timeout)
                {
                    throw new TimeoutException($"{pending.Count} WorkflowCore instances not Complete after {timeout}");
                }

                await Task.Delay(1);
            }
        }
    }

    private static Task RunClientsAsync(int count, int clients, Func<int, Task> one)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await one(i);
            }
        })));
    }
}

/// <summary>WorkflowCore's data object for the benchmark workflow.</summary>
internal sealed class WcData
{
    public string Key { get; set; } = "";

    public int A { get; set; }

    public int B { get; set; }

    public int C { get; set; }
}

/// <summary>The same workflow in WorkflowCore: start → WaitFor("go", key) → three steps → end (signals a counter).</summary>
internal sealed class WcWorkflow : IWorkflow<WcData>
{
    public const string Name = "bench";

    private static int _remaining;

    public static TaskCompletionSource AllDone { get; private set; } = new();

    public string Id => Name;

    public int Version => 1;

    public static void Reset(int count)
    {
        _remaining = count;
        AllDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Build(IWorkflowBuilder<WcData> builder) => builder
        .StartWith(_ => ExecutionResult.Next())
        .WaitFor(BenchWorkflow.EventName, data => data.Key)
        .Then(context => Set(context, d => d.A = 1))
        .Then(context => Set(context, d => d.B = 2))
        .Then(context => Set(context, d => d.C = 3))
        .Then(_ =>
        {
            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                AllDone.TrySetResult();
            }

            return ExecutionResult.Next();
        });

    private static ExecutionResult Set(IStepExecutionContext context, Action<WcData> change)
    {
        change((WcData)context.Workflow.Data);
        return ExecutionResult.Next();
    }
}
