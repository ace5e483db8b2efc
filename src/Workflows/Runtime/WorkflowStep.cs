using System.Text.Json;
using CityOps.Workflows.Activities;
using CityOps.Workflows.Definitions;
using CityOps.Workflows.Expressions;
using CityOps.Workflows.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.Workflows.Runtime;

/// <summary>
/// One step of one instance: a token work queue run until every branch is finished or waiting, collecting all row
/// changes for a single commit. Not thread-safe; a step belongs to one call.
/// </summary>
internal sealed partial class WorkflowStep
{
    // A compiled factory per activity type with one public constructor (its services still come from the step's
    // scope); a type with several constructors keeps ActivatorUtilities' per-call choice among them.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, ObjectFactory> Factories = new();

    private readonly Queue<WorkItem> _queue = new();
    private readonly JavaScriptEvaluator _js;
    private readonly WorkflowRuntimeOptions _options;
    private Dictionary<string, string>? _hostGlobals;
    private int _runs;

    public WorkflowStep(
        IServiceProvider services,
        FlowGraph graph,
        WorkflowInstanceRecord instance,
        InstanceState state,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        Services = services;
        Store = services.GetRequiredService<IWorkflowStore>();
        _js = services.GetRequiredService<JavaScriptEvaluator>();
        _options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WorkflowRuntimeOptions>>().Value;
        Graph = graph;
        Instance = instance;
        Original = instance.Copy();
        State = state;
        Now = now;
        CancellationToken = cancellationToken;
    }

    public IServiceProvider Services { get; }

    public IWorkflowStore Store { get; }

    public FlowGraph Graph { get; }

    public WorkflowInstanceRecord Instance { get; }

    /// <summary>The instance row as loaded (or created), before this step changed it.</summary>
    public WorkflowInstanceRecord Original { get; }

    public InstanceState State { get; }

    public DateTimeOffset Now { get; }

    public CancellationToken CancellationToken { get; }

    public StepChanges Changes { get; } = new();

    public bool Cancelled { get; set; }

    public void Schedule(string activityId, string? arrivedFrom) => _queue.Enqueue(new WorkItem(activityId, arrivedFrom));

    public async Task RunAsync()
    {
        while (_queue.TryDequeue(out var item))
        {
            if (++_runs > _options.MaxActivityRunsPerStep)
            {
                var node = Graph.Nodes[item.ActivityId];
                Fault(node, $"The step ran more than {_options.MaxActivityRunsPerStep} activities; is there a loop without a wait?", null);
                _queue.Clear();
                break;
            }

            await ExecuteAsync(item);
        }
    }

    private async Task ExecuteAsync(WorkItem item)
    {
        var node = Graph.Nodes[item.ActivityId];
        if (State.Waits.TryGetValue(node.Id, out var previous))
        {
            // Re-entering a waiting activity (a loop back to it) replaces its wait rather than doubling it.
            await RemoveWaitAsync(previous, cancelTask: true);
        }

        var context = new ActivityExecutionContext(this, node, item.ArrivedFrom, null);
        try
        {
            await CreateActivity(node).ExecuteAsync(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Fault(node, ex.Message, null);
            return;
        }

        await AfterRunAsync(node, context, "Executed");
    }

    public async Task ResumeAsync(string activityId, Stimulus stimulus)
    {
        var node = Graph.Nodes[activityId];
        if (State.Waits.TryGetValue(activityId, out var wait) && !KeepsWaiting(wait, stimulus))
        {
            await RemoveWaitAsync(wait, cancelTask: false);
        }

        var context = new ActivityExecutionContext(this, node, null, stimulus);
        try
        {
            await CreateActivity(node).ResumeAsync(context, stimulus);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Fault(node, ex.Message, JsonSerializer.Serialize(stimulus, DefinitionJson.Options));
            return;
        }

        await AfterRunAsync(node, context, "Resumed");
    }

    private async Task AfterRunAsync(ActivityDefinition node, ActivityExecutionContext context, string eventName)
    {
        if (context.Outcomes is { } outcomes)
        {
            if (State.Waits.TryGetValue(node.Id, out var open))
            {
                await RemoveWaitAsync(open, cancelTask: true);
            }

            AddJournal(node, eventName, outcomes, context.Actor, context.JournalPayload);
            Follow(node.Id, outcomes);
        }
        else if (context.Wait is { } wait)
        {
            try
            {
                await RegisterWaitAsync(node, wait);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Fault(node, ex.Message, null);
                return;
            }

            AddJournal(node, "Waiting", [], context.Actor, context.JournalPayload);
        }
        else if (context.StillWaiting)
        {
            AddJournal(node, "Progress", [], context.Actor, context.JournalPayload);
        }
        else if (!context.Blocked)
        {
            Fault(node, "The activity neither completed nor created a wait.", null);
        }
    }

    public void Follow(string activityId, IEnumerable<string> outcomes)
    {
        foreach (var port in outcomes)
        {
            foreach (var target in Graph.Targets(activityId, port))
            {
                Schedule(target, FlowGraph.ArrivalKey(activityId, port));
            }
        }
    }

    private Activity CreateActivity(ActivityDefinition node) =>
        (Activity)Factories.GetOrAdd(Graph.Descriptors[node.Id].ClrType, static t => t.GetConstructors() is [_]
            ? ActivatorUtilities.CreateFactory(t, Type.EmptyTypes)
            : (services, _) => ActivatorUtilities.CreateInstance(services, t))(Services, null);

    public void Fault(ActivityDefinition node, string message, string? stimulusJson)
    {
        var text = $"Activity '{node.Id}' ({node.Type}) faulted: {message}";
        State.Incidents.Add(new Incident(Guid.NewGuid(), node.Id, node.Type, text, Now) { StimulusJson = stimulusJson });
        AddJournal(node, "Faulted", [], null, new { message = text });
    }

    /// <summary>Re-runs the activities of open incidents (resuming again when the fault happened on resume).</summary>
    public async Task RetryIncidentsAsync()
    {
        var open = State.Incidents.Where(i => i.ResolvedAt is null).ToList();
        foreach (var incident in open)
        {
            State.Incidents[State.Incidents.IndexOf(incident)] = incident with { ResolvedAt = Now };
            if (incident.StimulusJson is { } json)
            {
                await ResumeAsync(incident.ActivityId, JsonSerializer.Deserialize<Stimulus>(json, DefinitionJson.Options)!);
            }
            else
            {
                Schedule(incident.ActivityId, null);
            }
        }

        await RunAsync();
    }

    /// <summary>Drops queued work of the given activities (a WaitAny cancelling its other branches).</summary>
    private void Unschedule(HashSet<string> activityIds)
    {
        var keep = _queue.Where(w => !activityIds.Contains(w.ActivityId)).ToList();
        _queue.Clear();
        keep.ForEach(_queue.Enqueue);
    }

    private readonly record struct WorkItem(string ActivityId, string? ArrivedFrom);
}
