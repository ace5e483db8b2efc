using CityOps.Cases.Calendar;
using CityOps.Cases.Dispatch;
using CityOps.Cases.Geography;
using CityOps.Cases.Organisation;
using CityOps.Cases.Taxonomy;

namespace CityOps.Cases.Catalog;

/// <summary>Reference data read once from the <c>definitions/</c> folder (read-only).</summary>
public sealed class FileCityCatalog : ICityCatalog
{
    public FileCityCatalog(string definitionsFolder) => Current = Load(definitionsFolder);

    public CitySnapshot Current { get; }

    public static CitySnapshot Load(string definitionsFolder)
    {
        string At(params string[] parts) => Path.Combine([definitionsFolder, .. parts]);
        return new CitySnapshot(
            new TaxonomyCatalog(TaxonomyFiles.LoadDirectory(At("taxonomy"))),
            new GridIndex(GeographyFiles.LoadGeoJson(At("geography", "demo-city.geojson"))),
            new OrganisationDirectory(OrganisationFiles.Load(At("organisation", "departments.json"))),
            new RoutingResolver(new RoutingTable(RoutingFiles.Load(At("routing", "demo-rules.json")))),
            new WorkingCalendar(CalendarFiles.LoadDirectory(At("calendar"))));
    }
}
