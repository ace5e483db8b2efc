using CityOps.Cases.Calendar;
using static CityOps.Cases.Tests.TestData;

namespace CityOps.Cases.Tests.Calendar;

// 2027's arrangement is not published: the calendar must say so rather than guess.
public sealed class MissingYearTests
{
    [Fact]
    public void HasDataFor_Only2026()
    {
        Assert.True(CnCalendar.HasDataFor(2026));
        Assert.False(CnCalendar.HasDataFor(2027));
        Assert.False(CnCalendar.HasDataFor(2025));
    }

    [Fact]
    public void AddWorkingTime_Into2027_ThrowsNamingTheYear()
    {
        // Thu 2026-12-31 16:00 + 2 h: 90 min fit in 2026, the rest needs 2027-01-01.
        var ex = Assert.Throws<CalendarDataMissingException>(() =>
            CnCalendar.AddWorkingTime(Bj("2026-12-31 16:00"), TimeSpan.FromHours(2)));

        Assert.Equal(2027, ex.Year);
        Assert.Contains("2027", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWorkingTime_EndingOnLastDayOf2026_DoesNotNeed2027()
    {
        Assert.Equal(Bj("2026-12-31 17:30"), CnCalendar.AddWorkingTime(Bj("2026-12-31 16:00"), TimeSpan.FromMinutes(90)));
    }

    [Fact]
    public void WorkingDayQuestion_On2027Date_Throws()
    {
        Assert.Throws<CalendarDataMissingException>(() => CnCalendar.IsWorkingDay(new DateOnly(2027, 1, 4)));
    }

    [Fact]
    public void AddWorkingTime_AssumeWeekdaysOnly_FlagsTheAssumedYear()
    {
        // 2027-01-01 is a Friday; treated as an ordinary weekday: 90 min on 12-31, 08:30 + 30 → 09:00, flagged 2027.
        var result = CnCalendar.AddWorkingTime(Bj("2026-12-31 16:00"), TimeSpan.FromHours(2), null, MissingYearPolicy.AssumeWeekdaysOnly);

        Assert.Equal(Bj("2027-01-01 09:00"), result.Value);
        Assert.True(result.IsAssumption);
        Assert.Equal([2027], result.AssumedYears);
    }

    [Fact]
    public void WorkingTimeBetween_AssumeWeekdaysOnly_Within2026_HasNoAssumption()
    {
        var result = CnCalendar.WorkingTimeBetween(Bj("2026-12-31 08:30"), Bj("2026-12-31 17:30"), null, MissingYearPolicy.AssumeWeekdaysOnly);

        Assert.Equal(TimeSpan.FromHours(7.5), result.Value);
        Assert.False(result.IsAssumption);
    }
}
