using CityOps.Cases.Calendar;
using static CityOps.Cases.Tests.TestData;

namespace CityOps.Cases.Tests.Calendar;

// The calendar is built from plain data records, so persistence can store and edit them.
public sealed class CalendarDefinitionTests
{
    private static CalendarYear Year2026(params DateOnly[] adjusted) =>
        new(2026, YearDataStatus.Local, [new HolidayRange("测试", "Test", new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 4))], adjusted, []);

    [Fact]
    public void EditedHours_SaturdayMorningAndShortFriday_AreUsed()
    {
        var days = new Dictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>>(WeeklyHours.Default.Days)
        {
            [DayOfWeek.Friday] = [WorkingPeriod.Parse("08:30", "12:00")],
            [DayOfWeek.Saturday] = [WorkingPeriod.Parse("09:00", "11:00")],
        };
        var calendar = new WorkingCalendar(new CalendarDefinition(CalendarDefinition.ChinaTimeZoneId, new WeeklyHours(days), [Year2026()]));

        // Fri 2026-03-06 11:00: 60 until 12:00 (no afternoon); Sat 09:00 + 60 → 10:00.
        Assert.Equal(Bj("2026-03-07 10:00"), calendar.AddWorkingTime(Bj("2026-03-06 11:00"), TimeSpan.FromHours(2)));
        // Wed 2026-03-04 is this test's holiday: Tue 17:00 + 60 → 30 on Tue, Thu 08:30 + 30 → 09:00.
        Assert.Equal(Bj("2026-03-05 09:00"), calendar.AddWorkingTime(Bj("2026-03-03 17:00"), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void DateThatIsBothHolidayAndAdjustedWorkday_IsRejected()
    {
        var definition = new CalendarDefinition(CalendarDefinition.ChinaTimeZoneId, WeeklyHours.Default, [Year2026(new DateOnly(2026, 3, 4))]);

        Assert.Throws<ArgumentException>(() => new WorkingCalendar(definition));
    }

    [Fact]
    public void OverlappingPeriods_AreRejected()
    {
        var days = new Dictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>>
        {
            [DayOfWeek.Monday] = [WorkingPeriod.Parse("08:30", "12:00"), WorkingPeriod.Parse("11:00", "17:30")],
        };

        Assert.Throws<ArgumentException>(() => new WeeklyHours(days));
    }

    [Fact]
    public void UnpublishedPlaceholderYear_CountsAsNoData()
    {
        var placeholder = new CalendarYear(2027, YearDataStatus.Unpublished, [], [], ["State Council notice not out"]);
        var calendar = new WorkingCalendar(new CalendarDefinition(CalendarDefinition.ChinaTimeZoneId, WeeklyHours.Default, [Year2026(), placeholder]));

        Assert.False(calendar.HasDataFor(2027));
        Assert.Equal([2026], calendar.YearsWithData);
        Assert.Throws<CalendarDataMissingException>(() => calendar.IsWorkingDay(new DateOnly(2027, 3, 1)));
    }

    [Fact]
    public void LoadYear_2026File_KeepsSourceNotesAndAllDays()
    {
        var year = CalendarFiles.LoadYear(Definitions("calendar", "cn-holidays-2026.json"));

        Assert.Equal(YearDataStatus.Official, year.Status);
        Assert.Equal(7, year.Holidays.Count);
        Assert.Equal(6, year.AdjustedWorkdays.Count);
        Assert.Equal(33, year.Holidays.Sum(h => h.Dates().Count())); // 3+9+3+5+3+3+7 days off
        Assert.Contains(year.SourceNotes, n => n.Contains("2025-11-04", StringComparison.Ordinal));
    }
}
