using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CityOps.Designer.Components.Operations;

/// <summary>A polygon of the grid map: its code, name and SVG path in map units.</summary>
internal sealed record MapArea(string Code, string Name, string Path, double LabelX, double LabelY);

/// <summary>
/// The city's grids read from GeoJSON (Polygon / MultiPolygon, WGS84) and projected onto an SVG canvas: longitude
/// scaled by cos(latitude) so a square kilometre stays square, north up. No tiles: nothing leaves the node.
/// </summary>
internal sealed class GridMapModel
{
    public const double Width = 1000;

    private readonly double minLon, maxLat, scale;

    private GridMapModel(IReadOnlyList<(string Code, string Name, List<List<double[]>> Rings)> areas)
    {
        var points = areas.SelectMany(a => a.Rings).SelectMany(r => r).ToList();
        if (points.Count == 0)
        {
            Areas = [];
            Height = Width / 2;
            return;
        }

        minLon = points.Min(p => p[0]);
        var maxLon = points.Max(p => p[0]);
        var minLat = points.Min(p => p[1]);
        maxLat = points.Max(p => p[1]);
        var squash = Math.Cos((minLat + maxLat) / 2 * Math.PI / 180);
        scale = Width / Math.Max((maxLon - minLon) * squash, 1e-9);
        lonFactor = scale * squash;
        Height = Math.Max((maxLat - minLat) * scale, 1);
        Areas = [.. areas.Select(a => Project(a.Code, a.Name, a.Rings))];
    }

    private readonly double lonFactor;

    public IReadOnlyList<MapArea> Areas { get; }

    public double Height { get; }

    public static GridMapModel Parse(string? geoJson)
    {
        var areas = new List<(string, string, List<List<double[]>>)>();
        if (string.IsNullOrWhiteSpace(geoJson))
        {
            return new GridMapModel(areas);
        }

        using var doc = JsonDocument.Parse(geoJson);
        if (!doc.RootElement.TryGetProperty("features", out var features))
        {
            return new GridMapModel(areas);
        }

        foreach (var feature in features.EnumerateArray())
        {
            var props = feature.GetProperty("properties");
            var code = props.TryGetProperty("code", out var c) ? c.GetString() ?? "" : "";
            var name = props.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
            var geometry = feature.GetProperty("geometry");
            var coordinates = geometry.GetProperty("coordinates");
            var polygons = geometry.GetProperty("type").GetString() == "MultiPolygon"
                ? coordinates.EnumerateArray().ToList()
                : [coordinates];
            var rings = polygons.SelectMany(p => p.EnumerateArray())
                .Select(ring => ring.EnumerateArray().Select(pt => new[] { pt[0].GetDouble(), pt[1].GetDouble() }).ToList())
                .ToList();
            areas.Add((code, name, rings));
        }

        return new GridMapModel(areas);
    }

    /// <summary>Where a WGS84 point falls on the canvas.</summary>
    public (double X, double Y) ToCanvas(double latitude, double longitude) =>
        ((longitude - minLon) * lonFactor, (maxLat - latitude) * scale);

    private MapArea Project(string code, string name, List<List<double[]>> rings)
    {
        var path = new StringBuilder();
        foreach (var ring in rings)
        {
            for (var i = 0; i < ring.Count; i++)
            {
                var (x, y) = ToCanvas(ring[i][1], ring[i][0]);
                path.Append(i == 0 ? 'M' : 'L').Append(Num(x)).Append(' ').Append(Num(y)).Append(' ');
            }

            path.Append("Z ");
        }

        var outer = rings.FirstOrDefault() ?? [];
        var (cx, cy) = outer.Count == 0 ? (0, 0) : ToCanvas(outer.Average(p => p[1]), outer.Average(p => p[0]));
        return new MapArea(code, name, path.ToString().TrimEnd(), cx, cy);
    }

    internal static string Num(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
