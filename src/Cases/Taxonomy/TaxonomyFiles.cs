using CityOps.Cases.Sla;

namespace CityOps.Cases.Taxonomy;

/// <summary>
/// Reads <see cref="TaxonomyData"/> from definitions/taxonomy: gbt47678-5-codes.csv, names-en.csv,
/// local-extensions.csv, legacy-gbt30428.csv, legacy-to-gbt47678.csv and local-config.csv.
/// </summary>
public static class TaxonomyFiles
{
    public static TaxonomyData LoadDirectory(string directory)
    {
        IReadOnlyList<IReadOnlyDictionary<string, string>> Csv(string name) => CsvTable.Read(Path.Combine(directory, name));

        var english = Csv("names-en.csv").ToDictionary(r => (Kind(r["kind"]), r["level"], r["code"]), r => r["name_en"]);
        string En(CaseKind kind, string level, string code) => english.GetValueOrDefault((kind, level, code), "");

        var majors = new Dictionary<(CaseKind, string), MajorClass>();
        var entries = new List<TaxonomyEntry>();
        foreach (var r in Csv("gbt47678-5-codes.csv"))
        {
            var kind = Kind(r["kind"]);
            var code = r["code"];
            var major = code[..2];
            majors.TryAdd((kind, major), new MajorClass(kind, major, r["major_class"], En(kind, "major", major), TaxonomyOrigin.Gbt47678));
            entries.Add(new TaxonomyEntry(kind, code, major, r["name_zh"], En(kind, "type", code), TaxonomyOrigin.Gbt47678));
        }

        foreach (var r in Csv("local-extensions.csv"))
        {
            var kind = Kind(r["kind"]);
            majors.TryAdd((kind, r["major_code"]), new MajorClass(kind, r["major_code"], r["major_class_zh"], r["major_class_en"], TaxonomyOrigin.LocalExtension));
            entries.Add(new TaxonomyEntry(kind, r["code"], r["major_code"], r["name_zh"], r["name_en"], TaxonomyOrigin.LocalExtension));
        }

        var legacy = Csv("legacy-gbt30428.csv")
            .Select(r => new LegacyCode(Kind(r["kind"]), r["level"] == "major", r["code"], r["major_code"], r["name_zh"], r["name_en"], r["source"]))
            .ToList();
        var mappings = Csv("legacy-to-gbt47678.csv")
            .Select(r => new LegacyMapping(Kind(r["legacy_kind"]), r["level"] == "major", r["legacy_code"], Kind(r["new_kind"]), r["new_code"],
                Enum.Parse<MappingConfidence>(r["confidence"], ignoreCase: true), r["basis"]))
            .ToList();
        var configs = Csv("local-config.csv")
            .Select(r => new LocalCodeConfig(Kind(r["kind"]), r["code"], r["department_code"], Enum.Parse<Urgency>(r["urgency"], ignoreCase: true),
                new TimeLimit(decimal.Parse(r["limit_amount"], System.Globalization.CultureInfo.InvariantCulture), TimeLimit.ParseUnit(r["limit_unit"])),
                r["source"]))
            .ToList();
        return new TaxonomyData([.. majors.Values], entries, legacy, mappings, configs);
    }

    /// <summary>component | matter; the legacy word "event" (事件) means matter.</summary>
    public static CaseKind Kind(string text) => text.ToUpperInvariant() switch
    {
        "COMPONENT" => CaseKind.Component,
        "MATTER" or "EVENT" => CaseKind.Matter,
        _ => throw new FormatException($"Unknown kind '{text}' (component, matter or event)."),
    };
}
