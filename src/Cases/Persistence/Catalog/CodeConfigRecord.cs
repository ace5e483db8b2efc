using CityOps.Cases.Sla;
using CityOps.Cases.Taxonomy;

namespace CityOps.Cases.Persistence.Catalog;

/// <summary>Local configuration of one code: default department, urgency and handling limit (处置时限).</summary>
public sealed class CodeConfigRecord
{
    public CaseKind Kind { get; set; }

    public string Code { get; set; } = "";

    public string DepartmentCode { get; set; } = "";

    public Urgency Urgency { get; set; }

    public decimal LimitAmount { get; set; }

    public TimeUnit LimitUnit { get; set; }

    /// <summary>Where the figure comes from (a regulation, DOMAIN.md, or "set by admin").</summary>
    public string Source { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }
}
