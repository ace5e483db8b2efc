namespace CityOps.Cases.Sla;

/// <summary>
/// Units of a time limit. Working units run on the working calendar (holidays, weekends, lunch excluded); natural
/// units run 24×7. One working day = the calendar's standard day length (7.5 h with 08:30–12:00 + 13:30–17:30).
/// One natural day = 24 hours from the start.
/// </summary>
public enum TimeUnit
{
    WorkingMinutes,
    WorkingHours,
    WorkingDays,
    NaturalMinutes,
    NaturalHours,
    NaturalDays,
}

/// <summary>A time limit such as "4 working hours" or "15 working days" (处置时限).</summary>
public sealed record TimeLimit
{
    public TimeLimit(decimal amount, TimeUnit unit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        if (!Enum.IsDefined(unit))
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown time unit.");
        }

        Amount = amount;
        Unit = unit;
    }

    public decimal Amount { get; }

    public TimeUnit Unit { get; }

    public bool RunsOnWorkingCalendar => Unit is TimeUnit.WorkingMinutes or TimeUnit.WorkingHours or TimeUnit.WorkingDays;

    /// <summary>The budget as a duration on its clock (working or natural time).</summary>
    public TimeSpan Budget(TimeSpan standardWorkingDay)
    {
        var unitTicks = Unit switch
        {
            TimeUnit.WorkingMinutes or TimeUnit.NaturalMinutes => TimeSpan.TicksPerMinute,
            TimeUnit.WorkingHours or TimeUnit.NaturalHours => TimeSpan.TicksPerHour,
            TimeUnit.WorkingDays => standardWorkingDay.Ticks,
            _ => TimeSpan.TicksPerDay,
        };
        return TimeSpan.FromTicks(decimal.ToInt64(decimal.Round(Amount * unitTicks)));
    }

    /// <summary>Parses the data-file spelling: working_minutes, working_hours, working_days, natural_minutes, natural_hours, natural_days.</summary>
    public static TimeUnit ParseUnit(string text) =>
        Enum.TryParse<TimeUnit>((text ?? "").Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var unit)
        && Enum.IsDefined(unit)
            ? unit
            : throw new FormatException($"Unknown time unit '{text}'.");

    public override string ToString() => $"{Amount} {Unit}";
}
