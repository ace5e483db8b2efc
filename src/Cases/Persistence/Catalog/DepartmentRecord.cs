using CityOps.Cases.Organisation;

namespace CityOps.Cases.Persistence.Catalog;

/// <summary>A city, district or street department; parents follow the administrative line.</summary>
public sealed class DepartmentRecord
{
    public string Code { get; set; } = "";

    public string NameZh { get; set; } = "";

    public string NameEn { get; set; } = "";

    public DepartmentLevel Level { get; set; }

    public string? ParentCode { get; set; }

    public string AreaCode { get; set; } = "";

    /// <summary>government, centre, bureau, enterprise, street office, …</summary>
    public string Kind { get; set; } = "";
}
