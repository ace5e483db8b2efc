using System.Security.Claims;
using CityOps.CaseApi.Identity;
using CityOps.Cases.Cases;
using CityOps.Cases.Cases.Access;
using CityOps.Cases.Organisation;

namespace CityOps.CaseApi.Endpoints;

/// <summary>The signed-in person as cases and tasks see them: roles, department, area and task groups.</summary>
internal sealed record Caller(string UserName, IReadOnlyList<string> Roles, string? Department, string? Area)
{
    public IReadOnlyList<string> Groups { get; } = AssigneeGroups.For(Roles, Department, Area);

    public bool IsAdministrator => Roles.Contains(nameof(Role.Administrator));

    /// <summary>The role a report is made in: inspector first, then the first role held.</summary>
    public string ReportingRole => Roles.Contains(nameof(Role.Inspector)) ? nameof(Role.Inspector) : (Roles.Count > 0 ? Roles[0] : "");

    public bool CanRead(CityCase @case) => CaseAccess.CanRead(@case, UserName, Roles, Department, Area);

    public bool CanWork(string? assigneeGroup, string? assigneePerson) =>
        IsAdministrator
        || (assigneeGroup is not null && Groups.Contains(assigneeGroup))
        || string.Equals(assigneePerson, UserName, StringComparison.OrdinalIgnoreCase);

    public static Caller From(ClaimsPrincipal user) =>
        new(user.UserNameOf(), user.RolesOf(), user.DepartmentOf(), user.FindFirstValue(CityOpsClaims.Area));
}
