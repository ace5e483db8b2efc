namespace CityOps.Cases.Taxonomy;

/// <summary>
/// Look-ups over the GB/T 47678.5 directory, local extensions and the legacy GB/T 30428.2 codes. Codes are unique per
/// kind only (01001 is both a component and its fault matter), so every look-up takes the kind. Immutable.
/// </summary>
public sealed class TaxonomyCatalog
{
    private readonly Dictionary<(CaseKind, string), TaxonomyEntry> _entries;
    private readonly Dictionary<(CaseKind, string), MajorClass> _majors;
    private readonly Dictionary<(CaseKind, bool, string), LegacyMapping> _legacy;
    private readonly Dictionary<(CaseKind, string), LocalCodeConfig> _configs;

    public TaxonomyCatalog(TaxonomyData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Data = data;
        _entries = Unique(data.Entries, e => (e.Kind, e.Code), "code");
        _majors = Unique(data.MajorClasses, m => (m.Kind, m.Code), "major class");
        _legacy = Unique(data.LegacyMappings, m => (m.LegacyKind, m.IsMajorClass, m.LegacyCode), "legacy mapping");
        _configs = Unique(data.LocalConfigs, c => (c.Kind, c.Code), "local configuration");
        foreach (var m in data.LegacyMappings)
        {
            var known = m.IsMajorClass ? _majors.ContainsKey((m.NewKind, m.NewCode)) : _entries.ContainsKey((m.NewKind, m.NewCode));
            if (!known)
            {
                throw new ArgumentException($"Legacy {m.LegacyKind} {m.LegacyCode} maps to unknown {m.NewKind} {m.NewCode}.", nameof(data));
            }
        }

        var orphan = data.LocalConfigs.FirstOrDefault(c => !_entries.ContainsKey((c.Kind, c.Code)));
        if (orphan is not null)
        {
            throw new ArgumentException($"Local configuration for unknown {orphan.Kind} {orphan.Code}.", nameof(data));
        }
    }

    public TaxonomyData Data { get; }

    /// <summary>A current (GB/T 47678.5 or local extension) 5-digit code.</summary>
    public TaxonomyEntry? Find(CaseKind kind, string code) => _entries.GetValueOrDefault((kind, code));

    /// <summary>
    /// A current 5-digit code, or a legacy 4-digit GB/T 30428.2 type code resolved through the mapping table
    /// (legacy 事件 codes are passed as <see cref="CaseKind.Matter"/>). Null when unknown.
    /// </summary>
    public CodeResolution? Resolve(CaseKind kind, string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (Find(kind, code) is { } entry)
        {
            return new CodeResolution(entry, code, null);
        }

        if (code.Length == 4 && _legacy.TryGetValue((kind, false, code), out var map) && Find(map.NewKind, map.NewCode) is { } mapped)
        {
            return new CodeResolution(mapped, code, map);
        }

        return null;
    }

    /// <summary>The current major class a legacy 2-digit major class maps to.</summary>
    public MajorClass? ResolveLegacyMajorClass(CaseKind kind, string legacyMajor) =>
        _legacy.TryGetValue((kind, true, legacyMajor), out var map) ? _majors.GetValueOrDefault((map.NewKind, map.NewCode)) : null;

    public MajorClass? MajorClassOf(CaseKind kind, string majorCode) => _majors.GetValueOrDefault((kind, majorCode));

    public IReadOnlyList<MajorClass> MajorClasses(CaseKind kind) =>
        [.. _majors.Values.Where(m => m.Kind == kind).OrderBy(m => m.Code, StringComparer.Ordinal)];

    public IReadOnlyList<TaxonomyEntry> ByKind(CaseKind kind) =>
        [.. _entries.Values.Where(e => e.Kind == kind).OrderBy(e => e.Code, StringComparer.Ordinal)];

    public IReadOnlyList<TaxonomyEntry> ByMajorClass(CaseKind kind, string majorCode) =>
        [.. ByKind(kind).Where(e => e.MajorCode == majorCode)];

    /// <summary>Entries whose Chinese or English name contains <paramref name="text"/> (case-insensitive), or whose code starts with it.</summary>
    public IReadOnlyList<TaxonomyEntry> Search(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var t = text.Trim();
        return [.. _entries.Values
            .Where(e => e.NameZh.Contains(t, StringComparison.OrdinalIgnoreCase)
                || e.NameEn.Contains(t, StringComparison.OrdinalIgnoreCase)
                || e.Code.StartsWith(t, StringComparison.Ordinal))
            .OrderBy(e => e.Kind).ThenBy(e => e.Code, StringComparer.Ordinal)];
    }

    /// <summary>Local defaults (department, urgency, handling limit) for a current code, if configured.</summary>
    public LocalCodeConfig? ConfigFor(CaseKind kind, string code) => _configs.GetValueOrDefault((kind, code));

    /// <summary>The fault matter ("&lt;component&gt; 异常") that reports a problem with a component type, if any.</summary>
    public TaxonomyEntry? FaultMatterFor(TaxonomyEntry component)
    {
        ArgumentNullException.ThrowIfNull(component);
        // Only the national directory pairs codes this way; local extension numbers of the two kinds are unrelated.
        return component is { Kind: CaseKind.Component, Origin: TaxonomyOrigin.Gbt47678 } ? Find(CaseKind.Matter, component.Code) : null;
    }

    private static Dictionary<TKey, T> Unique<TKey, T>(IEnumerable<T> items, Func<T, TKey> key, string what)
        where TKey : notnull
    {
        var map = new Dictionary<TKey, T>();
        foreach (var item in items)
        {
            if (!map.TryAdd(key(item), item))
            {
                throw new ArgumentException($"Duplicate {what}: {key(item)}.", nameof(items));
            }
        }

        return map;
    }
}
