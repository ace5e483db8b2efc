using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityOps.CaseApi.Endpoints;
using CityOps.Cases.Persistence;
using CityOps.Workflows.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.CaseApi.Tests.Cases;

/// <summary>
/// A completion starts from the endpoint's one read (task, instance, case): a change made since that read is never
/// overwritten, because the first attempt's commit fails on it and the retry reads afresh.
/// </summary>
public sealed class TaskCompletionTests : IDisposable
{
    private readonly CaseApp app = new(settings: new Dictionary<string, string?> { ["Cases:Duplicates:AutoMerge"] = "true" });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Complete_CaseGotADuplicateReportSinceTheRead_RetriesFromAFreshRead_AndKeepsEveryEntry()
    {
        var id = (await app.ReportAsync()).GetProperty("id").GetString()!;
        var taskId = Guid.Parse((await app.TaskAsync("acceptor", id))!.Value.GetProperty("id").GetString()!);
        using var scope = app.Factory.Services.CreateScope();
        var found = (await TaskQueries.TaskAndCaseAsync(scope.ServiceProvider.GetRequiredService<CityOpsDbContext>(), taskId, CaseApp.Ct))!;
        var merged = await (await app.As("inspector2")).PostAsJsonAsync("/api/cases", CaseApp.Report(), CaseApp.Ct);
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode); // merged into the case: its timeline moved on since the read
        var seeded = 0;
        void Seed(IServiceProvider services)
        {
            seeded++;
            TaskCompletion.SeedCase(found.Case)!(services);
        }

        var form = JsonSerializer.SerializeToElement(new { comment = (string?)null, photos = Array.Empty<object>() });
        var result = await app.Factory.Services.GetRequiredService<ITaskService>()
            .CompleteAsync(found.Read, "Register", form, "acceptor", "register-once", Seed, CaseApp.Ct);

        Assert.False(result.Replayed);
        Assert.Equal(1, seeded);
        var timeline = await app.TimelineAsync(id);
        Assert.Equal(Enumerable.Range(1, timeline.Length), timeline.Select(e => e.GetProperty("sequence").GetInt32()));
        Assert.Equal(["Report", "DuplicateReport"], timeline[..2].Select(e => e.GetProperty("action").GetString()));
        Assert.True(timeline.Length > 2);
        Assert.Equal("Dispatched", (await app.CaseAsync(id)).GetProperty("status").GetString());
    }
}
