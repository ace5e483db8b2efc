using CityOps.Cases.Taxonomy;

namespace CityOps.Cases.Persistence.Catalog;

/// <summary>A local extension code (本地扩展) in a major class of its own; the national directory stays in the files.</summary>
public sealed class LocalCodeRecord
{
    public CaseKind Kind { get; set; }

    public string Code { get; set; } = "";

    public string MajorCode { get; set; } = "";

    public string MajorClassZh { get; set; } = "";

    public string MajorClassEn { get; set; } = "";

    public string NameZh { get; set; } = "";

    public string NameEn { get; set; } = "";

    public string? Note { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
