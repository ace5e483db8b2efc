namespace CityOps.CaseApi.Tests.Cases;

/// <summary>2027's holidays are not published: a deadline that runs into 2027 still works, and says it assumed weekdays.</summary>
public sealed class CalendarYearTests
{
    [Fact]
    public async Task HandlingStageRunningInto2027_AssumesPlainWeekdays_AndSaysSo()
    {
        using var app = new CaseApp();
        app.Clock.Advance(TimeSpan.FromDays(29)); // Wed 2026-12-30 09:00 Beijing
        var id = (await app.ReportAsync()).GetProperty("id").GetString()!;
        var reported = await app.CaseAsync(id);
        await app.DoAsync("acceptor", id, "Register");
        await app.DoAsync("water", id, "Accept");

        var handling = (await app.CaseAsync(id)).GetProperty("currentStage");

        Assert.Empty(reported.GetProperty("currentStage").GetProperty("assumedYears").EnumerateArray()); // 60 minutes on 30 Dec
        Assert.Equal("Handle", handling.GetProperty("stage").GetString());
        Assert.Equal(2027, handling.GetProperty("dueAt").GetDateTimeOffset().Year);
        Assert.Equal([2027], handling.GetProperty("assumedYears").EnumerateArray().Select(y => y.GetInt32()));
    }
}
