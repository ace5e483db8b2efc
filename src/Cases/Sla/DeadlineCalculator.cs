using CityOps.Cases.Calendar;

namespace CityOps.Cases.Sla;

/// <summary>A deadline and the years for which the calendar assumed weekday-only data (empty when all data was known).</summary>
public sealed record DeadlineResult(DateTimeOffset Due, TimeLimit Limit, TimeSpan Budget, IReadOnlyList<int> AssumedYears);

/// <summary>
/// How much of a limit's budget is used at an instant, on the limit's own clock (working or natural), with suspended
/// time excluded (which is the same as adding it to the limit, as the Unicom timer does; DOMAIN.md §6.4).
/// </summary>
public sealed record SlaClockReading(TimeSpan Used, TimeSpan Budget, IReadOnlyList<int> AssumedYears)
{
    /// <summary>Negative when overdue.</summary>
    public TimeSpan Remaining => Budget - Used;

    /// <summary>Used / budget, e.g. 0.8 at 80 %.</summary>
    public decimal UsedFraction => (decimal)Used.Ticks / Budget.Ticks;
}

/// <summary>Deadlines and elapsed time for <see cref="TimeLimit"/>s on a <see cref="WorkingCalendar"/>. Pure.</summary>
public sealed class DeadlineCalculator(WorkingCalendar calendar, MissingYearPolicy missingYears = MissingYearPolicy.Throw)
{
    public WorkingCalendar Calendar { get; } = calendar ?? throw new ArgumentNullException(nameof(calendar));

    public MissingYearPolicy MissingYears { get; } = missingYears;

    public DeadlineResult Deadline(DateTimeOffset start, TimeLimit limit, IEnumerable<SuspensionInterval>? suspensions = null)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var budget = limit.Budget(Calendar.StandardWorkingDay);
        var coverage = Coverage(limit);
        var due = ClockWalker.Add(Clock(limit), Calendar.ToLocal(start), budget, suspensions, coverage);
        return new DeadlineResult(Calendar.ToLocal(due), limit, budget, coverage.AssumedYears);
    }

    public SlaClockReading Measure(
        DateTimeOffset start, TimeLimit limit, DateTimeOffset now, IEnumerable<SuspensionInterval>? suspensions = null)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var coverage = Coverage(limit);
        var used = ClockWalker.Between(Clock(limit), Calendar.ToLocal(start), Calendar.ToLocal(now), suspensions, coverage);
        return new SlaClockReading(used, limit.Budget(Calendar.StandardWorkingDay), coverage.AssumedYears);
    }

    /// <summary>Time used so far on the limit's clock. Use <see cref="Measure"/> to see assumed years.</summary>
    public TimeSpan Elapsed(DateTimeOffset start, TimeLimit limit, DateTimeOffset now, IEnumerable<SuspensionInterval>? suspensions = null) =>
        Measure(start, limit, now, suspensions).Used;

    /// <summary>Budget left on the limit's clock; negative when overdue.</summary>
    public TimeSpan Remaining(DateTimeOffset start, TimeLimit limit, DateTimeOffset now, IEnumerable<SuspensionInterval>? suspensions = null) =>
        Measure(start, limit, now, suspensions).Remaining;

    private IActiveTime Clock(TimeLimit limit) => limit.RunsOnWorkingCalendar ? Calendar : NaturalTime.Instance;

    // Natural limits never consult holiday data, so they never fail or assume for a missing year.
    private YearCoverage Coverage(TimeLimit limit) =>
        limit.RunsOnWorkingCalendar ? new YearCoverage(Calendar.HasDataFor, MissingYears) : YearCoverage.Unchecked;
}
