using System.Text.Json;
using CityOps.Workflows.Definitions;
using CityOps.Workflows.Expressions;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.Workflows.Runtime;

internal sealed partial class WorkflowStep
{
    private static readonly JsonElement JsonNull = JsonSerializer.SerializeToElement<object?>(null);

    public async ValueTask<JsonElement> EvaluateInputAsync(ActivityDefinition node, string name)
    {
        if (node.Inputs?.GetValueOrDefault(name) is not { } input)
        {
            return JsonNull;
        }

        var expression = input.Expression;
        if (expression.Type == ExpressionDefinition.Literal)
        {
            return expression.Value;
        }

        if (expression.Type != ExpressionDefinition.JavaScript || expression.Value.ValueKind != JsonValueKind.String)
        {
            throw new ExpressionException($"Input '{name}' has unsupported expression type '{expression.Type}'.");
        }

        try
        {
            return await EvaluateScriptAsync(expression.Value.GetString()!, $"{node.Id}:{name}");
        }
        catch (ExpressionException ex)
        {
            throw new ExpressionException($"Input '{name}': {ex.Message}", ex);
        }
    }

    public async ValueTask<JsonElement> EvaluateScriptAsync(string script, string cacheKey)
    {
        var hostGlobals = await HostGlobalsAsync();
        if (MemberPath.Parse(script) is { } path && MemberPath.TryEvaluate(path, ResolveRoot, out var value))
        {
            return value;
        }

        var globals = new Dictionary<string, string>(hostGlobals, StringComparer.Ordinal)
        {
            ["input"] = Json(State.Input),
            ["variables"] = JsonSerializer.Serialize(State.Variables, DefinitionJson.Options),
            ["outcome"] = Json(State.LastOutcome),
            ["event"] = Json(State.LastEvent),
        };
        return _js.Evaluate(script, $"{Graph.CacheKeyPrefix}:{cacheKey}", globals);
    }

    /// <summary>
    /// The engine's own JSON globals for <see cref="MemberPath"/> (they shadow host globals of the same name, as in
    /// the sandbox); host globals and non-object roots are left to Jint.
    /// </summary>
    private bool ResolveRoot(string rootName, string member, out JsonElement value, out bool found)
    {
        value = default;
        found = false;
        switch (rootName)
        {
            case "variables":
                found = State.Variables.TryGetValue(member, out value);
                return !found || value.ValueKind != JsonValueKind.Undefined;
            case "input":
                return Member(State.Input, member, out value, out found);
            case "outcome":
                return Member(State.LastOutcome, member, out value, out found);
            case "event":
                return Member(State.LastEvent, member, out value, out found);
            default:
                return false;
        }

        static bool Member(JsonElement? root, string member, out JsonElement value, out bool found)
        {
            value = default;
            found = false;
            if (root is not { ValueKind: JsonValueKind.Object } obj)
            {
                return false;
            }

            found = obj.TryGetProperty(member, out value);
            return true;
        }
    }

    private static string Json(JsonElement? value) => value is { } v ? v.GetRawText() : "null";

    private async ValueTask<Dictionary<string, string>> HostGlobalsAsync()
    {
        if (_hostGlobals is null)
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            var context = new ExpressionGlobalsContext(Instance.DefinitionId, Instance.Id, Instance.CorrelationId);
            foreach (var provider in Services.GetServices<IExpressionGlobalsProvider>())
            {
                await provider.AddGlobalsAsync(context, values, CancellationToken);
            }

            _hostGlobals = values.ToDictionary(kv => kv.Key, kv => JsonSerializer.Serialize(kv.Value, DefinitionJson.Options), StringComparer.Ordinal);
        }

        return _hostGlobals;
    }
}
