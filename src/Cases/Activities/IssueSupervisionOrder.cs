using CityOps.Cases.Cases;
using CityOps.Cases.Organisation;
using CityOps.Workflows.Activities;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CityOps.Cases.Activities;

/// <summary>
/// 督办: a supervision order against the lead department, automatic when a stage goes red (boundary deadline) or by a
/// leader. Each further order on the case escalates one level: 街镇 → 区 → 市.
/// </summary>
[Activity("CityOps.Cases.IssueSupervisionOrder", Category = "City", DisplayNameZh = "督办", DisplayNameEn = "Issue supervision order",
    Description = "Issues a supervision order to the lead department, escalating street → district → city.")]
[ActivityInput("reason", "String", UiHint = "expression", Description = "Overdue (default) or Leader.")]
[ActivityInput("actor", "String", UiHint = "expression", Description = "Who issued it (event.issuedBy); system when overdue.")]
internal sealed class IssueSupervisionOrder : Activity
{
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var @case = await context.LoadCaseAsync();
        if (@case.LeadDepartment is null || !@case.IsOpen)
        {
            context.Complete();
            return;
        }

        var db = context.Db();
        var earlier = await db.Set<SupervisionOrder>().CountAsync(o => o.CaseId == @case.Id, context.CancellationToken)
            + db.Set<SupervisionOrder>().Local.Count(o => o.CaseId == @case.Id && db.Entry(o).State == EntityState.Added);
        var level = earlier switch { 0 => DepartmentLevel.Street, 1 => DepartmentLevel.District, _ => DepartmentLevel.City };
        var reason = await context.GetInputAsync<string>("reason") ?? "Overdue";
        var actor = await context.GetInputAsync<string>("actor") ?? CaseSteps.SystemActor;
        db.Add(new SupervisionOrder
        {
            Id = RowId.New(context.Now), CaseId = @case.Id, DepartmentCode = @case.LeadDepartment, Level = level, Reason = reason,
            IssuedBy = actor, IssuedAt = context.Now,
        });
        @case.SupervisionCount++;
        var role = actor == CaseSteps.SystemActor ? CaseSteps.SystemRole : nameof(Role.ShiftLeader);
        context.Record(@case, actor, role, $"Supervise:{reason}", comment: $"{level} level order to {@case.LeadDepartment}");
        context.JournalPayload = new { level = level.ToString(), reason, department = @case.LeadDepartment };
        context.Complete();
    }
}
