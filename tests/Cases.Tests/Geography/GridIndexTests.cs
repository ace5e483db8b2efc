using CityOps.Cases.Geography;
using static CityOps.Cases.Tests.TestData;

namespace CityOps.Cases.Tests.Geography;

// Lattice of the demo city: column c, row r (from the south-west) spans lon 120.150 + c·0.001 .. +0.001 and
// lat 30.270 + r·0.0009 .. +0.0009. Streets by columns: 001 = 0–2, 002 = 3–4, 003 = 5–7, 004 = 8–9.
public sealed class GridIndexTests
{
    [Theory]
    // lat, lon (centre of a cell)  → grid code — hand derivation
    [InlineData(30.27045, 120.1505, "330196001001001")] // c0 r0: 湖滨社区 (rows 0–1) first grid
    [InlineData(30.27225, 120.1545, "330196002001006")] // c4 r2: 桂花社区 (cols 3–4, rows 0–2), 6th in row order
    [InlineData(30.27315, 120.1565, "330196003002005")] // c6 r3: 翠竹社区 (cols 5–7, rows 2–4): r2 → 1..3, r3 c5 → 4, c6 → 5
    [InlineData(30.27405, 120.1595, "330196004003002")] // c9 r4: 沙洲社区 (row 4), second grid
    public void Locate_PointInsideGrid_ReturnsGridAndParents(double lat, double lon, string grid)
    {
        var location = DemoCity.Locate(lat, lon);

        Assert.NotNull(location);
        Assert.Equal(grid, location.Grid.Code);
        Assert.Equal(grid[..12], location.Community.Code);
        Assert.Equal(grid[..9], location.Street.Code);
        Assert.Equal("330196", location.District.Code);
        Assert.Equal(AreaPath.FromCode(grid), location.Path);
    }

    [Theory]
    [InlineData(30.27045, 120.151, "330196001001001")] // edge between c0 (…001) and c1 (…002): lowest code
    [InlineData(30.27045, 120.153, "330196001001003")] // street boundary: 明湖 c2 (…001001003) vs 桂园 c3 (…002001001)
    [InlineData(30.2709, 120.151, "330196001001001")] // corner of four grids 001, 002, 004, 005
    [InlineData(30.27045, 120.150, "330196001001001")] // on the district's west boundary: boundary counts as inside
    public void Locate_PointOnSharedBoundary_PicksLowestCode(double lat, double lon, string grid)
    {
        Assert.Equal(grid, DemoCity.Locate(lat, lon)?.Grid.Code);
    }

    [Theory]
    [InlineData(30.28, 120.155)] // north of the city
    [InlineData(30.2705, 120.1499)] // just west
    [InlineData(0, 0)]
    public void Locate_PointOutsideTheCity_ReturnsNull(double lat, double lon)
    {
        Assert.Null(DemoCity.Locate(lat, lon));
    }

    [Fact]
    public void DemoCity_HasTheBriefsShape()
    {
        var byLevel = DemoCity.Areas.GroupBy(a => a.Level).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(1, byLevel[AreaLevel.District]);
        Assert.Equal(4, byLevel[AreaLevel.Street]);
        Assert.Equal(10, byLevel[AreaLevel.Community]);
        Assert.Equal(50, byLevel[AreaLevel.Grid]);
        Assert.All(DemoCity.Areas.Where(a => a.Level == AreaLevel.Street),
            s => Assert.InRange(DemoCity.Areas.Count(c => c.ParentCode == s.Code), 2, 3));
    }

    [Fact]
    public void Grids_TileTheDistrictSeamlessly_AndSitInsideTheirCommunity()
    {
        var grids = DemoCity.Areas.Where(a => a.Level == AreaLevel.Grid).ToList();
        var district = DemoCity.Find("330196")!.Boundary;

        // No gaps: the union equals the district. No overlaps: the areas add up to the district's.
        var union = NetTopologySuite.Operation.Union.CascadedPolygonUnion.Union(grids.Select(g => g.Boundary).ToList());
        Assert.True(union.SymmetricDifference(district).Area < 1e-12);
        Assert.Equal(district.Area, grids.Sum(g => g.Boundary.Area), 12);
        Assert.All(grids, g => Assert.True(DemoCity.Find(g.ParentCode!)!.Boundary.Covers(g.Boundary), g.Code));
    }

    [Fact]
    public void GridArea_IsAboutTenThousandSquareMetres()
    {
        // 0.001° lon × cos(30.27°) × 111.32 km ≈ 96.1 m; 0.0009° lat × 110.85 km ≈ 99.8 m → ≈ 9,600 m² (万米单元网格).
        var cell = DemoCity.Find("330196001001001")!.Boundary.EnvelopeInternal;
        var width = cell.Width * 111_320 * Math.Cos(30.27 * Math.PI / 180);
        var height = cell.Height * 110_850;

        Assert.InRange(width * height, 9_000, 11_000);
    }
}
