using System.Text.Json;
using CityOps.Workflows.Activities;

namespace CityOps.Workflows.Definitions;

/// <summary>The outcome ports an activity node has: its descriptor's static ones plus those from a literal list input.</summary>
internal static class ActivityPorts
{
    public static IReadOnlyList<string> For(ActivityDefinition activity, ActivityDescriptor descriptor)
    {
        var ports = new List<string>(descriptor.Outcomes);
        if (descriptor.DynamicOutcomesInput is { } inputName
            && activity.Inputs?.GetValueOrDefault(inputName) is { Expression: { Type: ExpressionDefinition.Literal, Value.ValueKind: JsonValueKind.Array } expr })
        {
            foreach (var item in expr.Value.EnumerateArray())
            {
                var name = item.ValueKind switch
                {
                    JsonValueKind.String => item.GetString(),
                    JsonValueKind.Object when item.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String => n.GetString(),
                    _ => null,
                };
                if (!string.IsNullOrWhiteSpace(name) && !ports.Contains(name))
                {
                    ports.Add(name);
                }
            }
        }

        return ports;
    }
}
