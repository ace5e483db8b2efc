namespace CityOps.Cases.Taxonomy;

/// <summary>管理部件 (component, an asset type) or 管理事项 (matter; 事件 "event" in the legacy standard).</summary>
public enum CaseKind
{
    Component,
    Matter,
}

/// <summary>Where a code comes from: the national directory or this city's extension list.</summary>
public enum TaxonomyOrigin
{
    Gbt47678,
    LocalExtension,
}

/// <summary>Default urgency of a case type (local configuration).</summary>
public enum Urgency
{
    Normal,
    Urgent,
    Emergency,
}

/// <summary>How sure a legacy → GB/T 47678.5 mapping is.</summary>
public enum MappingConfidence
{
    /// <summary>Stated in DOMAIN.md.</summary>
    Domain,

    /// <summary>Same or equivalent name.</summary>
    High,
    Medium,
    Low,

    /// <summary>No equivalent in the new standard; mapped to a local extension code.</summary>
    Extension,
}

/// <summary>A major class (大类), e.g. matter 06 市容环境类.</summary>
public sealed record MajorClass(CaseKind Kind, string Code, string NameZh, string NameEn, TaxonomyOrigin Origin);

/// <summary>A 5-digit type code (2-digit major + 3-digit minor); unique per (kind, code).</summary>
public sealed record TaxonomyEntry(
    CaseKind Kind, string Code, string MajorCode, string NameZh, string NameEn, TaxonomyOrigin Origin)
{
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}:{Code} {NameZh}";
}

/// <summary>A GB/T 30428.2 (legacy, 2+2 digit) code as seen in deployments; major classes have 2 digits.</summary>
public sealed record LegacyCode(CaseKind Kind, bool IsMajorClass, string Code, string MajorCode, string NameZh, string NameEn, string Source);

/// <summary>Legacy code → new code (type → type, major class → major class).</summary>
public sealed record LegacyMapping(
    CaseKind LegacyKind, bool IsMajorClass, string LegacyCode, CaseKind NewKind, string NewCode,
    MappingConfidence Confidence, string Basis);

/// <summary>Per-code local defaults: department, urgency and handling limit (处置时限), with the source of the figure.</summary>
public sealed record LocalCodeConfig(
    CaseKind Kind, string Code, string DepartmentCode, Urgency Urgency, Sla.TimeLimit HandlingLimit, string Source);

/// <summary>Everything a <see cref="TaxonomyCatalog"/> is built from; persistence stores and edits this.</summary>
public sealed record TaxonomyData(
    IReadOnlyList<MajorClass> MajorClasses,
    IReadOnlyList<TaxonomyEntry> Entries,
    IReadOnlyList<LegacyCode> LegacyCodes,
    IReadOnlyList<LegacyMapping> LegacyMappings,
    IReadOnlyList<LocalCodeConfig> LocalConfigs);

/// <summary>The outcome of looking up a code: the current entry, and the legacy mapping used to reach it (if any).</summary>
public sealed record CodeResolution(TaxonomyEntry Entry, string RequestedCode, LegacyMapping? ViaLegacy)
{
    public bool IsLegacy => ViaLegacy is not null;
}
