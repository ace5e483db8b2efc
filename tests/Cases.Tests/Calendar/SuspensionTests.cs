using CityOps.Cases.Calendar;
using static CityOps.Cases.Tests.TestData;

namespace CityOps.Cases.Tests.Calendar;

// 挂账 stops the clock: suspended time never counts as elapsed working time.
public sealed class SuspensionTests
{
    [Fact]
    public void AddWorkingTime_SuspensionInsideMorning_PushesDeadline()
    {
        // 09:00–09:30 = 30 counted, stopped 09:30–10:30, then 90 more: 10:30–12:00 → 12:00.
        var due = CnCalendar.AddWorkingTime(Bj("2026-03-02 09:00"), TimeSpan.FromHours(2),
            [Stop("2026-03-02 09:30", "2026-03-02 10:30")]);

        Assert.Equal(Bj("2026-03-02 12:00"), due);
    }

    [Fact]
    public void AddWorkingTime_SuspensionSpanningTheNight_CountsOnlyUnsuspendedWorkingTime()
    {
        // Mon 16:00–17:00 = 60; stopped Mon 17:00 → Tue 10:00 (covers 17:00–17:30 and Tue 08:30–10:00); Tue 10:00 + 60 → 11:00.
        var due = CnCalendar.AddWorkingTime(Bj("2026-03-02 16:00"), TimeSpan.FromHours(2),
            [Stop("2026-03-02 17:00", "2026-03-03 10:00")]);

        Assert.Equal(Bj("2026-03-03 11:00"), due);
    }

    [Fact]
    public void AddWorkingTime_SuspensionOnWeekendOnly_ChangesNothing()
    {
        // Same as without: Fri 90 + Mon 90 → Mon 10:00.
        var due = CnCalendar.AddWorkingTime(Bj("2026-03-06 16:00"), TimeSpan.FromHours(3),
            [Stop("2026-03-07 10:00", "2026-03-08 10:00")]);

        Assert.Equal(Bj("2026-03-09 10:00"), due);
    }

    [Fact]
    public void AddWorkingTime_OverlappingSuspensions_AreMerged()
    {
        // Stops 09:10–09:40 and 09:30–10:00 merge into 09:10–10:00. 09:00–09:10 = 10, then 10:00 + 50 → 10:50.
        var due = CnCalendar.AddWorkingTime(Bj("2026-03-02 09:00"), TimeSpan.FromHours(1),
            [Stop("2026-03-02 09:30", "2026-03-02 10:00"), Stop("2026-03-02 09:10", "2026-03-02 09:40")]);

        Assert.Equal(Bj("2026-03-02 10:50"), due);
    }

    [Fact]
    public void WorkingTimeBetween_SuspensionSpanningTheNight_IsExcluded()
    {
        // Mon 08:30–12:00 = 210, 13:30–17:00 = 210 (stopped from 17:00); Tue stopped until 10:00, 10:00–12:00 = 120 → 540.
        var used = CnCalendar.WorkingTimeBetween(Bj("2026-03-02 08:30"), Bj("2026-03-03 12:00"),
            [Stop("2026-03-02 17:00", "2026-03-03 10:00")]);

        Assert.Equal(TimeSpan.FromMinutes(540), used);
    }

    [Fact]
    public void WorkingTimeBetween_SuspensionInUtc_IsComparedAsAnInstant()
    {
        // 02:00Z–03:00Z = 10:00–11:00 Beijing. 09:00–12:00 = 180 minus 60 → 120.
        var stop = new SuspensionInterval(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 2, 3, 0, 0, TimeSpan.Zero));

        Assert.Equal(TimeSpan.FromMinutes(120), CnCalendar.WorkingTimeBetween(Bj("2026-03-02 09:00"), Bj("2026-03-02 12:00"), [stop]));
    }

    [Fact]
    public void SuspensionInterval_EndingBeforeItStarts_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => Stop("2026-03-02 10:00", "2026-03-02 09:00"));
    }
}
