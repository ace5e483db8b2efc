using CityOps.Cases.Calendar;
using CityOps.Cases.Dispatch;
using CityOps.Cases.Geography;
using CityOps.Cases.Organisation;
using CityOps.Cases.Persistence;
using CityOps.Cases.Persistence.Catalog;
using CityOps.Cases.Sla;
using CityOps.Cases.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace CityOps.Cases.Catalog;

/// <summary>A snapshot and the catalog revision it was read at.</summary>
public sealed record RevisedSnapshot(long Revision, CitySnapshot Snapshot);

/// <summary>Reads the catalog tables into a <see cref="CitySnapshot"/> (the domain constructors validate it).</summary>
internal static class CatalogSnapshotLoader
{
    public static async Task<RevisedSnapshot> LoadAsync(CityOpsDbContext db, NationalDirectory national, CancellationToken cancellationToken)
    {
        // Tables are read without a transaction; reading the revision before and after and retrying on a change
        // guarantees the snapshot is one committed state, not half of one edit and half of the next.
        for (var attempt = 1; ; attempt++)
        {
            var before = await RevisionAsync(db, cancellationToken);
            var rows = await ReadAsync(db, cancellationToken);
            var after = await RevisionAsync(db, cancellationToken);
            if (before == after || attempt == 5)
            {
                return new RevisedSnapshot(after, Build(rows, national));
            }
        }
    }

    public static Task<long> RevisionAsync(CityOpsDbContext db, CancellationToken cancellationToken) =>
        db.Set<CatalogRevision>().AsNoTracking().Where(r => r.Id == CatalogRevision.SingletonId).Select(r => r.Value)
            .FirstOrDefaultAsync(cancellationToken);

    internal static CitySnapshot Build(Rows rows, NationalDirectory national)
    {
        var localMajors = rows.Codes
            .GroupBy(c => (c.Kind, c.MajorCode))
            .Select(g => new MajorClass(g.Key.Kind, g.Key.MajorCode, g.First().MajorClassZh, g.First().MajorClassEn, TaxonomyOrigin.LocalExtension));
        var entries = national.Entries
            .Concat(rows.Codes.Select(c => new TaxonomyEntry(c.Kind, c.Code, c.MajorCode, c.NameZh, c.NameEn, TaxonomyOrigin.LocalExtension)))
            .ToList();
        var majors = national.MajorClasses.Concat(localMajors).ToList();
        var known = entries.Select(e => (e.Kind, e.Code)).Concat(majors.Select(m => (m.Kind, m.Code))).ToHashSet();
        var taxonomy = new TaxonomyData(
            majors,
            entries,
            national.LegacyCodes,
            [.. national.LegacyMappings.Where(m => known.Contains((m.NewKind, m.NewCode)))],
            [.. rows.Configs.Select(c => new LocalCodeConfig(c.Kind, c.Code, c.DepartmentCode, c.Urgency, new TimeLimit(c.LimitAmount, c.LimitUnit), c.Source))]);

        var organisation = new OrganisationData(
            [.. rows.Departments.OrderBy(d => d.Level).ThenBy(d => d.Code, StringComparer.Ordinal)
                .Select(d => new Department(d.Code, d.NameZh, d.NameEn, d.Level, d.ParentCode, d.AreaCode, d.Kind))],
            [.. rows.Responsibilities.OrderBy(r => r.Id).Select(r => new Responsibility(
                r.DepartmentCode,
                [.. r.Codes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(CodeSelector.Parse)],
                AreaSelector.Parse(r.Area), r.DutyZh, r.DutyEn))]);

        var rules = rows.Rules.OrderBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => new RoutingRule(r.Id, CodeSelector.Parse(r.Code), AreaSelector.Parse(r.Area), r.DepartmentCode, r.Note));

        var hours = rows.Hours is null
            ? WeeklyHours.Default
            : new WeeklyHours(CatalogJson.ReadWeekdays(rows.Hours.Weekdays), rows.Hours.StandardDay);
        var calendar = new CalendarDefinition(
            rows.Hours?.TimeZoneId ?? CalendarDefinition.ChinaTimeZoneId,
            hours,
            [.. rows.Years.OrderBy(y => y.Year).Select(ToYear)]);

        return new CitySnapshot(
            new TaxonomyCatalog(taxonomy),
            new GridIndex(rows.Areas.Select(a => new AreaUnit(a.Code, a.Name, a.Level, a.ParentCode, CatalogJson.ReadGeometry(a.Geometry)))),
            new OrganisationDirectory(organisation),
            new RoutingResolver(new RoutingTable(rules)),
            new WorkingCalendar(calendar));
    }

    internal static CalendarYear ToYear(CalendarYearRecord y) =>
        new(y.Year, y.Status, CatalogJson.ReadHolidays(y.Holidays), CatalogJson.ReadDates(y.AdjustedWorkdays), CatalogJson.ReadStrings(y.SourceNotes));

    private static async Task<Rows> ReadAsync(CityOpsDbContext db, CancellationToken ct) => new(
        await db.Set<LocalCodeRecord>().AsNoTracking().ToListAsync(ct),
        await db.Set<CodeConfigRecord>().AsNoTracking().ToListAsync(ct),
        await db.Set<AreaRecord>().AsNoTracking().ToListAsync(ct),
        await db.Set<DepartmentRecord>().AsNoTracking().ToListAsync(ct),
        await db.Set<ResponsibilityRecord>().AsNoTracking().ToListAsync(ct),
        await db.Set<RoutingRuleRecord>().AsNoTracking().ToListAsync(ct),
        await db.Set<CalendarHoursRecord>().AsNoTracking().FirstOrDefaultAsync(ct),
        await db.Set<CalendarYearRecord>().AsNoTracking().ToListAsync(ct));

    internal sealed record Rows(
        List<LocalCodeRecord> Codes,
        List<CodeConfigRecord> Configs,
        List<AreaRecord> Areas,
        List<DepartmentRecord> Departments,
        List<ResponsibilityRecord> Responsibilities,
        List<RoutingRuleRecord> Rules,
        CalendarHoursRecord? Hours,
        List<CalendarYearRecord> Years);
}
