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
        var globals = new Dictionary<string, string>(await HostGlobalsAsync(), StringComparer.Ordinal)
        {
            ["input"] = Json(State.Input),
            ["variables"] = JsonSerializer.Serialize(State.Variables, DefinitionJson.Options),
            ["outcome"] = Json(State.LastOutcome),
            ["event"] = Json(State.LastEvent),
        };
        return _js.Evaluate(script, $"{Graph.CacheKeyPrefix}:{cacheKey}", globals);
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
