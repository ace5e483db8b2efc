using static CityOps.Cases.Tests.TestData;

namespace CityOps.Cases.Tests.Calendar;

// Working hours: Mon–Fri 08:30–12:00 + 13:30–17:30 (7.5 h). 2026-03-02 is a Monday.
// 2026 data: 春节 02-15..02-23 (调休 Sat 02-14, Sat 02-28); 国庆 10-01..10-07 (调休 Sun 09-20, Sat 10-10).
public sealed class WorkingCalendarTests
{
    [Theory]
    // start (local)        +minutes  expected deadline   — hand computation
    [InlineData("2026-03-02 11:00", 120, "2026-03-02 14:30")] // lunch: 11:00–12:00 = 60, 13:30 + 60 = 14:30
    [InlineData("2026-03-02 10:00", 120, "2026-03-02 12:00")] // ends exactly at the lunch break: deadline 12:00, not 13:30
    [InlineData("2026-03-02 16:30", 120, "2026-03-03 09:30")] // rollover: 16:30–17:30 = 60, Tue 08:30 + 60
    [InlineData("2026-03-02 17:29", 2, "2026-03-03 08:31")] // 1 min Mon, 1 min Tue
    [InlineData("2026-03-06 16:00", 180, "2026-03-09 10:00")] // Fri 16:00–17:30 = 90, weekend, Mon 08:30 + 90
    [InlineData("2026-09-30 16:00", 240, "2026-10-08 11:00")] // 国庆: Wed 90, 10-01..10-07 off, Thu 10-08 08:30 + 150
    [InlineData("2026-02-13 17:00", 60, "2026-02-14 09:00")] // Fri 30; Sat 02-14 is 调休 (works): 08:30 + 30
    [InlineData("2026-02-14 17:00", 60, "2026-02-24 09:00")] // 调休 Sat 30; 春节 02-15..02-23 off; Tue 02-24 08:30 + 30
    [InlineData("2026-09-18 17:00", 60, "2026-09-20 09:00")] // Fri 30; Sat off; Sun 09-20 is 调休: 08:30 + 30
    [InlineData("2026-10-09 17:00", 60, "2026-10-10 09:00")] // Fri 30; Sat 10-10 is 调休: 08:30 + 30
    [InlineData("2026-03-02 07:00", 60, "2026-03-02 09:30")] // before 08:30: counts from 08:30
    [InlineData("2026-03-02 12:30", 60, "2026-03-02 14:30")] // during lunch: counts from 13:30
    [InlineData("2026-03-02 12:00", 60, "2026-03-02 14:30")] // exactly at 12:00 (period end is exclusive): from 13:30
    [InlineData("2026-03-02 19:00", 60, "2026-03-03 09:30")] // after 17:30: counts from Tue 08:30
    [InlineData("2026-03-02 17:30", 1, "2026-03-03 08:31")] // exactly at 17:30: from Tue 08:30
    [InlineData("2026-10-03 10:00", 60, "2026-10-08 09:30")] // on a holiday (Sat in 国庆): from Thu 10-08 08:30
    [InlineData("2026-03-08 10:00", 30, "2026-03-09 09:00")] // Sunday: from Mon 08:30
    [InlineData("2026-03-02 08:30", 450, "2026-03-02 17:30")] // a full 7.5 h day ends at 17:30 the same day
    public void AddWorkingTime_FromLocalStart_ReturnsHandComputedDeadline(string start, int minutes, string expected)
    {
        var due = CnCalendar.AddWorkingTime(Bj(start), TimeSpan.FromMinutes(minutes));

        Assert.Equal(Bj(expected), due);
        Assert.Equal(TimeSpan.FromHours(8), due.Offset);
    }

    [Fact]
    public void AddWorkingTime_StartGivenInUtc_AnswersInBeijingOffset()
    {
        // 02:00Z = 10:00 +08:00; + 2 h → 12:00 +08:00.
        var due = CnCalendar.AddWorkingTime(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(2));

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.FromHours(8)), due);
        Assert.Equal(TimeSpan.FromHours(8), due.Offset);
    }

    [Theory]
    // from                 to                   expected minutes — hand computation
    [InlineData("2026-03-02 10:00", "2026-03-02 15:00", 210)] // 10–12 = 120, 13:30–15:00 = 90
    [InlineData("2026-03-06 16:00", "2026-03-09 09:00", 120)] // Fri 90 + Mon 30
    [InlineData("2026-03-02 19:00", "2026-03-03 08:00", 0)] // night only
    [InlineData("2026-09-30 09:00", "2026-10-08 09:00", 450)] // Wed 180 + 240, 国庆 off, Thu 30
    [InlineData("2026-02-13 08:30", "2026-02-14 17:30", 900)] // Fri 450 + 调休 Sat 450
    [InlineData("2026-03-02 15:00", "2026-03-02 10:00", 0)] // reversed interval
    [InlineData("2026-12-31 10:00", "2026-12-31 18:00", 360)] // last 2026 day; 2027 is not consulted
    public void WorkingTimeBetween_ReturnsHandComputedMinutes(string from, string to, int expected)
    {
        Assert.Equal(TimeSpan.FromMinutes(expected), CnCalendar.WorkingTimeBetween(Bj(from), Bj(to)));
    }

    [Fact]
    public void Loaded2026_HasHolidaysAndAdjustedWorkdays()
    {
        Assert.Equal([2026], CnCalendar.YearsWithData);
        Assert.Equal(TimeSpan.FromHours(7.5), CnCalendar.StandardWorkingDay);
        Assert.False(CnCalendar.IsWorkingDay(new DateOnly(2026, 10, 1))); // 国庆 (Thursday)
        Assert.False(CnCalendar.IsWorkingDay(new DateOnly(2026, 2, 16))); // 春节 (Monday)
        Assert.True(CnCalendar.IsWorkingDay(new DateOnly(2026, 2, 28))); // 调休 Saturday
        Assert.True(CnCalendar.IsWorkingDay(new DateOnly(2026, 9, 20))); // 调休 Sunday
        Assert.False(CnCalendar.IsWorkingDay(new DateOnly(2026, 3, 7))); // ordinary Saturday
        Assert.Equal(2, CnCalendar.WorkingPeriodsOn(new DateOnly(2026, 9, 20)).Count); // 调休 uses the standard periods
    }
}
