using CityOps.Cases.Cases;
using CityOps.Workflows.Activities;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;

namespace CityOps.Cases.Activities;

/// <summary>挂账: stops the case's clock from now until <c>RestoreCase</c>.</summary>
[Activity("CityOps.Cases.SuspendCase", Category = "City", DisplayNameZh = "挂账", DisplayNameEn = "Suspend case",
    Description = "Stops the stage clock until the case is restored.")]
[ActivityInput("reason", "String", UiHint = "expression", Description = "Why (outcome.form.comment).")]
internal sealed class SuspendCase : Activity
{
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var @case = await context.LoadCaseAsync();
        if (@case.Suspensions.Any(s => s.To is null))
        {
            throw new InvalidOperationException($"Case {@case.Number} is already suspended.");
        }

        var suspension = new CaseSuspension
        {
            Id = RowId.New(context.Now), CaseId = @case.Id, From = context.Now, Reason = await context.GetInputAsync<string>("reason"),
        };
        @case.Suspensions.Add(suspension);
        context.Db().Add(suspension);
        @case.Status = CaseStatus.Suspended;
        @case.UpdatedAt = context.Now;
        context.Complete();
    }
}
