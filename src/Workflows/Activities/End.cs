using CityOps.Workflows.Runtime;

namespace CityOps.Workflows.Activities;

/// <summary>
/// Ends a branch. With <c>terminate</c> it ends the whole instance, cancelling every other wait (BPMN terminate end).
/// </summary>
[Activity("CityOps.End", Category = "Flow", DisplayNameZh = "结束", DisplayNameEn = "End",
    Description = "Ends this branch; with terminate, ends the whole workflow.")]
[ActivityInput("terminate", "Boolean", UiHint = "expression", Description = "Cancel all other branches and finish.")]
[ActivityOutcomes]
internal sealed class End : Activity
{
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await context.GetInputAsync<bool>("terminate"))
        {
            await context.TerminateAsync();
        }

        context.Complete();
    }
}
