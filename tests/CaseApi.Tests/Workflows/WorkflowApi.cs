using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CityOps.CaseApi.Tests.Infrastructure;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.CaseApi.Tests.Workflows;

/// <summary>Small helpers over the workflow API used by the tests in this folder.</summary>
internal static class WorkflowApi
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string DefinitionJson(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Workflows", "Definitions", name + ".json"));

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Creates and publishes a test definition through the API as an administrator.</summary>
    public static async Task PublishAsync(HttpClient admin, string name)
    {
        (await admin.PostAsync("/api/workflows/definitions", Json(DefinitionJson(name)), Ct)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/workflows/definitions/{name}/publish", null, Ct)).EnsureSuccessStatusCode();
    }

    public static async Task<Guid> StartAsync(HttpClient admin, string definitionId, object? input = null)
    {
        var response = await admin.PostAsJsonAsync("/api/workflows/instances", new { definitionId, input }, Ct);
        Assert.True(response.IsSuccessStatusCode, $"starting {definitionId} on {admin.BaseAddress}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.ReadAsync()).GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> InstanceAsync(HttpClient admin, Guid id) =>
        await (await admin.GetAsync($"/api/workflows/instances/{id}", Ct)).ReadAsync();

    public static async Task<string> StatusAsync(HttpClient admin, Guid id) =>
        (await InstanceAsync(admin, id)).GetProperty("instance").GetProperty("status").ToString();

    /// <summary>The open task of an instance in the reviewers' inbox.</summary>
    public static async Task<WorkflowTaskRecord> OpenTaskAsync(CityOpsApiFactory factory, Guid instanceId)
    {
        var tasks = factory.Services.GetRequiredService<ITaskService>();
        var page = await tasks.ListAsync(new TaskQuery("reviewers", null, Take: 1000), Ct);
        return page.Items.Single(t => t.InstanceId == instanceId);
    }

    public static Task CompleteAsync(CityOpsApiFactory factory, Guid taskId, string outcome, string? key = null) =>
        factory.Services.GetRequiredService<ITaskService>().CompleteAsync(taskId, outcome, null, "leader", key ?? Guid.NewGuid().ToString(), Ct);

    /// <summary>Polls until the instance reaches <paramref name="status"/> (timers fire on the host's own sweep).</summary>
    public static async Task<string> WaitForStatusAsync(HttpClient admin, Guid id, string status, TimeSpan timeout)
    {
        var until = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        string current;
        do
        {
            current = await StatusAsync(admin, id);
            if (current == status)
            {
                break;
            }

            await Task.Delay(100, Ct);
        }
        while (Environment.TickCount64 < until);
        return current;
    }
}
