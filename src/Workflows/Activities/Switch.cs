using System.Text.Json;
using CityOps.Workflows.Runtime;

namespace CityOps.Workflows.Activities;

/// <summary>
/// Follows the port of the first case whose condition is true, or <c>Default</c>. Cases are a literal list of
/// <c>{ "name": "...", "condition": "script" }</c>; each name is a port.
/// </summary>
[Activity("CityOps.Switch", Category = "Flow", DisplayNameZh = "多路分支", DisplayNameEn = "Switch",
    Description = "Follows the first case whose condition holds, otherwise Default.")]
[ActivityInput(CasesInput, "Array", Required = true, UiHint = "switch-cases", Description = "[{name, condition}] in order.")]
[ActivityOutcomes("Default")]
[DynamicOutcomes(CasesInput)]
internal sealed class Switch : Activity
{
    public const string CasesInput = "cases";

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cases = await context.EvaluateInputAsync(CasesInput);
        if (cases.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in cases.EnumerateArray())
            {
                var name = item.GetProperty("name").GetString()!;
                var condition = item.GetProperty("condition").GetString()!;
                var result = await context.EvaluateScriptAsync(condition, $"case:{name}");
                if (result.ValueKind == JsonValueKind.True)
                {
                    context.Complete(name);
                    return;
                }
            }
        }

        context.Complete("Default");
    }
}
