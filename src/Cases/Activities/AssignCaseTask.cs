using System.Text.Json;
using CityOps.Cases.Cases;
using CityOps.Cases.Cases.Access;
using CityOps.Workflows.Activities;
using CityOps.Workflows.Runtime;

namespace CityOps.Cases.Activities;

/// <summary>
/// A human task about the case: the assignee template (<c>role:Inspector@{street}</c>, <c>dept:{lead}</c>, …) is
/// resolved against the case, the task is due when the running stage clock is. Completing it appends a timeline entry
/// (who, role, outcome, comment, photos) and moves the case to <c>transitions[outcome]</c> when given.
/// </summary>
[Activity("CityOps.Cases.AssignCaseTask", Category = "City", DisplayNameZh = "案件任务", DisplayNameEn = "Case task",
    Description = "A task about the case for a role, an area's role or a department; records who did what.")]
[WaitingActivity]
[ActivityInput("title", "String", Required = true, Description = "Inbox title (the case number is put in front).")]
[ActivityInput("assignee", "String", Required = true, UiHint = "role-picker", Description = "Group template, e.g. dept:{lead}.")]
[ActivityInput(OutcomesInput, "Array", Required = true, UiHint = "string-list", Description = "Outcomes, one port each.")]
[ActivityInput("transitions", "Object", UiHint = "multiline", Description = "Outcome → case status, e.g. {\"Register\":\"Registered\"}.")]
[ActivityInput("form", "Object", UiHint = "multiline", Description = "Form: fields, requirePhotos, requireComment.")]
[DynamicOutcomes(OutcomesInput)]
internal sealed class AssignCaseTask : Activity
{
    public const string OutcomesInput = "outcomes";

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var @case = await context.LoadCaseAsync();
        var form = await context.EvaluateInputAsync("form");
        context.CreateTask(new HumanTaskRequest(
            $"{@case.Number} {await context.GetInputAsync<string>("title")}",
            AssigneeGroups.Resolve(await context.GetInputAsync<string>("assignee") ?? "", @case),
            null,
            await context.GetInputAsync<List<string>>(OutcomesInput) ?? [],
            form.ValueKind == JsonValueKind.Object ? form.GetRawText() : null,
            @case.OpenStage?.DueAt));
    }

    public override async ValueTask ResumeAsync(ActivityExecutionContext context, Stimulus stimulus)
    {
        ArgumentNullException.ThrowIfNull(context);
        var completed = (TaskCompletedStimulus)stimulus;
        var @case = await context.LoadCaseAsync();
        var group = AssigneeGroups.Resolve(await context.GetInputAsync<string>("assignee") ?? "", @case);
        var transitions = await context.GetInputAsync<Dictionary<string, string>>("transitions");
        var form = TaskForm.Read(completed.FormData);
        context.AddPhotos(@case, form, completed.Actor);

        CaseStatus? to = transitions?.GetValueOrDefault(completed.Outcome) is { } name ? Enum.Parse<CaseStatus>(name, ignoreCase: true) : null;
        context.Record(@case, completed.Actor, AssigneeGroups.RoleOf(group), $"{context.ActivityId}:{completed.Outcome}",
            to, form.Comment, form.Photos.Select(p => p.Id));
        context.JournalPayload = new { outcome = completed.Outcome, form = completed.FormData };
        context.Complete(completed.Outcome);
    }
}
