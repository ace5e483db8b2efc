using CityOps.Cases.Calendar;
using CityOps.Cases.Sla;
using Microsoft.Extensions.Time.Testing;
using static CityOps.Cases.Tests.TestData;

namespace CityOps.Cases.Tests.Sla;

// Green while used ≤ 80 % of the limit, yellow ≤ 100 %, red beyond (DOMAIN.md §6.4).
public sealed class SlaLightTests
{
    private static readonly SlaLightCalculator Lights = new(new DeadlineCalculator(CnCalendar));

    // Limit: 10 working hours = 600 min from Mon 2026-03-02 08:30. Monday gives 450 min (to 17:30),
    // so Tuesday 08:30 + k min is 450 + k used.
    [Theory]
    [InlineData("2026-03-02 08:30", 0, SlaLight.Green)] // 0 %
    [InlineData("2026-03-03 08:54", 474, SlaLight.Green)] // 79 % = 474 min
    [InlineData("2026-03-03 09:00", 480, SlaLight.Green)] // 80 % = 480 min: still green (≤)
    [InlineData("2026-03-03 09:06", 486, SlaLight.Yellow)] // 81 %
    [InlineData("2026-03-03 11:00", 600, SlaLight.Yellow)] // 100 %: due now, still yellow (≤)
    [InlineData("2026-03-03 11:06", 606, SlaLight.Red)] // 101 %
    [InlineData("2026-03-02 20:00", 450, SlaLight.Green)] // evening: clock stopped at 17:30 (75 %)
    public void Evaluate_WorkingLimit_GivesLightAtThreshold(string now, int usedMinutes, SlaLight expected)
    {
        var status = Lights.Evaluate(Bj("2026-03-02 08:30"), new TimeLimit(10, TimeUnit.WorkingHours), Bj(now));

        Assert.Equal(expected, status.Light);
        Assert.Equal(TimeSpan.FromMinutes(usedMinutes), status.Clock.Used);
        Assert.Equal(Bj("2026-03-03 11:00"), status.Due);
    }

    [Fact]
    public void Evaluate_SuspendedTime_DoesNotCountTowardsTheLight()
    {
        // 10 natural hours from 00:00; at 10:00 with 2 h suspended: used 8 h = 80 % → green; due 12:00.
        var status = Lights.Evaluate(Bj("2026-03-02 00:00"), new TimeLimit(10, TimeUnit.NaturalHours), Bj("2026-03-02 10:00"),
            [Stop("2026-03-02 03:00", "2026-03-02 05:00")]);

        Assert.Equal(SlaLight.Green, status.Light);
        Assert.Equal(0.8m, status.Clock.UsedFraction);
        Assert.Equal(Bj("2026-03-02 12:00"), status.Due);
    }

    [Fact]
    public void Evaluate_ConfiguredThresholds_AreUsed()
    {
        // Yellow above 50 %: 80 % (Tue 09:00 as above) turns yellow.
        var strict = new SlaLightCalculator(new DeadlineCalculator(CnCalendar), new SlaThresholds(YellowAbove: 0.5m));

        var status = strict.Evaluate(Bj("2026-03-02 08:30"), new TimeLimit(10, TimeUnit.WorkingHours), Bj("2026-03-03 09:00"));

        Assert.Equal(SlaLight.Yellow, status.Light);
    }

    [Fact]
    public void Evaluate_WithTimeProvider_FollowsTheClock()
    {
        // 10 working hours from Mon 08:30: Tue 09:00 = 80 % green; advance 6 min → 81 % yellow; to Tue 11:06 → 101 % red.
        var clock = new FakeTimeProvider(Bj("2026-03-03 09:00"));
        var limit = new TimeLimit(10, TimeUnit.WorkingHours);

        Assert.Equal(SlaLight.Green, Lights.Evaluate(Bj("2026-03-02 08:30"), limit, clock).Light);
        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(SlaLight.Yellow, Lights.Evaluate(Bj("2026-03-02 08:30"), limit, clock).Light);
        clock.Advance(TimeSpan.FromMinutes(120));
        Assert.Equal(SlaLight.Red, Lights.Evaluate(Bj("2026-03-02 08:30"), limit, clock).Light);
    }

    [Theory]
    [InlineData(0.79, SlaLight.Green)]
    [InlineData(0.80, SlaLight.Green)]
    [InlineData(0.81, SlaLight.Yellow)]
    [InlineData(1.00, SlaLight.Yellow)]
    [InlineData(1.01, SlaLight.Red)]
    public void LightFor_DefaultThresholds(double fraction, SlaLight expected) =>
        Assert.Equal(expected, SlaThresholds.Default.LightFor((decimal)fraction));

    [Fact]
    public void Evaluate_DeadlineInto2027_WithFallback_IsMarkedAsAssumption()
    {
        // 2 working days from Thu 2026-12-31 10:00: due 2027-01-04 10:00 assuming 2027-01-01 is a workday.
        var lenient = new SlaLightCalculator(new DeadlineCalculator(CnCalendar, MissingYearPolicy.AssumeWeekdaysOnly));

        var status = lenient.Evaluate(Bj("2026-12-31 10:00"), new TimeLimit(2, TimeUnit.WorkingDays), Bj("2026-12-31 12:00"));

        Assert.Equal(SlaLight.Green, status.Light);
        Assert.True(status.IsAssumption);
        Assert.Equal([2027], status.Clock.AssumedYears);
    }
}
