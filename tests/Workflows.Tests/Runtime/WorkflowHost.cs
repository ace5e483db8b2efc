using System.Text.Json;
using CityOps.Workflows.Definitions;
using CityOps.Workflows.Expressions;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;
using CityOps.Workflows.Scheduling;
using CityOps.Workflows.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CityOps.Workflows.Tests.Runtime;

/// <summary>A fresh engine over an in-memory store and a fake clock, with scenario definitions loaded from JSON.</summary>
internal sealed class WorkflowHost : IAsyncDisposable
{
    public WorkflowHost(Action<IServiceCollection>? configure = null, Action<WorkflowsBuilder>? workflows = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(Ext);
        services.AddSingleton<IExpressionGlobalsProvider>(Ext);
        services.AddCityOpsWorkflows(o =>
        {
            o.UseInMemoryStore();
            workflows?.Invoke(o);
        });
        configure?.Invoke(services);
        Provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 3, 3, 1, 0, 0, TimeSpan.Zero));

    public TestGlobals Ext { get; } = new();

    public ServiceProvider Provider { get; }

    public IWorkflowRuntime Runtime => Provider.GetRequiredService<IWorkflowRuntime>();

    public ITaskService Tasks => Provider.GetRequiredService<ITaskService>();

    public IDefinitionService Definitions => Provider.GetRequiredService<IDefinitionService>();

    public ITimerSweeper Sweeper => Provider.GetRequiredService<ITimerSweeper>();

    public IWorkflowStore Store => Provider.GetRequiredService<IWorkflowStore>();

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static WorkflowDefinition Scenario(string name) =>
        DefinitionJson.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scenarios", name + ".json")));

    public async Task<WorkflowDefinition> PublishAsync(string scenario) => await Definitions.EnsureAsync(Scenario(scenario), Ct);

    public async Task<WorkflowInstanceSnapshot> StartAsync(string scenario, object? input = null, string? correlationId = null)
    {
        var definition = await PublishAsync(scenario);
        var json = input is null ? (JsonElement?)null : JsonSerializer.SerializeToElement(input);
        return await Runtime.StartAsync(new StartWorkflowRequest(definition.DefinitionId, json, correlationId), Ct);
    }

    public async Task<WorkflowInstanceSnapshot> InstanceAsync(Guid id) => (await Runtime.GetInstanceAsync(id, Ct))!;

    public async Task<WorkflowTaskRecord> SingleOpenTaskAsync(string group) =>
        Assert.Single((await Tasks.ListAsync(new TaskQuery(group, null), Ct)).Items);

    public Task<StimulusResult> CompleteAsync(WorkflowTaskRecord task, string outcome, object? form = null, string actor = "li") =>
        Tasks.CompleteAsync(task.Id, outcome, form is null ? null : JsonSerializer.SerializeToElement(form), actor, Guid.NewGuid().ToString(), Ct);

    public static string Text(WorkflowInstanceSnapshot instance, string variable) => instance.Variables[variable].ToString();

    public ValueTask DisposeAsync() => Provider.DisposeAsync();
}

/// <summary>Host globals for scripts (<c>ext</c>), switchable by tests.</summary>
internal sealed class TestGlobals : IExpressionGlobalsProvider
{
    public bool Ready { get; set; }

    public ValueTask AddGlobalsAsync(ExpressionGlobalsContext context, IDictionary<string, object?> globals, CancellationToken cancellationToken)
    {
        globals["ext"] = new { ready = Ready };
        return ValueTask.CompletedTask;
    }
}
