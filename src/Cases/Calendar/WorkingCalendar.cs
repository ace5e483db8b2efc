namespace CityOps.Cases.Calendar;

/// <summary>
/// Working time in one time zone (Asia/Shanghai by default): weekday working periods, public holidays and adjusted
/// working days (调休) per year. Pure and immutable: build a new calendar to apply edits. A start outside working
/// hours counts from the next working start; suspended intervals (挂账) stop the clock.
/// </summary>
public sealed class WorkingCalendar : IActiveTime
{
    private readonly Dictionary<int, CalendarYear> _years;
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _adjustedWorkdays;

    public WorkingCalendar(CalendarDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(definition.TimeZoneId);
        _years = [];
        foreach (var year in definition.Years)
        {
            if (!_years.TryAdd(year.Year, year))
            {
                throw new ArgumentException($"The calendar lists {year.Year} twice.", nameof(definition));
            }
        }

        _holidays = [.. definition.Years.SelectMany(y => y.Holidays).SelectMany(h => h.Dates())];
        _adjustedWorkdays = [.. definition.Years.SelectMany(y => y.AdjustedWorkdays)];
        var clash = _holidays.Intersect(_adjustedWorkdays).Order().FirstOrDefault();
        if (clash != default)
        {
            throw new ArgumentException($"{clash:yyyy-MM-dd} is both a holiday and an adjusted working day.", nameof(definition));
        }

        var misplaced = definition.Years
            .SelectMany(y => y.Holidays.SelectMany(h => h.Dates()).Concat(y.AdjustedWorkdays).Where(d => d.Year != y.Year))
            .FirstOrDefault();
        if (misplaced != default)
        {
            throw new ArgumentException($"{misplaced:yyyy-MM-dd} is filed under another year.", nameof(definition));
        }
    }

    public CalendarDefinition Definition { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>One working day for limits in working days: the standard day's working periods (7.5 h by default).</summary>
    public TimeSpan StandardWorkingDay => Definition.Hours.StandardDayLength;

    public IReadOnlyList<int> YearsWithData => [.. _years.Keys.Where(HasDataFor).Order()];

    public bool HasDataFor(int year) => _years.TryGetValue(year, out var data) && data.Status != YearDataStatus.Unpublished;

    /// <summary>Working periods on a local date. Throws <see cref="CalendarDataMissingException"/> for a year without data.</summary>
    public IReadOnlyList<WorkingPeriod> WorkingPeriodsOn(DateOnly date) => PeriodsOn(date, Strict());

    public bool IsWorkingDay(DateOnly date) => WorkingPeriodsOn(date).Count > 0;

    /// <summary>The instant <paramref name="workingDuration"/> of working time after <paramref name="start"/>, with +08:00 offset.</summary>
    public DateTimeOffset AddWorkingTime(
        DateTimeOffset start, TimeSpan workingDuration, IEnumerable<SuspensionInterval>? suspensions = null) =>
        AddWorkingTime(start, workingDuration, suspensions, MissingYearPolicy.Throw).Value;

    public CalendarResult<DateTimeOffset> AddWorkingTime(
        DateTimeOffset start, TimeSpan workingDuration, IEnumerable<SuspensionInterval>? suspensions, MissingYearPolicy policy)
    {
        var coverage = new YearCoverage(HasDataFor, policy);
        var due = ClockWalker.Add(this, ToLocal(start), workingDuration, suspensions, coverage);
        return new(ToLocal(due), coverage.AssumedYears);
    }

    /// <summary>Working time in [from, to) minus suspended intervals; zero when to ≤ from.</summary>
    public TimeSpan WorkingTimeBetween(
        DateTimeOffset from, DateTimeOffset to, IEnumerable<SuspensionInterval>? suspensions = null) =>
        WorkingTimeBetween(from, to, suspensions, MissingYearPolicy.Throw).Value;

    public CalendarResult<TimeSpan> WorkingTimeBetween(
        DateTimeOffset from, DateTimeOffset to, IEnumerable<SuspensionInterval>? suspensions, MissingYearPolicy policy)
    {
        var coverage = new YearCoverage(HasDataFor, policy);
        return new(ClockWalker.Between(this, ToLocal(from), ToLocal(to), suspensions, coverage), coverage.AssumedYears);
    }

    /// <summary>The same instant expressed in the calendar's time zone (+08:00 for Asia/Shanghai).</summary>
    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    internal YearCoverage Strict() => new(HasDataFor, MissingYearPolicy.Throw);

    internal IReadOnlyList<WorkingPeriod> PeriodsOn(DateOnly date, YearCoverage coverage)
    {
        coverage.Touch(date.Year);
        if (_holidays.Contains(date))
        {
            return [];
        }

        return _adjustedWorkdays.Contains(date) ? Definition.Hours.StandardPeriods : Definition.Hours.Days[date.DayOfWeek];
    }

    IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> IActiveTime.IntervalsFrom(
        DateTimeOffset from, DateTimeOffset? until, YearCoverage coverage)
    {
        var date = DateOnly.FromDateTime(ToLocal(from).DateTime);
        var lastDate = until is { } u ? DateOnly.FromDateTime(ToLocal(u).DateTime) : DateOnly.MaxValue;
        var idleDays = 0;
        for (; date <= lastDate; date = date.AddDays(1))
        {
            var yielded = false;
            foreach (var period in PeriodsOn(date, coverage))
            {
                var start = At(date, period.Start);
                var end = At(date, period.End);
                if (end <= from)
                {
                    continue;
                }

                yielded = true;
                yield return (start > from ? start : from, end);
            }

            idleDays = yielded ? 0 : idleDays + 1;
            if (idleDays > 400)
            {
                throw new InvalidOperationException($"The calendar has no working time for 400 days after {date.AddDays(-400):yyyy-MM-dd}.");
            }
        }
    }

    private DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }
}
