using System.Text.Json;
using CityOps.Cases.Cases;
using CityOps.Cases.Cases.Access;
using CityOps.Cases.Organisation;
using CityOps.Workflows.Activities;
using CityOps.Workflows.Runtime;

namespace CityOps.Cases.Activities;

/// <summary>
/// 协办: one task per assisting department of the case (<c>dept:&lt;code&gt;</c>), all created at once and due with
/// the running stage; continues when every department has reported back (the engine's multi-instance wait, as in
/// <c>CityOps.ParallelTasks</c>). Each department gets a timeline entry when assigned and when it reports
/// (<c>assist:Assisted@&lt;code&gt;</c>, with its comment and photos). No assisting department: Done at once.
/// </summary>
[Activity("CityOps.Cases.AssignAssistTasks", Category = "City", DisplayNameZh = "协办任务", DisplayNameEn = "Assist tasks",
    Description = "Parallel tasks for the case's assisting departments; continues when all have reported back.")]
[WaitingActivity]
[ActivityInput("title", "String", Required = true, Description = "Inbox title (the case number is put in front).")]
[ActivityInput("outcomes", "Array", Required = true, UiHint = "string-list", Description = "Outcomes each department may report.")]
[ActivityInput("form", "Object", UiHint = "multiline", Description = "Form: fields, requirePhotos, requireComment.")]
[ActivityInput("resultVariable", "String", UiHint = "variable-picker", Description = "Variable receiving each department's report (default assists).")]
internal sealed class AssignAssistTasks : Activity
{
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var @case = await context.LoadCaseAsync();
        var departments = @case.AssistingDepartments.Where(d => d != @case.LeadDepartment).Distinct().ToList();
        var title = $"{@case.Number} {await context.GetInputAsync<string>("title")}";
        var outcomes = await context.GetInputAsync<List<string>>("outcomes") ?? [];
        var form = await context.EvaluateInputAsync("form");
        var formJson = form.ValueKind == JsonValueKind.Object ? form.GetRawText() : null;
        context.CreateItemTasks(await VariableAsync(context), [.. departments.Select(d => (JsonSerializer.SerializeToElement(d),
            new HumanTaskRequest(title, AssigneeGroups.DepartmentPrefix + d, null, outcomes, formJson, @case.OpenStage?.DueAt)))]);
        foreach (var department in departments)
        {
            context.Record(@case, CaseSteps.SystemActor, CaseSteps.SystemRole, $"{context.ActivityId}:Assigned@{department}");
        }

        context.JournalPayload = new { departments };
        if (departments.Count == 0)
        {
            context.Complete();
        }
    }

    public override async ValueTask ResumeAsync(ActivityExecutionContext context, Stimulus stimulus)
    {
        ArgumentNullException.ThrowIfNull(context);
        var completed = (TaskCompletedStimulus)stimulus;
        var (item, _) = context.RecordItemCompletion(await VariableAsync(context), completed);
        var department = item.Item.GetString();
        var @case = await context.LoadCaseAsync();
        var form = TaskForm.Read(completed.FormData);
        context.AddPhotos(@case, form, completed.Actor);
        context.Record(@case, completed.Actor, nameof(Role.DepartmentHandler), $"{context.ActivityId}:{completed.Outcome}@{department}",
            comment: form.Comment, photos: form.Photos.Select(p => p.Id));
        context.JournalPayload = new { department, outcome = completed.Outcome };
        if (!context.StillWaiting)
        {
            context.Complete();
        }
    }

    private static async ValueTask<string> VariableAsync(ActivityExecutionContext context) =>
        await context.GetInputAsync<string>("resultVariable") ?? "assists";
}
