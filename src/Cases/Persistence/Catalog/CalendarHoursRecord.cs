namespace CityOps.Cases.Persistence.Catalog;

/// <summary>The single row (Id 1) of working hours: time zone, standard day and periods per weekday.</summary>
public sealed class CalendarHoursRecord
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public string TimeZoneId { get; set; } = "Asia/Shanghai";

    public DayOfWeek StandardDay { get; set; } = DayOfWeek.Monday;

    /// <summary>JSON: <c>{"Monday":[{"start":"08:30","end":"12:00"}, …], …}</c>; a weekday not listed is off.</summary>
    public string Weekdays { get; set; } = "{}";

    public DateTimeOffset UpdatedAt { get; set; }
}
