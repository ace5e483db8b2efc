namespace CityOps.Cases.Calendar;

/// <summary>A computation needed the holiday arrangement of a year the calendar has no data for.</summary>
public sealed class CalendarDataMissingException : Exception
{
    public CalendarDataMissingException()
    {
    }

    public CalendarDataMissingException(string message)
        : base(message)
    {
    }

    public CalendarDataMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CalendarDataMissingException(int year)
        : base($"The working calendar has no holiday data for {year}: the official arrangement is not loaded " +
               $"(add definitions/calendar/cn-holidays-{year}.json once the State Council publishes it).")
    {
        Year = year;
    }

    public int? Year { get; }
}
