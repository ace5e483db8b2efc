using System.Collections.ObjectModel;

namespace CityOps.Cases.Calendar;

/// <summary>
/// Working periods per weekday. <see cref="StandardDay"/> names the weekday whose periods an adjusted working day
/// (调休) uses and whose total length defines one working day for limits given in working days.
/// </summary>
public sealed record WeeklyHours
{
    public WeeklyHours(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>> days, DayOfWeek standardDay = DayOfWeek.Monday)
    {
        ArgumentNullException.ThrowIfNull(days);
        var copy = new Dictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>>();
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            var periods = days.TryGetValue(day, out var p) ? p.OrderBy(x => x.Start).ToArray() : [];
            for (var i = 1; i < periods.Length; i++)
            {
                if (periods[i].Start < periods[i - 1].End)
                {
                    throw new ArgumentException($"Working periods on {day} overlap.", nameof(days));
                }
            }

            copy[day] = Array.AsReadOnly(periods);
        }

        Days = new ReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>>(copy);
        StandardDay = standardDay;
        if (StandardDayLength <= TimeSpan.Zero)
        {
            throw new ArgumentException($"The standard day {standardDay} has no working periods.", nameof(standardDay));
        }
    }

    public IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>> Days { get; }

    public DayOfWeek StandardDay { get; }

    /// <summary>The periods an adjusted working day (调休) uses.</summary>
    public IReadOnlyList<WorkingPeriod> StandardPeriods => Days[StandardDay];

    /// <summary>Length of one working day: 7.5 h for the default 08:30–12:00 + 13:30–17:30.</summary>
    public TimeSpan StandardDayLength => TimeSpan.FromTicks(StandardPeriods.Sum(p => p.Length.Ticks));

    /// <summary>Monday–Friday 08:30–12:00 and 13:30–17:30; Saturday and Sunday off.</summary>
    public static WeeklyHours Default { get; } = MondayToFriday(
        WorkingPeriod.Parse("08:30", "12:00"), WorkingPeriod.Parse("13:30", "17:30"));

    public static WeeklyHours MondayToFriday(params WorkingPeriod[] periods)
    {
        var days = new Dictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>>();
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
        {
            days[day] = periods;
        }

        return new WeeklyHours(days);
    }
}
