using CityOps.Cases.Cases;
using CityOps.Workflows.Activities;
using CityOps.Workflows.Runtime;

namespace CityOps.Cases.Activities;

/// <summary>挂账恢复: restarts the clock; the suspended time moves the running stage's deadline.</summary>
[Activity("CityOps.Cases.RestoreCase", Category = "City", DisplayNameZh = "恢复", DisplayNameEn = "Restore case",
    Description = "Ends the suspension; the deadline moves by the suspended time.")]
internal sealed class RestoreCase : Activity
{
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var @case = await context.LoadCaseAsync();
        var open = @case.Suspensions.FirstOrDefault(s => s.To is null)
            ?? throw new InvalidOperationException($"Case {@case.Number} is not suspended.");
        open.To = context.Now;
        @case.Status = CaseStatus.Handling;
        @case.UpdatedAt = context.Now;
        context.RefreshDue(@case);
        context.JournalPayload = new { suspendedFrom = open.From, restoredAt = open.To, due = @case.OpenStage?.DueAt };
        context.Complete();
    }
}
