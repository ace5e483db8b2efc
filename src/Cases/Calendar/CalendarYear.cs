namespace CityOps.Cases.Calendar;

/// <summary>A named run of days off, inclusive at both ends (e.g. 国庆节 2026-10-01..2026-10-07).</summary>
public sealed record HolidayRange(string NameZh, string NameEn, DateOnly From, DateOnly To)
{
    public IEnumerable<DateOnly> Dates()
    {
        for (var d = From; d <= To; d = d.AddDays(1))
        {
            yield return d;
        }
    }
}

/// <summary>Whether a year's record is data the calendar may use.</summary>
public enum YearDataStatus
{
    /// <summary>From the State Council notice.</summary>
    Official,

    /// <summary>Entered or corrected locally (e.g. a city's own arrangement); used like official data.</summary>
    Local,

    /// <summary>A placeholder: the notice is not out. The year counts as having no data.</summary>
    Unpublished,
}

/// <summary>
/// The published arrangement for one year: holidays and adjusted working days (调休, weekend dates that are
/// worked with the standard day's periods). A year is "known" only when such a record exists and is not
/// <see cref="YearDataStatus.Unpublished"/>.
/// </summary>
public sealed record CalendarYear(
    int Year,
    YearDataStatus Status,
    IReadOnlyList<HolidayRange> Holidays,
    IReadOnlyList<DateOnly> AdjustedWorkdays,
    IReadOnlyList<string> SourceNotes);

/// <summary>Everything a <see cref="WorkingCalendar"/> is built from; persistence stores and edits this.</summary>
public sealed record CalendarDefinition(string TimeZoneId, WeeklyHours Hours, IReadOnlyList<CalendarYear> Years)
{
    public const string ChinaTimeZoneId = "Asia/Shanghai";
}

/// <summary>What to do when a computation reaches a year without holiday data.</summary>
public enum MissingYearPolicy
{
    /// <summary>Throw <see cref="CalendarDataMissingException"/> naming the year (the default).</summary>
    Throw,

    /// <summary>Treat the year as plain weekdays (no holidays, no 调休) and list it in the result's AssumedYears.</summary>
    AssumeWeekdaysOnly,
}

/// <summary>A result computed by the calendar together with the years for which it assumed weekday-only data.</summary>
public sealed record CalendarResult<T>(T Value, IReadOnlyList<int> AssumedYears)
{
    public bool IsAssumption => AssumedYears.Count > 0;
}

/// <summary>A clock-stopping interval (挂账, suspension). Half-open: [From, To).</summary>
public readonly record struct SuspensionInterval
{
    public SuspensionInterval(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
        {
            throw new ArgumentException($"A suspension must not end ({to:O}) before it starts ({from:O}).", nameof(to));
        }

        From = from;
        To = to;
    }

    public DateTimeOffset From { get; }

    public DateTimeOffset To { get; }
}
