namespace CityOps.CaseApi.Tests.Cases;

public sealed class SlaThresholdTests
{
    [Theory]
    [InlineData(null, "Green")] // default: green while ≤ 80 % of the limit is used
    [InlineData("0.5", "Yellow")] // a city that wants an earlier warning
    public async Task RegisterDispatchStage_HalfTheLimitUsed_LightFollowsTheConfiguredThreshold(string? yellowAbove, string expected)
    {
        var settings = new Dictionary<string, string?>();
        if (yellowAbove is not null)
        {
            settings["Cases:Sla:YellowAbove"] = yellowAbove;
        }

        using var app = new CaseApp(settings: settings);
        var reported = await app.ReportAsync();

        // Tue 09:00 + 36 working minutes: 60 % of the 60-minute register+dispatch limit.
        app.Clock.Advance(TimeSpan.FromMinutes(36));
        var found = await app.CaseAsync(reported.GetProperty("id").ToString());

        Assert.Equal("Dispatch", found.GetProperty("currentStage").GetProperty("stage").GetString());
        Assert.Equal(expected, found.GetProperty("currentStage").GetProperty("light").GetString());
    }
}
