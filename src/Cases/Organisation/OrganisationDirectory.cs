using CityOps.Cases.Geography;
using CityOps.Cases.Taxonomy;

namespace CityOps.Cases.Organisation;

/// <summary>Departments on three levels with parents, and the 权责清单. Immutable; validated on construction.</summary>
public sealed class OrganisationDirectory
{
    private readonly Dictionary<string, Department> _byCode;

    public OrganisationDirectory(OrganisationData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Data = data;
        _byCode = [];
        foreach (var d in data.Departments)
        {
            if (!_byCode.TryAdd(d.Code, d))
            {
                throw new ArgumentException($"Department {d.Code} appears twice.", nameof(data));
            }
        }

        foreach (var d in data.Departments)
        {
            if (d.ParentCode is null)
            {
                continue;
            }

            if (!_byCode.TryGetValue(d.ParentCode, out var parent))
            {
                throw new ArgumentException($"Department {d.Code} has unknown parent {d.ParentCode}.", nameof(data));
            }

            if (parent.Level > d.Level)
            {
                throw new ArgumentException($"Department {d.Code} ({d.Level}) cannot sit under {parent.Code} ({parent.Level}).", nameof(data));
            }

            _ = Ancestors(d.Code); // throws on a cycle
        }

        var orphan = data.Responsibilities.FirstOrDefault(r => !_byCode.ContainsKey(r.DepartmentCode));
        if (orphan is not null)
        {
            throw new ArgumentException($"Responsibility for unknown department {orphan.DepartmentCode}.", nameof(data));
        }
    }

    public OrganisationData Data { get; }

    public Department? Find(string code) => _byCode.GetValueOrDefault(code);

    public IReadOnlyList<Department> ByLevel(DepartmentLevel level) =>
        [.. Data.Departments.Where(d => d.Level == level)];

    public IReadOnlyList<Department> Children(string code) =>
        [.. Data.Departments.Where(d => d.ParentCode == code)];

    /// <summary>Parent, grandparent, … up to the root.</summary>
    public IReadOnlyList<Department> Ancestors(string code)
    {
        var chain = new List<Department>();
        var current = Find(code);
        while (current?.ParentCode is { } parentCode)
        {
            current = _byCode[parentCode];
            if (chain.Contains(current) || current.Code == code)
            {
                throw new InvalidOperationException($"Department parents form a cycle through {code}.");
            }

            chain.Add(current);
        }

        return chain;
    }

    public IReadOnlyList<Responsibility> ResponsibilitiesOf(string departmentCode) =>
        [.. Data.Responsibilities.Where(r => r.DepartmentCode == departmentCode)];

    /// <summary>Lines of the 权责清单 that cover this code at this place (for display; dispatch uses the routing table).</summary>
    public IReadOnlyList<Responsibility> Answering(CaseKind kind, string code, AreaPath place) =>
        [.. Data.Responsibilities.Where(r => r.Area.Matches(place) && r.Codes.Any(c => c.Matches(kind, code)))];
}
