using System.Text.Json;
using CityOps.Workflows.Definitions;
using CityOps.Workflows.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.Workflows.Runtime;

/// <summary>
/// What an activity sees while it runs: its evaluated inputs, the instance's variables and input, and the ways to
/// finish (complete with outcomes) or wait (bookmark, task, timer). Services come from the step's DI scope, so host
/// services share the step's unit of work and their changes commit with it.
/// </summary>
public sealed class ActivityExecutionContext
{
    private readonly WorkflowStep _step;
    private readonly ActivityDefinition _node;

    internal ActivityExecutionContext(WorkflowStep step, ActivityDefinition node, string? arrivedFrom, Stimulus? stimulus)
    {
        _step = step;
        _node = node;
        ArrivedFrom = arrivedFrom;
        Stimulus = stimulus;
    }

    /// <summary>The activity's id in the definition.</summary>
    public string ActivityId => _node.Id;

    /// <summary>The activity's type name.</summary>
    public string ActivityType => _node.Type;

    /// <summary>The instance.</summary>
    public Guid InstanceId => _step.Instance.Id;

    /// <summary>The instance's correlation id.</summary>
    public string? CorrelationId => _step.Instance.CorrelationId;

    /// <summary>The definition slug.</summary>
    public string DefinitionId => _step.Instance.DefinitionId;

    /// <summary>The step's clock reading (UTC); one value per step keeps the journal consistent.</summary>
    public DateTimeOffset Now => _step.Now;

    /// <summary>Cancelled when the caller gives up on the step.</summary>
    public CancellationToken CancellationToken => _step.CancellationToken;

    /// <summary>The input the instance was started with.</summary>
    public JsonElement? InstanceInput => _step.State.Input;

    /// <summary>The stimulus being delivered, while resuming.</summary>
    public Stimulus? Stimulus { get; }

    /// <summary>Who caused this (the task completer), if known.</summary>
    public string? Actor => (Stimulus as TaskCompletedStimulus)?.Actor;

    /// <summary>Data for this activity's journal record (serialized, truncated to the journal limit).</summary>
    public object? JournalPayload { get; set; }

    internal string? ArrivedFrom { get; }

    internal IReadOnlyList<string>? Outcomes { get; private set; }

    internal PendingWait? Wait { get; private set; }

    internal bool Blocked { get; private set; }

    /// <summary>Whether the definition gives this input.</summary>
    public bool HasInput(string name) => _node.Inputs?.ContainsKey(name) == true;

    /// <summary>Evaluates an input (literal or script); JSON null when absent.</summary>
    public ValueTask<JsonElement> EvaluateInputAsync(string name) => _step.EvaluateInputAsync(_node, name);

    /// <summary>Evaluates an input and converts it; <paramref name="defaultValue"/> when absent or null.</summary>
    public async ValueTask<T?> GetInputAsync<T>(string name, T? defaultValue = default)
    {
        var value = await EvaluateInputAsync(name);
        return value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
            ? defaultValue
            : value.Deserialize<T>(DefinitionJson.Options);
    }

    /// <summary>Evaluates a script that is part of an input (e.g. a Switch case condition).</summary>
    public ValueTask<JsonElement> EvaluateScriptAsync(string script, string cacheKey) =>
        _step.EvaluateScriptAsync(script, $"{_node.Id}:{cacheKey}");

    /// <summary>A variable's value, or <c>null</c>.</summary>
    public JsonElement? GetVariable(string name) => _step.State.Variables.TryGetValue(name, out var v) ? v : null;

    /// <summary>Sets a variable (serialized to JSON).</summary>
    public void SetVariable(string name, object? value) =>
        _step.State.Variables[name] = value is JsonElement e ? e.Clone() : JsonSerializer.SerializeToElement(value, DefinitionJson.Options);

    /// <summary>Finishes the activity and follows the given ports (default <c>Done</c>).</summary>
    public void Complete(params string[] outcomes) =>
        Outcomes = outcomes is { Length: > 0 } ? outcomes : [Activities.ActivityDescriptor.DonePort];

    /// <summary>Resolves a service from the step's DI scope.</summary>
    public T GetRequiredService<T>()
        where T : notnull => _step.Services.GetRequiredService<T>();

    /// <summary>Waits for a named event with an optional correlation key.</summary>
    public void CreateBookmark(string eventName, string? correlationKey) =>
        Wait = new PendingWait(Persistence.BookmarkKind.Event, eventName, correlationKey, null, null);

    /// <summary>Waits for a human task to be completed; the task row is created in the step's commit.</summary>
    public void CreateTask(HumanTaskRequest request) =>
        Wait = new PendingWait(Persistence.BookmarkKind.Task, "task", null, request, null);

    /// <summary>
    /// Waits for several human tasks at once (a multi-instance wait), all created in the step's commit; returns their
    /// ids in request order. Each completion resumes the activity; <see cref="StillWaiting"/> then says whether other
    /// tasks of the wait are open. Completing the activity ends the wait and cancels the tasks still open.
    /// </summary>
    public IReadOnlyList<Guid> CreateTasks(IReadOnlyList<HumanTaskRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            throw new ArgumentException("A multi-instance wait needs at least one task; complete the activity instead.", nameof(requests));
        }

        List<(Guid Id, HumanTaskRequest Request)> tasks = [.. requests.Select(r => (RowId.New(Now), r))];
        Wait = new PendingWait(Persistence.BookmarkKind.Task, "tasks", null, null, null, tasks);
        return [.. tasks.Select(t => t.Id)];
    }

    /// <summary>While resuming a multi-instance wait: other tasks of it are still open and the wait goes on.</summary>
    public bool StillWaiting => Stimulus is not null && _step.State.Waits.ContainsKey(_node.Id);

    /// <summary>Waits until <paramref name="dueAt"/>.</summary>
    public void CreateTimer(DateTimeOffset dueAt) =>
        Wait = new PendingWait(Persistence.BookmarkKind.Timer, "timer", null, null, dueAt);

    /// <summary>Writes an outbox message committed with the step.</summary>
    public void WriteOutbox(string channel, string? recipient, string? subject, JsonElement body) =>
        _step.AddOutbox(_node.Id, channel, recipient, subject, body);

    /// <summary>Computes a deadline from an ISO-8601 duration with the host's calculator, or reads an instant.</summary>
    public ValueTask<DateTimeOffset> ResolveDueAsync(JsonElement durationOrInstant) =>
        _step.ResolveDueAsync(_node, durationOrInstant);

    /// <summary>Neither complete nor wait: a Join that has not received every branch yet.</summary>
    internal void Block() => Blocked = true;

    internal IReadOnlyList<string> RecordJoinArrival() => _step.RecordJoinArrival(_node.Id, ArrivedFrom);

    internal Task TerminateAsync() => _step.CancelAllAsync($"terminated by '{_node.Id}'");

    internal void ResetJoin() => _step.State.JoinArrivals.Remove(_node.Id);

    internal ValueTask CancelUpstreamBranchesAsync() => _step.CancelUpstreamAsync(_node.Id);

    internal IReadOnlyList<string> InboundConnections => _step.Graph.Inbound(_node.Id);
}

/// <summary>A human task to create.</summary>
/// <param name="Title">Inbox title.</param>
/// <param name="AssigneeGroup">Group (role/department) that may work it.</param>
/// <param name="AssigneePerson">Person it is assigned to.</param>
/// <param name="Outcomes">Outcomes it may be completed with.</param>
/// <param name="FormSchemaJson">Form schema shown to the worker.</param>
/// <param name="DueAt">When it is due (shown in the inbox; deadlines are separate).</param>
public sealed record HumanTaskRequest(
    string Title,
    string? AssigneeGroup,
    string? AssigneePerson,
    IReadOnlyList<string> Outcomes,
    string? FormSchemaJson,
    DateTimeOffset? DueAt);

internal sealed record PendingWait(
    Persistence.BookmarkKind Kind,
    string Name,
    string? CorrelationKey,
    HumanTaskRequest? Task,
    DateTimeOffset? TimerDueAt,
    IReadOnlyList<(Guid Id, HumanTaskRequest Request)>? Tasks = null);
