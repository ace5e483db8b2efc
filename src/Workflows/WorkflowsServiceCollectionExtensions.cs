using CityOps.Workflows.Activities;
using CityOps.Workflows.Definitions;
using CityOps.Workflows.Expressions;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;
using CityOps.Workflows.Scheduling;
using CityOps.Workflows.Tasks;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace CityOps.Workflows;

/// <summary>Registration of the workflow engine.</summary>
public static class WorkflowsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine with its generic activities; <paramref name="configure"/> adds host activities
    /// (<c>options.AddActivity&lt;T&gt;()</c>) and may choose the in-memory store. A host with a database registers its
    /// own scoped <see cref="IWorkflowStore"/>.
    /// </summary>
    public static IServiceCollection AddCityOpsWorkflows(this IServiceCollection services, Action<WorkflowsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new WorkflowsBuilder(services)

            // The engine's whole generic catalog, in one place.
            .AddActivity<Start>()
            .AddActivity<End>()
            .AddActivity<Decision>()
            .AddActivity<Switch>()
            .AddActivity<Fork>()
            .AddActivity<Join>()
            .AddActivity<SetVariable>()
            .AddActivity<HumanTask>()
            .AddActivity<ParallelTasks>()
            .AddActivity<Activities.Timer>()
            .AddActivity<Event>()
            .AddActivity<Notify>();
        configure?.Invoke(builder);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IActivityRegistry>(new ActivityRegistry(builder.ActivityTypes));
        services.AddOptions<WorkflowRuntimeOptions>();
        services.AddOptions<ExpressionOptions>();
        services.TryAddSingleton<JavaScriptEvaluator>();
        services.TryAddSingleton<FlowGraphCache>();
        services.TryAddSingleton<WorkflowRuntime>();
        services.TryAddSingleton<IWorkflowRuntime>(sp => sp.GetRequiredService<WorkflowRuntime>());
        services.TryAddSingleton<ITaskService, TaskService>();
        services.TryAddSingleton<ITimerSweeper, TimerSweeper>();
        services.TryAddSingleton<IValidator<WorkflowDefinition>, WorkflowDefinitionValidator>();
        services.TryAddSingleton<IDefinitionService, DefinitionService>();
        services.TryAddScoped<IDeadlineCalculator, NaturalTimeDeadlineCalculator>();
        return services;
    }

    /// <summary>
    /// Runs the timer sweep on Quartz every <see cref="TimerSweepOptions.IntervalSeconds"/>. Clustered: Quartz's
    /// persistent store with clustering (PostgreSQL, SQL Server); otherwise RAMJobStore on one node (SQLite).
    /// </summary>
    public static IServiceCollection AddWorkflowTimerSweep(this IServiceCollection services, Action<TimerSweepOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new TimerSweepOptions();
        configure?.Invoke(options);
        services.AddOptions<TimerSweepOptions>().Configure(o => configure?.Invoke(o));
        if (options.Clustered)
        {
            // Every node needs its own instance id in a cluster; AUTO derives one from host name and time.
            services.Configure<QuartzOptions>(q => q.Properties["quartz.scheduler.instanceId"] = "AUTO");
        }

        services.AddQuartz(q =>
        {
            if (options.Clustered)
            {
                q.UsePersistentStore(store =>
                {
                    store.UseClustering();
                    options.ConfigurePersistentStore?.Invoke(store);
                });
            }
            else
            {
                q.UseInMemoryStore();
            }

            var job = new JobKey("cityops-workflow-timer-sweep");
            q.AddJob<TimerSweepJob>(j => j.WithIdentity(job).StoreDurably());
            q.AddTrigger(t => t.ForJob(job).WithIdentity("cityops-workflow-timer-sweep")
                .StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(options.IntervalSeconds)).RepeatForever()));
        });
        services.Configure<QuartzOptions>(q => q.Properties["quartz.scheduler.instanceName"] = options.SchedulerName);
        services.AddQuartzHostedService(h => h.WaitForJobsToComplete = true);
        return services;
    }
}

/// <summary>Configures the engine: the activity catalog and, optionally, the in-memory store.</summary>
public sealed class WorkflowsBuilder
{
    private readonly List<Type> _activityTypes = [];

    internal WorkflowsBuilder(IServiceCollection services) => Services = services;

    /// <summary>The host's service collection.</summary>
    public IServiceCollection Services { get; }

    internal IReadOnlyList<Type> ActivityTypes => _activityTypes;

    /// <summary>Adds an activity type to the catalog (described by its attributes).</summary>
    public WorkflowsBuilder AddActivity<T>()
        where T : Activity
    {
        _activityTypes.Add(typeof(T));
        return this;
    }

    /// <summary>Uses the thread-safe in-memory store (tests, demos, benchmarks).</summary>
    public WorkflowsBuilder UseInMemoryStore()
    {
        Services.TryAddSingleton<IWorkflowStore, InMemoryWorkflowStore>();
        return this;
    }
}
