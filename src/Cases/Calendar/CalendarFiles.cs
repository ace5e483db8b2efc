using System.Globalization;
using System.Text.Json;

namespace CityOps.Cases.Calendar;

/// <summary>
/// Reads a <see cref="CalendarDefinition"/> from a directory holding <c>working-hours.json</c> and any number of
/// <c>cn-holidays-&lt;year&gt;.json</c> files (format described in definitions/calendar/README.md).
/// </summary>
public static class CalendarFiles
{
    public const string HoursFileName = "working-hours.json";
    public const string YearFilePattern = "cn-holidays-*.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static CalendarDefinition LoadDirectory(string directory)
    {
        var hours = Read<HoursDto>(Path.Combine(directory, HoursFileName));
        var years = Directory.GetFiles(directory, YearFilePattern).Order(StringComparer.Ordinal).Select(LoadYear).ToList();
        return new CalendarDefinition(hours.TimeZone ?? CalendarDefinition.ChinaTimeZoneId, ToWeeklyHours(hours), years);
    }

    public static CalendarYear LoadYear(string path)
    {
        var dto = Read<YearDto>(path);
        return new CalendarYear(
            dto.Year,
            Enum.Parse<YearDataStatus>(dto.Status ?? nameof(YearDataStatus.Unpublished), ignoreCase: true),
            [.. (dto.Holidays ?? []).Select(h => new HolidayRange(h.NameZh ?? "", h.NameEn ?? "", Date(h.From), Date(h.To)))],
            [.. (dto.AdjustedWorkdays ?? []).Select(a => Date(a.Date))],
            dto.SourceNotes ?? []);
    }

    private static WeeklyHours ToWeeklyHours(HoursDto dto)
    {
        var days = new Dictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>>();
        foreach (var (name, periods) in dto.Weekdays ?? [])
        {
            var day = Enum.Parse<DayOfWeek>(name, ignoreCase: true);
            days[day] = [.. periods.Select(p => WorkingPeriod.Parse(p.Start ?? "", p.End ?? ""))];
        }

        var standard = dto.StandardDay is null ? DayOfWeek.Monday : Enum.Parse<DayOfWeek>(dto.StandardDay, ignoreCase: true);
        return new WeeklyHours(days, standard);
    }

    private static DateOnly Date(string? text) =>
        DateOnly.ParseExact(text ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static T Read<T>(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<T>(stream, Json)
            ?? throw new InvalidDataException($"{path} is empty.");
    }

    private sealed record HoursDto(string? TimeZone, string? StandardDay, Dictionary<string, PeriodDto[]>? Weekdays);

    private sealed record PeriodDto(string? Start, string? End);

    private sealed record YearDto(int Year, string? Status, string[]? SourceNotes, HolidayDto[]? Holidays, AdjustedDto[]? AdjustedWorkdays);

    private sealed record HolidayDto(string? NameZh, string? NameEn, string? From, string? To);

    private sealed record AdjustedDto(string? Date);
}
