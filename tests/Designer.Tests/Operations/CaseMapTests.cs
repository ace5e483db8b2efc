using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bunit;
using CityOps.Designer.Components.Operations;

namespace CityOps.Designer.Tests.Operations;

public sealed partial class CaseMapTests : OpsTestContext
{
    // 雨水井盖异常 in grid 330196001001001 of 明湖街道 (the API tests' case).
    private const double Lat = 30.27045, Lon = 120.1505;

    private static readonly Lazy<string> GridsJson = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "CityOps.sln")))
        {
            dir = dir.Parent;
        }

        var city = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.FullName, "definitions", "geography", "demo-city.geojson")))!;
        var grids = city["features"]!.AsArray().Where(f => (string?)f!["properties"]!["level"] == "grid").Select(f => f!.DeepClone()).ToArray();
        return new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray(grids) }.ToJsonString();
    });

    [Fact]
    public void Render_DemoCityGrids_DrawsFiftyPolygons()
    {
        var cut = Render<CaseMap>(p => p.Add(m => m.GeoJson, GridsJson.Value));

        Assert.Equal(50, cut.FindAll("path.ops-grid").Count);
        Assert.Equal("50", cut.Find("svg").GetAttribute("data-grids"));
        Assert.Empty(cut.FindAll("circle.ops-case-point"));
    }

    [Fact]
    public void Render_WithACase_HighlightsItsGridAndMarksThePointInsideIt()
    {
        var cut = Render<CaseMap>(p => p.Add(m => m.GeoJson, GridsJson.Value).Add(m => m.HighlightGrid, "330196001001001")
            .Add(m => m.Latitude, Lat).Add(m => m.Longitude, Lon));

        var highlighted = Assert.Single(cut.FindAll("path.ops-grid-highlight"));
        Assert.Equal("330196001001001", highlighted.GetAttribute("data-code"));
        var point = cut.Find("circle.ops-case-point");
        var x = double.Parse(point.GetAttribute("cx")!, CultureInfo.InvariantCulture);
        var y = double.Parse(point.GetAttribute("cy")!, CultureInfo.InvariantCulture);
        var corners = Number().Matches(highlighted.GetAttribute("d")!).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).Chunk(2).ToList();
        Assert.InRange(x, corners.Min(c => c[0]), corners.Max(c => c[0]));
        Assert.InRange(y, corners.Min(c => c[1]), corners.Max(c => c[1]));
    }

    [Fact]
    public void ClickGrid_ReportsItsCode()
    {
        string? clicked = null;
        var cut = Render<CaseMap>(p => p.Add(m => m.GeoJson, GridsJson.Value).Add(m => m.OnGridClick, code => clicked = code));

        cut.Find("path[data-code='330196002001002']").Click();

        Assert.Equal("330196002001002", clicked);
    }

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex Number();
}
