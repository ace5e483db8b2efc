using CityOps.Workflows.Runtime;

namespace CityOps.Workflows.Activities;

/// <summary>Evaluates a condition and follows <c>True</c> or <c>False</c>.</summary>
[Activity("CityOps.Decision", Category = "Flow", DisplayNameZh = "判断", DisplayNameEn = "Decision",
    Description = "Follows True or False depending on a condition.")]
[ActivityInput("condition", "Boolean", Required = true, UiHint = "expression", Description = "Script returning true or false.")]
[ActivityOutcomes("True", "False")]
internal sealed class Decision : Activity
{
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var value = await context.EvaluateInputAsync("condition");

        // JavaScript truthiness would hide mistakes (a string "false" is truthy), so only a real boolean true passes.
        context.Complete(value.ValueKind == System.Text.Json.JsonValueKind.True ? "True" : "False");
    }
}
