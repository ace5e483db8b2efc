using CityOps.Cases.Cases;
using CityOps.Cases.Catalog;
using CityOps.Workflows.Activities;
using CityOps.Workflows.Runtime;

namespace CityOps.Cases.Activities;

/// <summary>
/// Manual 派遣: makes the department chosen by the dispatcher (e.g. <c>outcome.form.department</c>) the lead, with
/// optional assisting departments (协办).
/// </summary>
[Activity("CityOps.Cases.AssignDepartment", Category = "City", DisplayNameZh = "指定部门", DisplayNameEn = "Assign department",
    Description = "Sets the lead (and assisting) departments chosen by a person.")]
[ActivityInput("department", "String", Required = true, UiHint = "department-picker", Description = "Lead department code.")]
[ActivityInput("assisting", "Array", UiHint = "expression", Description = "Assisting department codes.")]
[ActivityInput("actor", "String", UiHint = "expression", Description = "Who chose it (outcome.actor).")]
internal sealed class AssignDepartment : Activity
{
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var department = await context.GetInputAsync<string>("department");
        var organisation = context.GetRequiredService<ICityCatalog>().Current.Organisation;
        if (department is null || organisation.Find(department) is null)
        {
            throw new InvalidOperationException($"'{department}' is not a department of the organisation.");
        }

        var @case = await context.LoadCaseAsync();
        @case.LeadDepartment = department;
        @case.AssistingDepartments = [.. (await context.GetInputAsync<List<string>>("assisting") ?? [])
            .Where(d => d != department && organisation.Find(d) is not null).Distinct()];
        @case.DispatchReason = $"manual: {await context.GetInputAsync<string>("actor") ?? "dispatcher"}";
        @case.Status = CaseStatus.Dispatched;
        @case.UpdatedAt = context.Now;
        context.JournalPayload = new { department, assisting = @case.AssistingDepartments };
        context.Complete();
    }
}
