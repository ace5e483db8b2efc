using System.Globalization;
using CityOps.Cases.Calendar;
using CityOps.Cases.Dispatch;
using CityOps.Cases.Geography;
using CityOps.Cases.Organisation;
using CityOps.Cases.Taxonomy;

namespace CityOps.Cases.Tests;

// Paths and parsers shared by the tests. Reference data is copied next to the test assembly.
internal static class TestData
{
    public static string Definitions(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "definitions", .. parts]);

    private static readonly Lazy<WorkingCalendar> China = new(() =>
        new WorkingCalendar(CalendarFiles.LoadDirectory(Definitions("calendar"))));

    /// <summary>The committed calendar: default hours, 2026 data, no 2027.</summary>
    public static WorkingCalendar CnCalendar => China.Value;

    private static readonly Lazy<TaxonomyCatalog> Codes = new(() =>
        new TaxonomyCatalog(TaxonomyFiles.LoadDirectory(Definitions("taxonomy"))));

    /// <summary>The committed taxonomy: GB/T 47678.5, local extensions, legacy mapping, local configuration.</summary>
    public static TaxonomyCatalog CodeCatalog => Codes.Value;

    private static readonly Lazy<GridIndex> Grids = new(() =>
        new GridIndex(GeographyFiles.LoadGeoJson(Definitions("geography", "demo-city.geojson"))));

    /// <summary>The committed demo city: district 330196, 4 streets, 10 communities, 50 grids.</summary>
    public static GridIndex DemoCity => Grids.Value;

    private static readonly Lazy<OrganisationDirectory> Org = new(() =>
        new OrganisationDirectory(OrganisationFiles.Load(Definitions("organisation", "departments.json"))));

    /// <summary>The committed demo departments and 权责清单.</summary>
    public static OrganisationDirectory Departments => Org.Value;

    /// <summary>The committed demo routing table.</summary>
    public static RoutingResolver DemoRouting { get; } =
        new(new RoutingTable(RoutingFiles.Load(Definitions("routing", "demo-rules.json"))));

    /// <summary>"2026-03-02 10:00" in Beijing time (+08:00).</summary>
    public static DateTimeOffset Bj(string local) =>
        DateTimeOffset.ParseExact(local + " +08:00", "yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);

    /// <summary>"Mon 10:00-Tue 09:00" style suspension from two local instants.</summary>
    public static SuspensionInterval Stop(string from, string to) => new(Bj(from), Bj(to));
}
