using CityOps.Cases.Cases;
using CityOps.Workflows.Activities;
using CityOps.Workflows.Runtime;

namespace CityOps.Cases.Activities;

/// <summary>
/// 退回: the department returned a wrong dispatch. Counts the return, clears the lead department and puts the case back
/// in the dispatcher's queue.
/// </summary>
[Activity("CityOps.Cases.ReturnCase", Category = "City", DisplayNameZh = "退回", DisplayNameEn = "Return case",
    Description = "Counts a return and takes the case away from the department for re-dispatch.")]
internal sealed class ReturnCase : Activity
{
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var @case = await context.LoadCaseAsync();
        context.JournalPayload = new { returnedBy = @case.LeadDepartment };
        @case.ReturnCount++;
        @case.LeadDepartment = null;
        @case.AssistingDepartments = [];
        @case.Status = CaseStatus.AwaitingDispatch;
        @case.UpdatedAt = context.Now;
        context.Complete();
    }
}
