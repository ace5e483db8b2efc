using CityOps.Workflows.Activities;
using CityOps.Workflows.Runtime;

namespace CityOps.Cases.Activities;

/// <summary>延期 request: keeps the working hours the department asked for until the dispatcher decides.</summary>
[Activity("CityOps.Cases.RequestExtension", Category = "City", DisplayNameZh = "申请延期", DisplayNameEn = "Request extension",
    Description = "Records how much more working time the department asks for.")]
[ActivityInput("workingHours", "Number", Required = true, UiHint = "expression", Description = "Extra working hours asked for (outcome.form.workingHours).")]
internal sealed class RequestExtension : Activity
{
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var hours = await context.GetInputAsync<decimal?>("workingHours");
        if (hours is not > 0)
        {
            throw new InvalidOperationException("Input 'workingHours' must be a positive number.");
        }

        var @case = await Cases.CaseSteps.LoadCaseAsync(context);
        @case.PendingExtensionMinutes = (int)decimal.Round(hours.Value * 60);
        @case.UpdatedAt = context.Now;
        context.JournalPayload = new { workingHours = hours };
        context.Complete();
    }
}
