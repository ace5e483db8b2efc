using CityOps.Workflows.Runtime;

namespace CityOps.Workflows.Activities;

/// <summary>Sets a workflow variable to the value of an expression.</summary>
[Activity("CityOps.SetVariable", Category = "Data", DisplayNameZh = "设置变量", DisplayNameEn = "Set variable",
    Description = "Stores a value in a workflow variable.")]
[ActivityInput("variable", "String", Required = true, UiHint = "variable-picker", Description = "Variable name.")]
[ActivityInput("value", "Object", Required = true, UiHint = "expression", Description = "The value.")]
internal sealed class SetVariable : Activity
{
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = await context.GetInputAsync<string>("variable")
            ?? throw new InvalidOperationException("Input 'variable' is empty.");
        var value = await context.EvaluateInputAsync("value");
        context.SetVariable(name, value);
        context.JournalPayload = new { variable = name, value };
        context.Complete();
    }
}
