using CityOps.Cases.Cases;
using CityOps.Cases.Catalog;
using CityOps.Cases.Geography;
using CityOps.Workflows.Activities;
using CityOps.Workflows.Runtime;

namespace CityOps.Cases.Activities;

/// <summary>
/// 派遣 by the routing table (code × area, most specific rule wins): <c>Dispatched</c> with the lead department and the
/// rule that chose it, or <c>Manual</c> when no rule matches (the dispatcher's queue).
/// </summary>
[Activity("CityOps.Cases.AutoDispatch", Category = "City", DisplayNameZh = "自动派遣", DisplayNameEn = "Auto-dispatch",
    Description = "Chooses the lead department from the routing table, or sends the case to manual dispatch.")]
[ActivityOutcomes("Dispatched", "Manual")]
internal sealed class AutoDispatch : Activity
{
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var @case = await context.LoadCaseAsync();
        var place = new AreaPath(@case.DistrictCode, @case.StreetCode, @case.CommunityCode, @case.GridCode);
        var decision = context.GetRequiredService<ICityCatalog>().Current.Routing.Resolve(@case.Kind, @case.Code, place);
        context.JournalPayload = new { outcome = decision.Outcome.ToString(), decision.DepartmentCode, decision.Reason };
        if (decision.IsManual)
        {
            @case.DispatchReason = decision.Reason;
            context.Record(@case, CaseSteps.SystemActor, CaseSteps.SystemRole, "AutoDispatch:Manual", CaseStatus.AwaitingDispatch, decision.Reason);
            context.Complete("Manual");
            return;
        }

        @case.LeadDepartment = decision.DepartmentCode;
        @case.DispatchReason = decision.Rule?.ToString() ?? decision.Reason;
        context.Record(@case, CaseSteps.SystemActor, CaseSteps.SystemRole, "AutoDispatch:Dispatched", CaseStatus.Dispatched,
            $"{decision.DepartmentCode} — {decision.Reason}");
        context.Complete("Dispatched");
    }
}
