using CityOps.Benchmarks;

var name = args.Length > 0 ? args[0] : "";
var options = BenchOptions.Parse(args.Skip(1));
Console.WriteLine($"# {name} on {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
Console.WriteLine($"# started {TimeProvider.System.GetUtcNow():u}, options: {string.Join(' ', args.Skip(1))}");
switch (name)
{
    case "engine-vs-workflowcore":
        await EngineVsWorkflowCore.RunAsync(options);
        break;
    case "sqlite-steps":
        await SqliteSteps.RunAsync(options);
        break;
    case "script-evaluation":
        ScriptEvaluation.Run(options);
        break;
    case "latency-vs-size":
        await LatencyVsSize.RunAsync(options);
        break;
    case "loops":
        await CaseLoops.RunAsync(options);
        break;
    case "transaction-cost":
        await TransactionCost.RunAsync(options);
        break;
    default:
        Console.WriteLine("usage: dotnet run -c Release --project benchmarks/CityOps.Benchmarks -- <benchmark> [--option value]");
        Console.WriteLine("  engine-vs-workflowcore [--instances 10000] [--clients N] [--tuned true]");
        Console.WriteLine("  sqlite-steps           [--steps 3000] [--warmup 300]");
        Console.WriteLine("  latency-vs-size        [--sizes 10000,100000] [--resumes 2000]");
        Console.WriteLine("  loops                  [--loops 2000] [--clients cores*4] [--warmup N (default: until the JIT is done)] [--sql-trace true] [--data-root DIR] [--alloc-types N] [--repeat N (default 3)]");
        Console.WriteLine("  script-evaluation      [--evaluations 20000]");
        Console.WriteLine("  transaction-cost       [--transactions 5000]");
        return 1;
}

return 0;
