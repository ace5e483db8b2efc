namespace CityOps.Cases.Persistence.Catalog;

/// <summary>One line of the 权责清单: a department answers for these code selectors in this area.</summary>
public sealed class ResponsibilityRecord
{
    public int Id { get; set; }

    public string DepartmentCode { get; set; } = "";

    /// <summary>Code selectors separated by spaces, e.g. <c>matter:06 matter:07001</c>.</summary>
    public string Codes { get; set; } = "";

    /// <summary>Area selector, e.g. <c>district:330196</c> or <c>any</c>.</summary>
    public string Area { get; set; } = "any";

    public string DutyZh { get; set; } = "";

    public string DutyEn { get; set; } = "";
}
