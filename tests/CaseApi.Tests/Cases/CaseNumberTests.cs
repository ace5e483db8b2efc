using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CityOps.CaseApi.Tests.Cases;

/// <summary>
/// Case numbers come from an atomic increment of the day's counter in its own short transaction, so simultaneous reports
/// never conflict on the counter (they used to, and lost all engine retries with 409).
/// </summary>
public sealed class CaseNumberTests : IDisposable
{
    private readonly CaseApp app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task TwentySimultaneousReports_AllSucceed_WithUniqueNumbersOfTheDay()
    {
        var inspector = await app.As("inspector");
        using var start = new SemaphoreSlim(0);
        var reports = Enumerable.Range(0, 20).Select(async _ =>
        {
            await start.WaitAsync(CaseApp.Ct);
            var response = await inspector.PostAsJsonAsync("/api/cases", CaseApp.Report(), CaseApp.Ct);
            var body = await response.Content.ReadAsStringAsync(CaseApp.Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {body}");
            return JsonDocument.Parse(body).RootElement.GetProperty("case").GetProperty("number").GetString()!;
        }).ToList();
        start.Release(20);

        var numbers = await Task.WhenAll(reports);

        Assert.Equal(20, numbers.Distinct(StringComparer.Ordinal).Count());
        Assert.All(numbers, n => Assert.Matches("^20261201[0-9]{6}$", n));
        var sequence = numbers.Select(n => int.Parse(n[8..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 20), sequence); // no step failed here, so no gaps either
    }
}
