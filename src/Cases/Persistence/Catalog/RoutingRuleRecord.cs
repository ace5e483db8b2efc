namespace CityOps.Cases.Persistence.Catalog;

/// <summary>An auto-dispatch rule: code selector × area selector → department.</summary>
public sealed class RoutingRuleRecord
{
    public string Id { get; set; } = "";

    /// <summary><c>*</c>, <c>matter:*</c>, <c>matter:06</c> or <c>matter:06010</c>.</summary>
    public string Code { get; set; } = "*";

    /// <summary><c>any</c> or <c>district|street|community|grid:&lt;code&gt;</c>.</summary>
    public string Area { get; set; } = "any";

    public string DepartmentCode { get; set; } = "";

    public string? Note { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";
}
