using CityOps.Cases.Geography;
using CityOps.Cases.Taxonomy;

namespace CityOps.Cases.Organisation;

/// <summary>市 (city), 区 (district) or 街镇 (street / town) level.</summary>
public enum DepartmentLevel
{
    City,
    District,
    Street,
}

/// <summary>A handling or governing unit. <paramref name="AreaCode"/> is the administrative area it serves.</summary>
public sealed record Department(
    string Code, string NameZh, string NameEn, DepartmentLevel Level, string? ParentCode, string AreaCode, string Kind);

/// <summary>One line of the 权责清单: the department answers for these codes in this area.</summary>
public sealed record Responsibility(
    string DepartmentCode, IReadOnlyList<CodeSelector> Codes, AreaSelector Area, string DutyZh, string DutyEn);

/// <summary>Everything an <see cref="OrganisationDirectory"/> is built from; persistence stores and edits this.</summary>
public sealed record OrganisationData(IReadOnlyList<Department> Departments, IReadOnlyList<Responsibility> Responsibilities);
