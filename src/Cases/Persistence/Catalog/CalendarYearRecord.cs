using CityOps.Cases.Calendar;

namespace CityOps.Cases.Persistence.Catalog;

/// <summary>One year's holidays and adjusted working days (调休). A year without a row has no data.</summary>
public sealed class CalendarYearRecord
{
    public int Year { get; set; }

    public YearDataStatus Status { get; set; }

    /// <summary>JSON array of <c>{"nameZh","nameEn","from","to"}</c> (dates yyyy-MM-dd, inclusive).</summary>
    public string Holidays { get; set; } = "[]";

    /// <summary>JSON array of dates (yyyy-MM-dd).</summary>
    public string AdjustedWorkdays { get; set; } = "[]";

    /// <summary>JSON array of strings: where the arrangement comes from.</summary>
    public string SourceNotes { get; set; } = "[]";

    public DateTimeOffset UpdatedAt { get; set; }
}
