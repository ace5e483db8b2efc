using CityOps.Cases.Cases;
using CityOps.Workflows.Activities;
using CityOps.Workflows.Runtime;

namespace CityOps.Cases.Activities;

/// <summary>结案 or 作废: stops the clock and ends the case as <c>Closed</c> or <c>Voided</c>.</summary>
[Activity("CityOps.Cases.CloseCase", Category = "City", DisplayNameZh = "结案", DisplayNameEn = "Close case",
    Description = "Ends the case (closed or voided) and stops its clock.")]
[ActivityInput("status", "String", UiHint = "expression", Description = "Closed (default) or Voided.")]
internal sealed class CloseCase : Activity
{
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = await context.GetInputAsync<string>("status") ?? nameof(CaseStatus.Closed);
        if (!Enum.TryParse<CaseStatus>(name, ignoreCase: true, out var status) || status is not (CaseStatus.Closed or CaseStatus.Voided))
        {
            throw new InvalidOperationException($"Input 'status' must be Closed or Voided, not '{name}'.");
        }

        var @case = await context.LoadCaseAsync();
        context.StopClock(@case);
        foreach (var open in @case.Suspensions.Where(s => s.To is null))
        {
            open.To = context.Now;
        }

        @case.Status = status;
        @case.ClosedAt = context.Now;
        @case.UpdatedAt = context.Now;
        context.JournalPayload = new { status = status.ToString() };
        context.Complete();
    }
}
