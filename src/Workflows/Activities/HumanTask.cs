using System.Text.Json;
using CityOps.Workflows.Runtime;

namespace CityOps.Workflows.Activities;

/// <summary>
/// Creates a task in a group's or person's inbox and waits until it is completed; each declared outcome is a port.
/// Scripts after it see the completion as <c>outcome</c> ({ name, form, actor }).
/// </summary>
[Activity("CityOps.HumanTask", Category = "Human", DisplayNameZh = "人工任务", DisplayNameEn = "Human task",
    Description = "A task for a person or group; continues on the outcome they choose.")]
[WaitingActivity]
[ActivityInput("title", "String", Required = true, UiHint = "expression", Description = "Inbox title.")]
[ActivityInput("assigneeGroup", "String", UiHint = "department-picker", Description = "Group that may work the task.")]
[ActivityInput("assigneePerson", "String", UiHint = "role-picker", Description = "Person the task is assigned to.")]
[ActivityInput(OutcomesInput, "Array", Required = true, UiHint = "string-list", Description = "Outcomes, one port each.")]
[ActivityInput("form", "Object", UiHint = "multiline", Description = "Form schema (JSON).")]
[ActivityInput("due", "Duration", UiHint = "duration", Description = "When the task is due (shown in the inbox).")]
[DynamicOutcomes(OutcomesInput)]
internal sealed class HumanTask : Activity
{
    public const string OutcomesInput = "outcomes";

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var form = await context.EvaluateInputAsync("form");
        var due = await context.EvaluateInputAsync("due");
        var request = new HumanTaskRequest(
            await context.GetInputAsync<string>("title") ?? "",
            await context.GetInputAsync<string>("assigneeGroup"),
            await context.GetInputAsync<string>("assigneePerson"),
            await context.GetInputAsync<List<string>>(OutcomesInput) ?? [],
            form.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : form.GetRawText(),
            due.ValueKind == JsonValueKind.Null ? null : await context.ResolveDueAsync(due));
        if (request.AssigneeGroup is null && request.AssigneePerson is null)
        {
            throw new InvalidOperationException("The task has neither an assignee group nor an assignee person.");
        }

        context.CreateTask(request);
    }

    public override ValueTask ResumeAsync(ActivityExecutionContext context, Stimulus stimulus)
    {
        ArgumentNullException.ThrowIfNull(context);
        var completed = (TaskCompletedStimulus)stimulus;
        context.JournalPayload = new { outcome = completed.Outcome, form = completed.FormData };
        context.Complete(completed.Outcome);
        return ValueTask.CompletedTask;
    }
}
