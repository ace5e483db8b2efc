using CityOps.Cases.Organisation;

namespace CityOps.Cases.Cases.Access;

/// <summary>
/// Task assignee groups. <c>role:&lt;Role&gt;</c> is everyone with the role; <c>role:&lt;Role&gt;@&lt;area&gt;</c> is
/// those with the role whose area is that code (inspectors of a street); <c>dept:&lt;code&gt;</c> is a department's
/// handlers. Definitions write templates with <c>{street}</c>, <c>{district}</c>, <c>{community}</c>,
/// <c>{grid}</c> and <c>{lead}</c> (the lead department), resolved against the case.
/// </summary>
public static class AssigneeGroups
{
    public const string RolePrefix = "role:";
    public const string DepartmentPrefix = "dept:";

    /// <summary>The groups a person belongs to. A shift leader also works the acceptors' queue (立案).</summary>
    public static IReadOnlyList<string> For(IEnumerable<string> roles, string? department, string? area)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var expanded = roles.ToList();
        if (expanded.Contains(nameof(Role.ShiftLeader)))
        {
            expanded.Add(nameof(Role.Acceptor));
        }

        var groups = new List<string>();
        foreach (var role in expanded.Distinct(StringComparer.Ordinal))
        {
            groups.Add(RolePrefix + role);
            if (area is not null)
            {
                groups.Add($"{RolePrefix}{role}@{area}");
            }
        }

        if (department is not null)
        {
            groups.Add(DepartmentPrefix + department);
        }

        return groups;
    }

    /// <summary>Fills a template from the case; throws when a placeholder has no value (e.g. no lead department yet).</summary>
    public static string Resolve(string template, CityCase @case)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(@case);
        var group = template
            .Replace("{street}", @case.StreetCode, StringComparison.Ordinal)
            .Replace("{district}", @case.DistrictCode, StringComparison.Ordinal)
            .Replace("{community}", @case.CommunityCode, StringComparison.Ordinal)
            .Replace("{grid}", @case.GridCode, StringComparison.Ordinal)
            .Replace("{lead}", @case.LeadDepartment ?? "{lead}", StringComparison.Ordinal);
        return group.Contains('{', StringComparison.Ordinal)
            ? throw new InvalidOperationException($"Assignee '{template}' cannot be resolved for case {@case.Number}.")
            : group;
    }

    /// <summary>The role someone acts in when working a task of <paramref name="group"/>.</summary>
    public static string RoleOf(string? group)
    {
        if (group is null)
        {
            return "Person";
        }

        if (group.StartsWith(DepartmentPrefix, StringComparison.Ordinal))
        {
            return nameof(Role.DepartmentHandler);
        }

        var role = group.StartsWith(RolePrefix, StringComparison.Ordinal) ? group[RolePrefix.Length..] : group;
        var at = role.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? role : role[..at];
    }

    /// <summary>The department of a <c>dept:</c> group, or null.</summary>
    public static string? DepartmentOf(string? group) =>
        group is not null && group.StartsWith(DepartmentPrefix, StringComparison.Ordinal) ? group[DepartmentPrefix.Length..] : null;
}
