using CityOps.Cases.Calendar;
using CityOps.Cases.Dispatch;
using CityOps.Cases.Geography;
using CityOps.Cases.Organisation;
using CityOps.Cases.Persistence;
using CityOps.Cases.Persistence.Catalog;
using CityOps.Cases.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace CityOps.Cases.Catalog;

/// <summary>
/// Copies definitions/ into the catalog tables. A section (one file) is seeded once and then marked
/// (<see cref="CatalogSeedMark"/>); within a section only rows whose key is missing are added. So a restart never
/// overwrites an administrator's edit, never brings back a deleted rule, and still picks up a new file such as
/// <c>cn-holidays-2027.json</c> — unless an administrator already entered that year.
/// </summary>
public sealed class CatalogSeeder(CityOpsDbContext db, TimeProvider time)
{
    public const string SeedUser = "seed";

    /// <summary>Seeds what is missing; returns the sections seeded by this call.</summary>
    public async Task<IReadOnlyList<string>> SeedAsync(string definitionsFolder, CancellationToken cancellationToken)
    {
        var marked = (await db.Set<CatalogSeedMark>().Select(m => m.Section).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var seeded = new List<string>();
        var now = time.GetUtcNow();

        async Task Section(string section, Func<string, Task<int>> add)
        {
            var file = Path.Combine(definitionsFolder, section);
            if (marked.Contains(section) || !File.Exists(file))
            {
                return;
            }

            var added = await add(file);
            db.Add(new CatalogSeedMark { Section = section, SeededAt = now, Added = added });
            seeded.Add(section);
        }

        await Section("taxonomy/local-extensions.csv", f => AddMissingAsync(LocalCodes(f), c => (c.Kind, c.Code), cancellationToken));
        await Section("taxonomy/local-config.csv", f => AddMissingAsync(CodeConfigs(f, now), c => (c.Kind, c.Code), cancellationToken));
        await Section("geography/demo-city.geojson", f => AddMissingAsync(GeographyFiles.LoadGeoJson(f).Select(CatalogJson.ToRecord), a => a.Code, cancellationToken));
        await Section("organisation/departments.json", f => SeedOrganisationAsync(f, cancellationToken));
        await Section("routing/demo-rules.json", f => AddMissingAsync(RoutingFiles.Load(f).Select(r => new RoutingRuleRecord
        {
            Id = r.Id, Code = r.Code.ToString(), Area = r.Area.ToString(), DepartmentCode = r.DepartmentCode, Note = r.Note, UpdatedAt = now, UpdatedBy = SeedUser,
        }), r => r.Id, cancellationToken));
        await Section($"calendar/{CalendarFiles.HoursFileName}", f => AddMissingAsync([Hours(f, now)], h => h.Id, cancellationToken));
        var calendar = Path.Combine(definitionsFolder, "calendar");
        var yearFiles = Directory.Exists(calendar) ? Directory.GetFiles(calendar, CalendarFiles.YearFilePattern).Order(StringComparer.Ordinal).ToArray() : [];
        foreach (var yearFile in yearFiles)
        {
            await Section($"calendar/{Path.GetFileName(yearFile)}", f => AddMissingAsync([YearRecord(CalendarFiles.LoadYear(f), now)], y => y.Year, cancellationToken));
        }

        if (seeded.Count > 0)
        {
            var revision = await db.Set<CatalogRevision>().SingleOrDefaultAsync(cancellationToken);
            if (revision is null)
            {
                revision = new CatalogRevision();
                db.Add(revision);
            }

            revision.Value++;
            revision.ChangedAt = now;
            revision.ChangedBy = SeedUser;
            await db.SaveChangesAsync(cancellationToken);
        }

        return seeded;
    }

    /// <summary>A calendar year as it is stored.</summary>
    public static CalendarYearRecord YearRecord(CalendarYear y, DateTimeOffset now) => new()
    {
        Year = y.Year, Status = y.Status, Holidays = CatalogJson.WriteHolidays(y.Holidays),
        AdjustedWorkdays = CatalogJson.WriteDates(y.AdjustedWorkdays), SourceNotes = CatalogJson.WriteStrings(y.SourceNotes), UpdatedAt = now,
    };

    private async Task<int> AddMissingAsync<T, TKey>(IEnumerable<T> rows, Func<T, TKey> key, CancellationToken cancellationToken)
        where T : class
    {
        var existing = (await db.Set<T>().AsNoTracking().ToListAsync(cancellationToken)).Select(key).ToHashSet();
        var added = 0;
        foreach (var row in rows.Where(r => existing.Add(key(r))))
        {
            db.Add(row);
            added++;
        }

        return added;
    }

    private async Task<int> SeedOrganisationAsync(string file, CancellationToken cancellationToken)
    {
        var data = OrganisationFiles.Load(file);
        var added = await AddMissingAsync(data.Departments.Select(d => new DepartmentRecord
        {
            Code = d.Code, NameZh = d.NameZh, NameEn = d.NameEn, Level = d.Level, ParentCode = d.ParentCode, AreaCode = d.AreaCode, Kind = d.Kind,
        }), d => d.Code, cancellationToken);

        // Lines of the 权责清单 have no natural key: they are seeded only into an empty list.
        if (!await db.Set<ResponsibilityRecord>().AnyAsync(cancellationToken))
        {
            foreach (var r in data.Responsibilities)
            {
                db.Add(new ResponsibilityRecord
                {
                    DepartmentCode = r.DepartmentCode, Codes = string.Join(' ', r.Codes.Select(c => c.ToString())), Area = r.Area.ToString(), DutyZh = r.DutyZh, DutyEn = r.DutyEn,
                });
                added++;
            }
        }

        return added;
    }

    private static IEnumerable<LocalCodeRecord> LocalCodes(string file) =>
        CsvTable.Read(file).Select(r => new LocalCodeRecord
        {
            Kind = TaxonomyFiles.Kind(r["kind"]), Code = r["code"], MajorCode = r["major_code"], MajorClassZh = r["major_class_zh"], MajorClassEn = r["major_class_en"],
            NameZh = r["name_zh"], NameEn = r["name_en"], Note = r.TryGetValue("note", out var note) && note.Length > 0 ? note : null,
        });

    private static IEnumerable<CodeConfigRecord> CodeConfigs(string file, DateTimeOffset now) =>
        CsvTable.Read(file).Select(r => new CodeConfigRecord
        {
            Kind = TaxonomyFiles.Kind(r["kind"]), Code = r["code"], DepartmentCode = r["department_code"],
            Urgency = Enum.Parse<Urgency>(r["urgency"], ignoreCase: true),
            LimitAmount = decimal.Parse(r["limit_amount"], System.Globalization.CultureInfo.InvariantCulture),
            LimitUnit = Sla.TimeLimit.ParseUnit(r["limit_unit"]), Source = r["source"], UpdatedAt = now,
        });

    private static CalendarHoursRecord Hours(string file, DateTimeOffset now)
    {
        var definition = CalendarFiles.LoadDirectory(Path.GetDirectoryName(file)!);
        return new CalendarHoursRecord
        {
            TimeZoneId = definition.TimeZoneId, StandardDay = definition.Hours.StandardDay,
            Weekdays = CatalogJson.WriteWeekdays(definition.Hours.Days), UpdatedAt = now,
        };
    }
}
