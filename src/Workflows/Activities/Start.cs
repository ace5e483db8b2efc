using CityOps.Workflows.Runtime;

namespace CityOps.Workflows.Activities;

/// <summary>
/// Where the flowchart begins. It may declare a trigger: raising that event starts the published definition when the
/// optional filter (a script seeing the event payload as <c>event</c>) is true.
/// </summary>
[Activity("CityOps.Start", Category = "Flow", DisplayNameZh = "开始", DisplayNameEn = "Start",
    Description = "Where the workflow begins; optionally started by an event.")]
[StartActivity]
[ActivityInput(EventInput, "String", UiHint = "event-name", Description = "Event name that starts this workflow.")]
[ActivityInput(FilterInput, "Boolean", UiHint = "expression", Description = "Script over `event`; start only when true.")]
internal sealed class Start : Activity
{
    public const string EventInput = "event";
    public const string FilterInput = "filter";

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
