using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;

namespace CityOps.Cases.Geography;

/// <summary>Reads areas from a GeoJSON FeatureCollection whose features carry code, name, level and parent.</summary>
public static class GeographyFiles
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new GeoJsonConverterFactory() } };

    public static IReadOnlyList<AreaUnit> LoadGeoJson(string path)
    {
        using var stream = File.OpenRead(path);
        var features = JsonSerializer.Deserialize<FeatureCollection>(stream, Options)
            ?? throw new InvalidDataException($"{path} is empty.");
        return [.. features.Select(f => ToArea(f, path))];
    }

    private static AreaUnit ToArea(IFeature feature, string path)
    {
        string? Text(string name) =>
            feature.Attributes.Exists(name) ? feature.Attributes[name]?.ToString() is { Length: > 0 } s ? s : null : null;

        var code = Text("code") ?? throw new InvalidDataException($"{path}: a feature has no code.");
        var level = Enum.Parse<AreaLevel>(Text("level") ?? "", ignoreCase: true);
        return new AreaUnit(code, Text("name") ?? code, level, Text("parent"), feature.Geometry);
    }
}
