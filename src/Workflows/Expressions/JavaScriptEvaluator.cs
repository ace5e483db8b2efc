using System.Collections.Concurrent;
using System.Text.Json;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Microsoft.Extensions.Options;

namespace CityOps.Workflows.Expressions;

/// <summary>
/// Evaluates JavaScript in a Jint sandbox: no CLR access, strict mode, time/statement/memory/recursion limits.
/// Globals cross the boundary as JSON only. Parsed scripts are cached by a caller-provided key (definition version +
/// activity + input) plus the source text, so an edited draft never reuses a stale parse. A script that is a
/// read-only expression (no calls, assignments, declarations or functions: it cannot change the realm) runs on a
/// pooled engine whose globals are removed after use; every other script gets a new engine, as before. Limits are
/// reset by Jint at the start of each evaluation, so a reused engine enforces them per evaluation.
/// </summary>
internal sealed class JavaScriptEvaluator(IOptions<ExpressionOptions> options)
{
    // Engines are kept for reuse only after read-only expressions (see ReadOnlyExpression): a bounded bag per
    // evaluator, so its options (limits) always match the engine's.
    private const int MaxPooled = 16;

    private readonly ConcurrentDictionary<string, Prepared<Script>> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Engine> _pool = [];
    private readonly ExpressionOptions _options = options.Value;
    private int _enginesCreated;

    /// <summary>The parse error message, or <c>null</c> when the script parses.</summary>
    public static string? FindSyntaxError(string script)
    {
        try
        {
            Engine.PrepareScript(script, strict: true);
            return null;
        }
        catch (Exception ex) when (ex is ScriptPreparationException or Acornima.ParseErrorException or JavaScriptException)
        {
            return ex.Message;
        }
    }

    public JsonElement Evaluate(string script, string cacheKey, IReadOnlyDictionary<string, string> globalsJson)
    {
        ArgumentNullException.ThrowIfNull(globalsJson);
        var prepared = Prepare(script, cacheKey);
        var pooled = UsePool && ReadOnlyExpression.IsReadOnly(prepared.Program);
        var engine = pooled && _pool.TryTake(out var reused) && TrySetGlobals(reused, globalsJson) ? reused : null;
        var clean = false;
        try
        {
            if (engine is null)
            {
                engine = NewEngine();
                SetGlobals(engine, globalsJson);
            }

            var result = ToJson(engine, engine.Evaluate(prepared));
            clean = pooled && RemoveGlobals(engine, globalsJson.Keys);
            return result;
        }
        catch (TimeoutException)
        {
            throw new ExpressionException($"Script exceeded the {_options.Timeout.TotalMilliseconds:0} ms time limit.");
        }
        catch (StatementsCountOverflowException)
        {
            throw new ExpressionException($"Script exceeded the {_options.MaxStatements} statement limit.");
        }
        catch (MemoryLimitExceededException)
        {
            throw new ExpressionException($"Script exceeded the {_options.MemoryLimitBytes} byte memory limit.");
        }
        catch (RecursionDepthOverflowException)
        {
            throw new ExpressionException($"Script exceeded the call depth limit of {_options.RecursionLimit}.");
        }
        catch (JavaScriptException ex)
        {
            throw new ExpressionException($"Script threw: {ex.Message}", ex);
        }
        finally
        {
            // Only an engine that ran a read-only expression to its end, with its globals removed again, goes back;
            // anything else (a script that can write, any error) is dropped with its state.
            if (clean && _pool.Count < MaxPooled)
            {
                _pool.Add(engine!);
            }
        }
    }

    /// <summary>Engines created so far (tests check reuse with it).</summary>
    internal int EnginesCreated => _enginesCreated;

    /// <summary>False: a new engine for every evaluation, as before pooling (benchmarks compare both).</summary>
    internal bool UsePool { get; set; } = true;

    // The memory limit is checked between statements, so one statement can still allocate a large array; cap arrays
    // outright (workflow scripts compute small values from inputs, never bulk data).
    private const uint MaxArrayLength = 100_000;

    private Engine NewEngine()
    {
        Interlocked.Increment(ref _enginesCreated);
        return new Engine(o => o
            .Strict()
            .TimeoutInterval(_options.Timeout)
            .MaxStatements(_options.MaxStatements)
            .LimitMemory(_options.MemoryLimitBytes)
            .LimitRecursion(_options.RecursionLimit)
            .MaxArraySize(MaxArrayLength));
    }

    private static void SetGlobals(Engine engine, IReadOnlyDictionary<string, string> globalsJson)
    {
        var parser = new Jint.Native.Json.JsonParser(engine);
        foreach (var (name, json) in globalsJson)
        {
            engine.SetValue(name, parser.Parse(json));
        }
    }

    // A reused engine still holds the previous evaluation's deadline and budgets, which Jint's JSON parser checks:
    // rewind them first. Should parsing the globals then hit a limit (which a new engine, whose limits only start
    // with the script, would not), the engine is dropped and the caller starts a new one: results never differ.
    private static bool TrySetGlobals(Engine engine, IReadOnlyDictionary<string, string> globalsJson)
    {
        try
        {
            engine.Constraints.Reset();
            SetGlobals(engine, globalsJson);
            return true;
        }
        catch (Exception ex) when (ex is TimeoutException or StatementsCountOverflowException or MemoryLimitExceededException or RecursionDepthOverflowException)
        {
            return false;
        }
    }

    // Deletes the globals this evaluation defined, so the next one sees only the built-ins (an identifier it does
    // not get is a ReferenceError again, not a leftover value); false if any of them could not be removed.
    private static bool RemoveGlobals(Engine engine, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (!engine.Global.Delete(name) || engine.Global.HasOwnProperty(name))
            {
                return false;
            }
        }

        return true;
    }

    private Prepared<Script> Prepare(string script, string cacheKey) =>
        _cache.GetOrAdd(cacheKey + "\n" + script, static (_, source) =>
        {
            try
            {
                return Engine.PrepareScript(source, strict: true);
            }
            catch (Exception ex) when (ex is ScriptPreparationException or Acornima.ParseErrorException or JavaScriptException)
            {
                throw new ExpressionException($"Script does not parse: {ex.Message}", ex);
            }
        }, script);

    private static JsonElement ToJson(Engine engine, JsValue value)
    {
        if (value.IsUndefined())
        {
            return JsonSerializer.SerializeToElement<object?>(null);
        }

        var text = new Jint.Native.Json.JsonSerializer(engine).Serialize(value);
        return text.IsString()
            ? JsonDocument.Parse(text.AsString()).RootElement.Clone()
            : JsonSerializer.SerializeToElement<object?>(null);
    }
}
