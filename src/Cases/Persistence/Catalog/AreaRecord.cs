using CityOps.Cases.Geography;

namespace CityOps.Cases.Persistence.Catalog;

/// <summary>A district, street, community or unit grid; the boundary is GeoJSON geometry text (WGS84).</summary>
public sealed class AreaRecord
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public AreaLevel Level { get; set; }

    public string? ParentCode { get; set; }

    /// <summary>GeoJSON geometry object, e.g. <c>{"type":"Polygon","coordinates":[…]}</c>.</summary>
    public string Geometry { get; set; } = "";
}
