using CityOps.Cases.Organisation;

namespace CityOps.Cases.Cases.Access;

/// <summary>
/// Who may read a case: command roles and auditors all; a department handler the cases their department leads or
/// assists; an inspector the cases they reported and the cases in their area.
/// </summary>
public static class CaseAccess
{
    private static readonly string[] SeeAll =
        [nameof(Role.Administrator), nameof(Role.Auditor), nameof(Role.ShiftLeader), nameof(Role.Acceptor), nameof(Role.Dispatcher)];

    public static bool SeesAll(IReadOnlyCollection<string> roles) => roles.Any(r => SeeAll.Contains(r, StringComparer.Ordinal));

    public static bool CanRead(CityCase @case, string userName, IReadOnlyCollection<string> roles, string? department, string? area)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(roles);
        if (SeesAll(roles))
        {
            return true;
        }

        if (department is not null && (@case.LeadDepartment == department || @case.AssistingDepartments.Contains(department)))
        {
            return true;
        }

        return roles.Contains(nameof(Role.Inspector))
            && (string.Equals(@case.ReporterUserName, userName, StringComparison.OrdinalIgnoreCase)
                || (area is not null && (@case.StreetCode == area || @case.GridCode.StartsWith(area, StringComparison.Ordinal))));
    }
}
