namespace CityOps.Cases.Organisation;

/// <summary>Roles of the supervision / command loop (DOMAIN.md §2).</summary>
public enum Role
{
    Inspector,
    Acceptor,
    ShiftLeader,
    Dispatcher,
    DepartmentHandler,
    Auditor,
    Administrator,
}

/// <summary>Display names and duties of a <see cref="Role"/>.</summary>
public sealed record RoleInfo(Role Role, string NameZh, string NameEn, string Duty);

/// <summary>The fixed role list with zh/en names.</summary>
public static class Roles
{
    public static IReadOnlyList<RoleInfo> All { get; } =
    [
        new(Role.Inspector, "监督员", "Inspector", "Reports cases; field 核实 (verify a report) and 核查 (check a fix)."),
        new(Role.Acceptor, "受理员", "Acceptor", "Registers reports and sends verify and check tasks."),
        new(Role.ShiftLeader, "值班长", "Shift leader", "立案 (register), 结案 (close), approves 作废 (void)."),
        new(Role.Dispatcher, "派遣员", "Dispatcher", "Dispatches; approves 延时 (extension), 回退 (return) and 挂账 (suspension)."),
        new(Role.DepartmentHandler, "专业部门处置人员", "Department handler", "Handles dispatched cases for a professional department."),
        new(Role.Auditor, "考核评价员", "Auditor", "Reviews performance and assessment (综合评价)."),
        new(Role.Administrator, "系统管理员", "Administrator", "Maintains taxonomy, calendar, grids, departments and routing."),
    ];

    public static RoleInfo Of(Role role) => All.Single(r => r.Role == role);
}
