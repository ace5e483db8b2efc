using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CityOps.CaseApi.Tests.Infrastructure;
using CityOps.Workflows.Scheduling;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CityOps.CaseApi.Tests.Cases;

/// <summary>
/// The real host on a fresh SQLite file with a fake clock starting Tuesday 2026-12-01 09:00 (Asia/Shanghai), and the
/// steps of the case loop as one-liners. Clients are made per call because bearer tokens expire on the fake clock.
/// </summary>
public sealed class CaseApp : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));

    // 雨水井盖异常 (3 working days) in grid 330196001001001 of 明湖街道 → R-009 CITY-WATER.
    public const double Lat = 30.27045, Lon = 120.1505;

    private readonly CityOpsApiFactory inner;

    public CaseApp(Action<IServiceCollection>? services = null, IDictionary<string, string?>? settings = null)
    {
        inner = new CityOpsApiFactory();
        Factory = inner.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                b.UseSetting(key, value);
            }

            b.UseSetting("Workflows:TimerSweep:IntervalSeconds", "3600");
            b.ConfigureTestServices(s =>
            {
                s.AddSingleton<TimeProvider>(Clock);
                services?.Invoke(s);
            });
        });
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public WebApplicationFactory<Program> Factory { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        Factory.Dispose();
        inner.Dispose();
    }

    public async Task<HttpClient> As(string userName)
    {
        var client = Factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = SignIn.DemoPassword }, Ct);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static object Report(string code = "01003", string source = "Inspector", double lat = Lat, double lon = Lon) =>
        new { source, kind = "matter", code, description = "井盖破损", latitude = lat, longitude = lon };

    /// <summary>Reports as <paramref name="user"/> and returns the created case.</summary>
    public async Task<JsonElement> ReportAsync(string user = "inspector", object? report = null)
    {
        var response = await (await As(user)).PostAsJsonAsync("/api/cases", report ?? Report(), Ct);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("case");
    }

    public async Task<JsonElement> CaseAsync(string id, string user = "leader") =>
        await (await As(user)).GetFromJsonAsync<JsonElement>($"/api/cases/{id}", Ct);

    public async Task<JsonElement[]> TimelineAsync(string id) =>
        await (await As("leader")).GetFromJsonAsync<JsonElement[]>($"/api/cases/{id}/timeline", Ct) ?? [];

    /// <summary>The caller's open task for the case, or null.</summary>
    public async Task<JsonElement?> TaskAsync(string user, string caseId)
    {
        var page = await (await As(user)).GetFromJsonAsync<JsonElement>("/api/tasks?take=200", Ct);
        foreach (var t in page.GetProperty("items").EnumerateArray())
        {
            if (t.GetProperty("caseId").GetString() == caseId)
            {
                return t;
            }
        }

        return null;
    }

    public async Task<HttpResponseMessage> CompleteAsync(string user, string caseId, string outcome, object? form = null, string? comment = null, bool photo = false)
    {
        var task = await TaskAsync(user, caseId) ?? throw new InvalidOperationException($"{user} has no task for case {caseId}.");
        var client = await As(user);
        var id = task.GetProperty("id").GetString();
        if (!photo)
        {
            return await client.PostAsJsonAsync($"/api/tasks/{id}/complete", new { outcome, comment, form }, Ct);
        }

        using var content = new MultipartFormDataContent
        {
            { new StringContent(outcome), "outcome" },
            { new StringContent(comment ?? ""), "comment" },
            { new StringContent(JsonSerializer.Serialize(form ?? new { })), "form" },
        };
        var image = new ByteArrayContent(Jpeg());
        image.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        content.Add(image, "photos", "after.jpg");
        return await client.PostAsync($"/api/tasks/{id}/complete", content, Ct);
    }

    /// <summary>Completes and asserts 200.</summary>
    public async Task DoAsync(string user, string caseId, string outcome, object? form = null, string? comment = null, bool photo = false)
    {
        var response = await CompleteAsync(user, caseId, outcome, form, comment, photo);
        Assert.True(response.IsSuccessStatusCode, $"{user} {outcome}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }

    public void Advance(TimeSpan by) => Clock.Advance(by);

    /// <summary>Fires due timers now (the Quartz sweep is slowed down in tests).</summary>
    public Task<int> SweepAsync() => Factory.Services.GetRequiredService<ITimerSweeper>().FireDueAsync(Clock.GetUtcNow(), 100, Ct);

    public static byte[] Jpeg(int size = 64)
    {
        var bytes = new byte[size];
        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        bytes[2] = 0xFF;
        bytes[3] = 0xE0;
        return bytes;
    }
}
