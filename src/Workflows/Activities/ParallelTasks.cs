using System.Text.Json;
using CityOps.Workflows.Runtime;

namespace CityOps.Workflows.Activities;

/// <summary>
/// A multi-instance human task (BPMN parallel multi-instance): one task per element of <c>items</c>, all created in
/// the same step, for the group <c>assigneeGroup</c> filled per item (<c>dept:{item}</c>). Continues once every task is
/// completed: <c>Done</c>, or <c>AnyRejected</c> when an item ended with one of <c>rejectOutcomes</c>. No items:
/// <c>Done</c> at once. Each item's outcome, form and actor are kept in <c>resultVariable</c> as they arrive.
/// A deadline, WaitAny join or terminate cancels the tasks still open.
/// </summary>
[Activity("CityOps.ParallelTasks", Category = "Human", DisplayNameZh = "多实例任务", DisplayNameEn = "Parallel tasks",
    Description = "One task per list item, worked in parallel; continues when all are done.")]
[WaitingActivity]
[ActivityInput("items", "Array", Required = true, Description = "The list, e.g. variables.departments; equal items count once.")]
[ActivityInput("title", "String", Required = true, Description = "Inbox title; {item} or {item.name} is filled per item.")]
[ActivityInput("assigneeGroup", "String", Required = true, UiHint = "department-picker", Description = "Group per item, e.g. dept:{item}.")]
[ActivityInput("outcomes", "Array", Required = true, UiHint = "string-list", Description = "Outcomes each task may be completed with.")]
[ActivityInput("rejectOutcomes", "Array", UiHint = "string-list", Description = "Outcomes that lead to AnyRejected.")]
[ActivityInput("form", "Object", UiHint = "multiline", Description = "Form schema (JSON) of every task.")]
[ActivityInput("due", "Duration", UiHint = "duration", Description = "When the tasks are due (shown in the inbox).")]
[ActivityInput("resultVariable", "String", Required = true, UiHint = "variable-picker", Description = "Variable receiving the items and their outcomes.")]
[ActivityOutcomes(ActivityDescriptor.DonePort, AnyRejectedPort)]
internal sealed class ParallelTasks : Activity
{
    public const string AnyRejectedPort = "AnyRejected";

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var list = await context.EvaluateInputAsync("items");
        var items = list.ValueKind switch
        {
            JsonValueKind.Array => list.EnumerateArray().DistinctBy(i => i.GetRawText()).ToList(),
            JsonValueKind.Null or JsonValueKind.Undefined => [],
            _ => throw new InvalidOperationException($"Input 'items' must be a list, not {list.ValueKind}."),
        };
        var title = await context.GetInputAsync<string>("title") ?? "";
        var group = await context.GetInputAsync<string>("assigneeGroup") ?? throw new InvalidOperationException("Input 'assigneeGroup' is empty.");
        var outcomes = await context.GetInputAsync<List<string>>("outcomes") ?? [];
        var form = await context.EvaluateInputAsync("form");
        var due = await context.EvaluateInputAsync("due");
        DateTimeOffset? dueAt = due.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : await context.ResolveDueAsync(due);
        var formJson = form.ValueKind == JsonValueKind.Object ? form.GetRawText() : null;
        context.CreateItemTasks(await ResultVariableAsync(context), [.. items.Select(item => (item, new HumanTaskRequest(
            ParallelTaskItems.Fill(title, item), ParallelTaskItems.Fill(group, item), null, outcomes, formJson, dueAt)))]);
        if (items.Count == 0)
        {
            context.Complete();
        }
    }

    public override async ValueTask ResumeAsync(ActivityExecutionContext context, Stimulus stimulus)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (completed, all) = context.RecordItemCompletion(await ResultVariableAsync(context), (TaskCompletedStimulus)stimulus);
        context.JournalPayload = new { item = completed.Item, outcome = completed.Outcome, form = completed.Form };
        if (context.StillWaiting)
        {
            return;
        }

        var rejecting = await context.GetInputAsync<List<string>>("rejectOutcomes") ?? [];
        context.Complete(all.Any(i => rejecting.Contains(i.Outcome!, StringComparer.Ordinal)) ? AnyRejectedPort : ActivityDescriptor.DonePort);
    }

    private static async ValueTask<string> ResultVariableAsync(ActivityExecutionContext context) =>
        await context.GetInputAsync<string>("resultVariable") ?? throw new InvalidOperationException("Input 'resultVariable' is empty.");
}
