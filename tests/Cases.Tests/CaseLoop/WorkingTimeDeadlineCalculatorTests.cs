using CityOps.Cases.Cases.Sla;
using CityOps.Cases.Catalog;
using CityOps.Workflows.Scheduling;

namespace CityOps.Cases.Tests.CaseLoop;

public sealed class WorkingTimeDeadlineCalculatorTests
{
    private sealed class Catalog : ICityCatalog
    {
        public CitySnapshot Current { get; } = new(TestData.CodeCatalog, TestData.DemoCity, TestData.Departments, TestData.DemoRouting, TestData.CnCalendar);
    }

    private static Task<DateTimeOffset> Due(string from, string iso) =>
        new WorkingTimeDeadlineCalculator(new Catalog())
            .CalculateAsync(new DeadlineRequest(TestData.Bj(from), System.Xml.XmlConvert.ToTimeSpan(iso), iso, "t", "a", Guid.Empty), CancellationToken.None).AsTask();

    [Fact]
    public async Task Days_AreWorkingDays_SkippingTheWeekend() =>
        Assert.Equal(TestData.Bj("2026-12-08 16:00"), await Due("2026-12-04 16:00", "P2D"));

    [Fact]
    public async Task Hours_AreWorkingHours_SkippingLunchAndNight() =>
        Assert.Equal(TestData.Bj("2026-12-02 09:30"), await Due("2026-12-01 16:30", "PT2H"));
}
