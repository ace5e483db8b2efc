using CityOps.Workflows.Activities;
using CityOps.Workflows.Runtime;

namespace CityOps.Cases.Activities;

/// <summary>返工: the field check failed; counts the rework before the case goes back to the department.</summary>
[Activity("CityOps.Cases.CountRework", Category = "City", DisplayNameZh = "返工", DisplayNameEn = "Count rework",
    Description = "Counts a failed check (返工率).")]
internal sealed class CountRework : Activity
{
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var @case = await Cases.CaseSteps.LoadCaseAsync(context);
        @case.ReworkCount++;
        @case.UpdatedAt = context.Now;
        context.JournalPayload = new { @case.ReworkCount };
        context.Complete();
    }
}
