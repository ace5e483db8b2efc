using System.Text.Json;
using CityOps.Workflows.Definitions;
using CityOps.Workflows.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CityOps.Workflows.Runtime;

/// <summary>
/// Runs steps: each call opens a DI scope, loads fresh state through the scope's store, runs the work queue and
/// commits once. A step that loses an optimistic-concurrency race is re-run from fresh state a bounded number of
/// times; checks made at load (task already completed, key already processed) then decide the outcome.
/// </summary>
internal sealed partial class WorkflowRuntime(
    IServiceScopeFactory scopes,
    FlowGraphCache graphs,
    TimeProvider time,
    IOptions<WorkflowRuntimeOptions> options) : IWorkflowRuntime
{
    private readonly WorkflowRuntimeOptions _options = options.Value;

    // Event bookmarks committed by the current attempt; checked for parked stimuli once the attempt succeeded.
    private readonly AsyncLocal<List<(string Name, string Hash)>?> _committedBookmarks = new();

    public async Task<WorkflowInstanceSnapshot> StartAsync(StartWorkflowRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await WithRetriesAsync(async services =>
        {
            var store = services.GetRequiredService<IWorkflowStore>();
            if (request.IdempotencyKey is { } key && await store.FindStimulusAsync(key, cancellationToken) is { InstanceId: { } earlier })
            {
                return await SnapshotAsync(store, earlier, cancellationToken);
            }

            var step = NewInstanceStep(services, await PublishedGraphAsync(store, request.DefinitionId, cancellationToken), request.Input, request.CorrelationId, cancellationToken);
            step.Schedule(step.Graph.StartId, null);
            await step.RunAsync();
            if (request.IdempotencyKey is { } k)
            {
                step.Changes.Stimuli.Add(Processed(k, step.Instance.Id, "{}"));
            }

            await CommitAsync(services, step, null, cancellationToken);
            return Snapshot(step.Instance, step.State);
        }, cancellationToken);
    }

    public async Task<WorkflowInstanceSnapshot?> GetInstanceAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IWorkflowStore>();
        var instance = await store.GetInstanceAsync(instanceId, cancellationToken);
        return instance is null ? null : Snapshot(instance, InstanceState.Parse(instance.StateJson));
    }

    public Task<WorkflowInstanceSnapshot> RetryAsync(Guid instanceId, CancellationToken cancellationToken) =>
        WithRetriesAsync(async services =>
        {
            var step = await LoadStepAsync(services, instanceId, cancellationToken);
            if (!step.State.Incidents.Any(i => i.ResolvedAt is null))
            {
                throw new WorkflowStateException($"Instance {instanceId} has no open incident to retry.");
            }

            await step.RetryIncidentsAsync();
            await CommitAsync(services, step, step.Instance.Version, cancellationToken);
            return Snapshot(step.Instance, step.State);
        }, cancellationToken);

    public Task<WorkflowInstanceSnapshot> CancelAsync(Guid instanceId, CancellationToken cancellationToken) =>
        WithRetriesAsync(async services =>
        {
            var step = await LoadStepAsync(services, instanceId, cancellationToken);
            if (step.Instance.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled)
            {
                throw new WorkflowStateException($"Instance {instanceId} is already {step.Instance.Status}.");
            }

            await step.CancelAllAsync("instance cancelled");
            step.Cancelled = true;
            await CommitAsync(services, step, step.Instance.Version, cancellationToken);
            return Snapshot(step.Instance, step.State);
        }, cancellationToken);

    public async Task<IReadOnlyList<JournalRecord>> GetJournalAsync(Guid instanceId, int skip, int take, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IWorkflowStore>().ListJournalAsync(instanceId, skip, take, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> in a fresh DI scope per try; <paramref name="firstScope"/>, when given, is a
    /// scope the caller only read through (no tracked changes) and hands over for the first try. Every scope is
    /// disposed before the next try starts, so a call never holds two store sessions (connections) at once.
    /// </summary>
    private async Task<T> WithRetriesAsync<T>(Func<IServiceProvider, Task<T>> attempt, CancellationToken cancellationToken, AsyncServiceScope? firstScope = null)
    {
        var lostRace = false;
        for (var i = 0; ; i++)
        {
            var scope = i == 0 && firstScope is { } handed ? handed : scopes.CreateAsyncScope();
            var committed = new List<(string Name, string Hash)>();
            T result = default!;
            await using (scope)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    _committedBookmarks.Value = committed;
                    result = await attempt(scope.ServiceProvider);
                }
                catch (WorkflowConcurrencyException) when (i < _options.MaxConcurrencyRetries)
                {
                    // Lost a race: the next attempt reloads everything in a fresh scope and decides again.
                    lostRace = true;
                }
                finally
                {
                    _committedBookmarks.Value = null;
                }
            }

            if (lostRace)
            {
                // After the scope (and its connection) is released; a random wait so racers on a hot row do not meet again.
                await BackOffAsync(i, cancellationToken);
                lostRace = false;
                continue;
            }

            // After (not inside) the committed attempt, so a race here can never re-run a step that already committed.
            foreach (var (name, hash) in committed.Distinct())
            {
                await DeliverParkedAsync(name, hash, cancellationToken);
            }

            return result;
        }
    }

    /// <summary>
    /// Full-jitter exponential backoff before retry <paramref name="attempt"/> + 1: a random wait in
    /// [0, base × 2^attempt), capped at <see cref="WorkflowRuntimeOptions.ConcurrencyRetryMaxDelay"/>. Real time on
    /// purpose (not the TimeProvider): it spaces out racing writers and must not wait for a test clock.
    /// </summary>
    private Task BackOffAsync(int attempt, CancellationToken cancellationToken)
    {
        var baseDelay = _options.ConcurrencyRetryBaseDelay;
        if (baseDelay <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        var ceiling = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16)), _options.ConcurrencyRetryMaxDelay.TotalMilliseconds);
#pragma warning disable CA5394 // jitter, not security
        var wait = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
#pragma warning restore CA5394
        return Task.Delay(wait, cancellationToken);
    }

    /// <summary>
    /// The published version's graph: its identity (row id, version, content hash) is read without the JSON, and the
    /// row itself only when this exact content was never parsed in this process (version rows are keyed by id and
    /// content hash, so another version or changed content can never be served from the cache).
    /// </summary>
    private async Task<(DefinitionVersionKey Key, FlowGraph Graph)> PublishedGraphAsync(IWorkflowStore store, string definitionId, CancellationToken cancellationToken)
    {
        var key = await store.GetPublishedDefinitionKeyAsync(definitionId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"Definition '{definitionId}' has no published version.");
        if (graphs.Find(key.Id, key.ContentHash) is { } cached)
        {
            return (key, cached);
        }

        // A miss reads the published row whole; it may be newer than the key read just before (a publish in between),
        // so the instance takes that row's identity, exactly as the single read did before.
        var definition = key.Definition
            ?? await store.GetPublishedDefinitionAsync(definitionId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"Definition '{definitionId}' has no published version.");
        return (new DefinitionVersionKey(definition.Id, definition.DefinitionId, definition.Version, definition.ContentHash), graphs.Get(definition));
    }

    private WorkflowStep NewInstanceStep(IServiceProvider services, WorkflowDefinitionRecord definition, JsonElement? input, string? correlationId, CancellationToken cancellationToken) =>
        NewInstanceStep(services, (new DefinitionVersionKey(definition.Id, definition.DefinitionId, definition.Version, definition.ContentHash), graphs.Get(definition)),
            input, correlationId, cancellationToken);

    private WorkflowStep NewInstanceStep(
        IServiceProvider services, (DefinitionVersionKey Key, FlowGraph Graph) definition, JsonElement? input, string? correlationId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var graph = definition.Graph;
        var instance = new WorkflowInstanceRecord
        {
            Id = RowId.New(now), DefinitionId = definition.Key.DefinitionId, DefinitionVersion = definition.Key.Version,
            CorrelationId = correlationId, Status = WorkflowStatus.Running, CreatedAt = now, UpdatedAt = now,
        };
        var state = new InstanceState { Input = input?.Clone() };
        foreach (var variable in graph.Definition.Variables)
        {
            state.Variables[variable.Name] = variable.Default?.Clone() ?? JsonSerializer.SerializeToElement<object?>(null);
        }

        return new WorkflowStep(services, graph, instance, state, now, cancellationToken);
    }

    private async Task<WorkflowStep> LoadStepAsync(IServiceProvider services, Guid instanceId, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IWorkflowStore>();
        var loaded = await store.GetInstanceForStepAsync(instanceId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"Instance {instanceId} does not exist.");
        return await StepForAsync(services, store, loaded, cancellationToken);
    }

    private async Task<WorkflowStep> StepForAsync(IServiceProvider services, IWorkflowStore store, InstanceForStep loaded, CancellationToken cancellationToken)
    {
        var instance = loaded.Instance;

        // The parsed graph is cached by row id + content hash, which the instance query already returned: the
        // definition row (and its JSON) is read only when this exact content was never parsed here.
        var graph = loaded is { DefinitionRowId: { } rowId, DefinitionContentHash: { } hash } ? graphs.Find(rowId, hash) : null;
        if (graph is null)
        {
            var definition = loaded.Definition
                ?? await store.GetDefinitionAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken)
                ?? throw new WorkflowNotFoundException($"Definition '{instance.DefinitionId}' v{instance.DefinitionVersion} does not exist.");
            graph = graphs.Get(definition);
        }

        return new WorkflowStep(services, graph, instance, InstanceState.Parse(instance.StateJson), time.GetUtcNow(), cancellationToken);
    }

    private async Task CommitAsync(IServiceProvider services, WorkflowStep step, long? expectedVersion, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IWorkflowStore>();
        await store.CommitAsync(step.BuildCommit(expectedVersion), cancellationToken);

        // Closes the race with a stimulus parked just before this commit made its bookmark visible: look for live
        // parked stimuli of the new event waits now (after the commit, in the same session); the ones found are
        // delivered once this attempt's scope is released. A stimulus parked after this look finds the bookmark itself.
        if (step.NewEventBookmarks.Count > 0 && _committedBookmarks.Value is { } committed)
        {
            var liveSince = time.GetUtcNow() - _options.ParkedStimulusLifetime;
            foreach (var (name, hash) in step.NewEventBookmarks.Distinct())
            {
                if ((await store.FindParkedStimuliAsync(name, hash, cancellationToken)).Any(p => p.ParkedAt > liveSince))
                {
                    committed.Add((name, hash));
                }
            }
        }
    }

    private StimulusRecord Processed(string key, Guid? instanceId, string resultJson) =>
        new() { IdempotencyKey = key, InstanceId = instanceId, ResultJson = resultJson, ProcessedAt = time.GetUtcNow() };

    private static async Task<WorkflowInstanceSnapshot> SnapshotAsync(IWorkflowStore store, Guid instanceId, CancellationToken cancellationToken)
    {
        var instance = await store.GetInstanceAsync(instanceId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"Instance {instanceId} does not exist.");
        return Snapshot(instance, InstanceState.Parse(instance.StateJson));
    }

    private static WorkflowInstanceSnapshot Snapshot(WorkflowInstanceRecord instance, InstanceState state) => new(
        instance.Id, instance.DefinitionId, instance.DefinitionVersion, instance.Status, instance.CorrelationId,
        new Dictionary<string, JsonElement>(state.Variables, StringComparer.Ordinal),
        [.. state.Waits.Keys.Order(StringComparer.Ordinal)], [.. state.Incidents], instance.Version);
}
