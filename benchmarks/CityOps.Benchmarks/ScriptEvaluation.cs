using System.Diagnostics;
using System.Globalization;
using CityOps.Workflows.Expressions;
using Microsoft.Extensions.Options;

namespace CityOps.Benchmarks;

/// <summary>
/// One script evaluation through the sandbox, the way a step does it (globals as JSON), with a new engine per
/// evaluation versus the pooled engines, alternating in the same run; plus the member-path fast path's script.
/// </summary>
internal static class ScriptEvaluation
{
    public static void Run(BenchOptions options)
    {
        var count = options.Int("evaluations", 20_000);
        var globals = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["input"] = """{"key":"k-1","kind":"permit","amount":1200}""",
            ["variables"] = """{"approved":true,"level":2,"owner":"li"}""",
            ["outcome"] = "null",
            ["event"] = "null",
        };
        string[] scripts = ["input.key", "variables.level > 1 && input.kind === 'permit'", "`${input.kind}-${variables.owner}`"];
        foreach (var script in scripts)
        {
            for (var round = 0; round < 2; round++)
            {
                var fresh = Measure(script, globals, count, pool: false);
                var pooled = Measure(script, globals, count, pool: true);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"RESULT script \"{script}\" round {round}: new engine {fresh:0.0} µs/eval, pooled {pooled:0.0} µs/eval = {fresh / pooled:0.0}x"));
            }
        }
    }

    private static double Measure(string script, Dictionary<string, string> globals, int count, bool pool)
    {
        var js = new JavaScriptEvaluator(Options.Create(new ExpressionOptions())) { UsePool = pool };
        for (var i = 0; i < 500; i++)
        {
            js.Evaluate(script, "bench", globals);
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            js.Evaluate(script, "bench", globals);
        }

        return clock.Elapsed.TotalMicroseconds / count;
    }
}
