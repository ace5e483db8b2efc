using CityOps.Cases.Taxonomy;

namespace CityOps.Cases.Catalog;

/// <summary>
/// The parts of the taxonomy that are a published standard and therefore stay in definitions/taxonomy, read once:
/// the GB/T 47678.5 directory with CityOps' English names, the legacy GB/T 30428.2 codes and their mapping. Local
/// extension codes and per-code configuration are the city's own and live in the database.
/// </summary>
public sealed class NationalDirectory
{
    public NationalDirectory(TaxonomyData files)
    {
        ArgumentNullException.ThrowIfNull(files);
        MajorClasses = [.. files.MajorClasses.Where(m => m.Origin == TaxonomyOrigin.Gbt47678)];
        Entries = [.. files.Entries.Where(e => e.Origin == TaxonomyOrigin.Gbt47678)];
        LegacyCodes = files.LegacyCodes;
        LegacyMappings = files.LegacyMappings;
    }

    public IReadOnlyList<MajorClass> MajorClasses { get; }

    public IReadOnlyList<TaxonomyEntry> Entries { get; }

    public IReadOnlyList<LegacyCode> LegacyCodes { get; }

    public IReadOnlyList<LegacyMapping> LegacyMappings { get; }

    public static NationalDirectory Load(string definitionsFolder) =>
        new(TaxonomyFiles.LoadDirectory(Path.Combine(definitionsFolder, "taxonomy")));

    public bool IsNationalMajorClass(CaseKind kind, string majorCode) =>
        MajorClasses.Any(m => m.Kind == kind && m.Code == majorCode);
}
