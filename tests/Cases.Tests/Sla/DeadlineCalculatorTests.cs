using CityOps.Cases.Calendar;
using CityOps.Cases.Sla;
using static CityOps.Cases.Tests.TestData;

namespace CityOps.Cases.Tests.Sla;

// One working day = 7.5 working hours (the standard day 08:30–12:00 + 13:30–17:30). Natural units ignore the calendar.
public sealed class DeadlineCalculatorTests
{
    private static readonly DeadlineCalculator Deadlines = new(CnCalendar);

    [Theory]
    // start                amount unit           expected            — hand computation
    [InlineData("2026-03-02 10:00", 4, "working_hours", "2026-03-02 15:30")] // 10–12 = 2 h, 13:30 + 2 h
    [InlineData("2026-03-02 10:00", 1, "working_days", "2026-03-03 10:00")] // 7.5 h: Mon 6 h, Tue 08:30 + 1.5 h
    [InlineData("2026-03-02 08:30", 15, "working_days", "2026-03-20 17:30")] // 15 full days: Mar 2–6, 9–13, 16–20
    [InlineData("2026-09-29 10:00", 3, "working_days", "2026-10-09 10:00")] // 22.5 h: Tue 6, Wed 7.5, 国庆 off, Thu 7.5, Fri 1.5
    [InlineData("2026-10-09 10:00", 1, "working_days", "2026-10-10 10:00")] // Fri 6 h, 调休 Sat 10-10 08:30 + 1.5 h
    [InlineData("2026-03-02 10:00", 30, "working_minutes", "2026-03-02 10:30")]
    [InlineData("2026-10-03 23:00", 2, "natural_hours", "2026-10-04 01:00")] // holiday night: natural time runs
    [InlineData("2026-09-30 16:00", 1, "natural_days", "2026-10-01 16:00")] // one natural day = 24 h
    [InlineData("2026-12-31 23:50", 30, "natural_minutes", "2027-01-01 00:20")] // natural time needs no 2027 data
    [InlineData("2026-03-02 10:00", 1.5, "working_hours", "2026-03-02 11:30")]
    public void Deadline_ReturnsHandComputedInstant(string start, double amount, string unit, string expected)
    {
        var result = Deadlines.Deadline(Bj(start), new TimeLimit((decimal)amount, TimeLimit.ParseUnit(unit)));

        Assert.Equal(Bj(expected), result.Due);
        Assert.Equal(TimeSpan.FromHours(8), result.Due.Offset);
        Assert.Empty(result.AssumedYears);
    }

    [Fact]
    public void Deadline_NaturalLimitWithNightSuspension_AddsSuspendedTime()
    {
        // 24 natural hours from 09-30 16:00 with 6 h stopped (20:00–02:00) → 10-01 22:00.
        var result = Deadlines.Deadline(Bj("2026-09-30 16:00"), new TimeLimit(24, TimeUnit.NaturalHours),
            [Stop("2026-09-30 20:00", "2026-10-01 02:00")]);

        Assert.Equal(Bj("2026-10-01 22:00"), result.Due);
    }

    [Fact]
    public void ElapsedAndRemaining_WorkingLimitWithSuspension()
    {
        // 4 working hours from Mon 10:00; at 15:00 with 10:30–11:30 stopped: 10–10:30 (30) + 11:30–12 (30) + 13:30–15 (90) = 150.
        var limit = new TimeLimit(4, TimeUnit.WorkingHours);
        SuspensionInterval[] suspended = [Stop("2026-03-02 10:30", "2026-03-02 11:30")];

        Assert.Equal(TimeSpan.FromMinutes(150), Deadlines.Elapsed(Bj("2026-03-02 10:00"), limit, Bj("2026-03-02 15:00"), suspended));
        Assert.Equal(TimeSpan.FromMinutes(90), Deadlines.Remaining(Bj("2026-03-02 10:00"), limit, Bj("2026-03-02 15:00"), suspended));
        // Deadline moves by the hour suspended: 15:30 → 16:30.
        Assert.Equal(Bj("2026-03-02 16:30"), Deadlines.Deadline(Bj("2026-03-02 10:00"), limit, suspended).Due);
    }

    [Fact]
    public void Remaining_AfterDeadline_IsNegative()
    {
        // 1 working hour from Mon 10:00 is due 11:00; at 14:00 used = 2 h + 30 min = 150 → remaining −90.
        Assert.Equal(TimeSpan.FromMinutes(-90),
            Deadlines.Remaining(Bj("2026-03-02 10:00"), new TimeLimit(1, TimeUnit.WorkingHours), Bj("2026-03-02 14:00")));
    }

    [Fact]
    public void Deadline_WorkingLimitInto2027_ThrowsByDefault()
    {
        Assert.Throws<CalendarDataMissingException>(() =>
            Deadlines.Deadline(Bj("2026-12-31 10:00"), new TimeLimit(2, TimeUnit.WorkingDays)));
    }

    [Fact]
    public void Deadline_WorkingLimitInto2027_WithFallback_FlagsAssumedYear()
    {
        // 2 working days = 15 h: Thu 12-31 6 h; 2027-01-01 (Fri) assumed a weekday 7.5 h; Mon 01-04 08:30 + 1.5 h → 10:00.
        var lenient = new DeadlineCalculator(CnCalendar, MissingYearPolicy.AssumeWeekdaysOnly);

        var result = lenient.Deadline(Bj("2026-12-31 10:00"), new TimeLimit(2, TimeUnit.WorkingDays));

        Assert.Equal(Bj("2027-01-04 10:00"), result.Due);
        Assert.Equal([2027], result.AssumedYears);
    }

    [Theory]
    [InlineData("working_hours", TimeUnit.WorkingHours)]
    [InlineData("natural_days", TimeUnit.NaturalDays)]
    [InlineData("WorkingDays", TimeUnit.WorkingDays)]
    public void ParseUnit_AcceptsDataSpellings(string text, TimeUnit expected) => Assert.Equal(expected, TimeLimit.ParseUnit(text));

    [Fact]
    public void TimeLimit_ZeroAmount_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimeLimit(0, TimeUnit.WorkingHours));
}
