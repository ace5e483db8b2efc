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
/// activity + input) plus the source text, so an edited draft never reuses a stale parse.
/// </summary>
internal sealed class JavaScriptEvaluator(IOptions<ExpressionOptions> options)
{
    private readonly ConcurrentDictionary<string, Prepared<Script>> _cache = new(StringComparer.Ordinal);
    private readonly ExpressionOptions _options = options.Value;

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
        var prepared = Prepare(script, cacheKey);
        var engine = new Engine(o => o
            .Strict()
            .TimeoutInterval(_options.Timeout)
            .MaxStatements(_options.MaxStatements)
            .LimitMemory(_options.MemoryLimitBytes)
            .LimitRecursion(_options.RecursionLimit));
        try
        {
            var parser = new Jint.Native.Json.JsonParser(engine);
            foreach (var (name, json) in globalsJson)
            {
                engine.SetValue(name, parser.Parse(json));
            }

            var result = engine.Evaluate(prepared);
            return ToJson(engine, result);
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
