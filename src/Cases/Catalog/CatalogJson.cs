using System.Globalization;
using System.Text.Json;
using CityOps.Cases.Calendar;
using CityOps.Cases.Geography;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace CityOps.Cases.Catalog;

/// <summary>The JSON text stored in catalog columns: GeoJSON geometries, weekday periods, holidays.</summary>
public static class CatalogJson
{
    /// <summary>Web defaults plus NTS GeoJSON converters (for geometries and FeatureCollections).</summary>
    public static JsonSerializerOptions GeoJson { get; } = new(JsonSerializerOptions.Web) { Converters = { new GeoJsonConverterFactory() } };

    public static string WriteGeometry(Geometry geometry) => JsonSerializer.Serialize(geometry, GeoJson);

    public static Geometry ReadGeometry(string json) =>
        JsonSerializer.Deserialize<Geometry>(json, GeoJson) ?? throw new InvalidDataException("Empty geometry.");

    public static string WriteWeekdays(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>> days) =>
        JsonSerializer.Serialize(
            days.Where(d => d.Value.Count > 0).ToDictionary(d => d.Key.ToString(), d => d.Value.Select(p => new PeriodText(Hm(p.Start), Hm(p.End))).ToList()),
            JsonSerializerOptions.Web);

    public static Dictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>> ReadWeekdays(string json) =>
        (JsonSerializer.Deserialize<Dictionary<string, List<PeriodText>>>(json, JsonSerializerOptions.Web) ?? [])
            .ToDictionary(d => Enum.Parse<DayOfWeek>(d.Key), d => (IReadOnlyList<WorkingPeriod>)[.. d.Value.Select(p => WorkingPeriod.Parse(p.Start, p.End))]);

    public static string WriteHolidays(IEnumerable<HolidayRange> holidays) => JsonSerializer.Serialize(holidays, JsonSerializerOptions.Web);

    public static IReadOnlyList<HolidayRange> ReadHolidays(string json) =>
        JsonSerializer.Deserialize<List<HolidayRange>>(json, JsonSerializerOptions.Web) ?? [];

    public static string WriteDates(IEnumerable<DateOnly> dates) => JsonSerializer.Serialize(dates, JsonSerializerOptions.Web);

    public static IReadOnlyList<DateOnly> ReadDates(string json) => JsonSerializer.Deserialize<List<DateOnly>>(json, JsonSerializerOptions.Web) ?? [];

    public static string WriteStrings(IEnumerable<string> values) => JsonSerializer.Serialize(values, JsonSerializerOptions.Web);

    public static IReadOnlyList<string> ReadStrings(string json) => JsonSerializer.Deserialize<List<string>>(json, JsonSerializerOptions.Web) ?? [];

    /// <summary>An area as it is stored (the geometry becomes GeoJSON text).</summary>
    public static Persistence.Catalog.AreaRecord ToRecord(AreaUnit area)
    {
        ArgumentNullException.ThrowIfNull(area);
        return new() { Code = area.Code, Name = area.Name, Level = area.Level, ParentCode = area.ParentCode, Geometry = WriteGeometry(area.Boundary) };
    }

    private static string Hm(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);

    private sealed record PeriodText(string Start, string End);
}
