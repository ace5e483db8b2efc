namespace CityOps.Cases.Persistence.Catalog;

/// <summary>
/// A section of definitions/ that has been seeded once (e.g. <c>routing/demo-rules.json</c>). A marked section is
/// never seeded again, so a rule an administrator deleted does not come back on restart; a new file (say next
/// year's holidays) has no mark yet and is seeded.
/// </summary>
public sealed class CatalogSeedMark
{
    public string Section { get; set; } = "";

    public DateTimeOffset SeededAt { get; set; }

    /// <summary>How many rows the section added (rows already present are left as they are).</summary>
    public int Added { get; set; }
}
