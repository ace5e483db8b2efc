using CityOps.Workflows.Activities;

namespace CityOps.Designer.Canvas;

/// <summary>One palette category and its activities.</summary>
public sealed record PaletteGroup(string Category, IReadOnlyList<ActivityDescriptor> Items);

/// <summary>Groups the catalog by category and filters it by a search text (type, zh/en name, category, description).</summary>
public static class PaletteFilter
{
    public static IReadOnlyList<PaletteGroup> Apply(IEnumerable<ActivityDescriptor> descriptors, string? search, bool english)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        var terms = (search ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return [.. descriptors
            .Where(d => terms.All(t => Matches(d, t)))
            .GroupBy(d => d.Category, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PaletteGroup(g.Key, [.. g.OrderBy(d => english ? d.DisplayNameEn : d.DisplayNameZh, StringComparer.CurrentCulture)]))];
    }

    private static bool Matches(ActivityDescriptor d, string term) =>
        d.Type.Contains(term, StringComparison.OrdinalIgnoreCase)
        || d.DisplayNameZh.Contains(term, StringComparison.OrdinalIgnoreCase)
        || d.DisplayNameEn.Contains(term, StringComparison.OrdinalIgnoreCase)
        || d.Category.Contains(term, StringComparison.OrdinalIgnoreCase)
        || d.Description.Contains(term, StringComparison.OrdinalIgnoreCase);
}
