using CityOps.Cases.Calendar;
using CityOps.Cases.Dispatch;
using CityOps.Cases.Geography;
using CityOps.Cases.Organisation;
using CityOps.Cases.Taxonomy;

namespace CityOps.Cases.Catalog;

/// <summary>
/// The city's reference data as ready-to-use, immutable lookups: taxonomy, grids, organisation, routing, calendar.
/// A snapshot never changes; after an administrator edits the data, <see cref="Current"/> returns a new snapshot.
/// </summary>
public interface ICityCatalog
{
    /// <summary>The snapshot to use for one request or one workflow step.</summary>
    CitySnapshot Current { get; }
}

/// <summary>One consistent view of the reference data.</summary>
public sealed record CitySnapshot(
    TaxonomyCatalog Taxonomy,
    GridIndex Grids,
    OrganisationDirectory Organisation,
    RoutingResolver Routing,
    WorkingCalendar Calendar);
