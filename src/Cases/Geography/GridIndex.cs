using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace CityOps.Cases.Geography;

/// <summary>
/// Finds the unit grid of a WGS84 point through an STR-tree over grid polygons (no scan), then its community, street
/// and district from the parent codes. A point on an edge or corner shared by several grids is given to the grid
/// with the lowest code (ordinal), so the answer is deterministic.
/// </summary>
public sealed class GridIndex
{
    private readonly STRtree<AreaUnit> _tree = new();
    private readonly Dictionary<string, AreaUnit> _byCode;
    private readonly GeometryFactory _factory = new(new PrecisionModel(), 4326);

    public GridIndex(IEnumerable<AreaUnit> areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        _byCode = [];
        foreach (var area in areas)
        {
            if (!_byCode.TryAdd(area.Code, area))
            {
                throw new ArgumentException($"Area code {area.Code} appears twice.", nameof(areas));
            }
        }

        foreach (var area in _byCode.Values)
        {
            Validate(area);
            if (area.Level == AreaLevel.Grid)
            {
                _tree.Insert(area.Boundary.EnvelopeInternal, area);
            }
        }

        _tree.Build();
    }

    public IReadOnlyCollection<AreaUnit> Areas => _byCode.Values;

    public AreaUnit? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>The grid and its parents for a WGS84 point, or null when the point is outside every grid.</summary>
    public GridLocation? Locate(double latitude, double longitude)
    {
        var point = _factory.CreatePoint(new Coordinate(longitude, latitude));
        var grid = _tree.Query(point.EnvelopeInternal)
            .Where(g => g.Boundary.Covers(point))
            .MinBy(g => g.Code, StringComparer.Ordinal);
        if (grid is null)
        {
            return null;
        }

        var community = _byCode[grid.ParentCode!];
        var street = _byCode[community.ParentCode!];
        return new GridLocation(grid, community, street, _byCode[street.ParentCode!]);
    }

    private void Validate(AreaUnit area)
    {
        var (parentLevel, length) = area.Level switch
        {
            AreaLevel.Grid => (AreaLevel.Community, 15),
            AreaLevel.Community => (AreaLevel.Street, 12),
            AreaLevel.Street => (AreaLevel.District, 9),
            AreaLevel.District => (AreaLevel.Any, 6),
            _ => throw new ArgumentException($"Area {area.Code} has no level.", nameof(area)),
        };
        if (area.Code.Length != length)
        {
            throw new ArgumentException($"{area.Level} code {area.Code} must have {length} characters.", nameof(area));
        }

        if (parentLevel == AreaLevel.Any)
        {
            return;
        }

        if (area.ParentCode is null || !_byCode.TryGetValue(area.ParentCode, out var parent) || parent.Level != parentLevel
            || !area.Code.StartsWith(parent.Code, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{area.Level} {area.Code} needs a {parentLevel} parent whose code prefixes its own (got '{area.ParentCode}').", nameof(area));
        }
    }
}
