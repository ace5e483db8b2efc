namespace CityOps.Workflows.Persistence;

/// <summary>
/// The engine's persistence port: the queries the engine needs plus one atomic commit per step. Resolved from the
/// step's DI scope, so an EF Core implementation can share the host's scoped DbContext and commit host rows changed
/// by activities in the same SaveChanges. Returned records are detached copies; mutate them only to build a commit.
/// </summary>
public interface IWorkflowStore
{
    /// <summary>Writes <paramref name="commit"/> atomically or throws <see cref="WorkflowConcurrencyException"/>.</summary>
    Task CommitAsync(WorkflowCommit commit, CancellationToken cancellationToken);

    Task<WorkflowDefinitionRecord?> GetDefinitionAsync(string definitionId, int version, CancellationToken cancellationToken);

    /// <summary>The latest version (draft or published) of a definition, if any.</summary>
    Task<WorkflowDefinitionRecord?> GetLatestDefinitionAsync(string definitionId, CancellationToken cancellationToken);

    /// <summary>The published version of a definition, if any.</summary>
    Task<WorkflowDefinitionRecord?> GetPublishedDefinitionAsync(string definitionId, CancellationToken cancellationToken);

    /// <summary>All versions of one definition, ascending by version.</summary>
    Task<IReadOnlyList<WorkflowDefinitionRecord>> ListDefinitionVersionsAsync(string definitionId, CancellationToken cancellationToken);

    /// <summary>The latest row of every definition, ordered by definition id.</summary>
    Task<IReadOnlyList<WorkflowDefinitionRecord>> ListLatestDefinitionsAsync(CancellationToken cancellationToken);

    /// <summary>Published definitions whose Start declares <paramref name="eventName"/> as trigger.</summary>
    Task<IReadOnlyList<WorkflowDefinitionRecord>> ListPublishedByTriggerAsync(string eventName, CancellationToken cancellationToken);

    Task<WorkflowInstanceRecord?> GetInstanceAsync(Guid instanceId, CancellationToken cancellationToken);

    /// <summary>
    /// An instance with the identity of its definition version row (<see cref="WorkflowDefinitionRecord.Id"/> and
    /// <see cref="WorkflowDefinitionRecord.ContentHash"/>; both null when that row does not exist), so a runtime that
    /// already holds that exact content parsed needs no second read. Stores should answer in one query; this default
    /// reads the instance and the definition row (and returns the row as <see cref="InstanceForStep.Definition"/>).
    /// </summary>
    async Task<InstanceForStep?> GetInstanceForStepAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        if (await GetInstanceAsync(instanceId, cancellationToken) is not { } instance)
        {
            return null;
        }

        var definition = await GetDefinitionAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken);
        return new InstanceForStep(instance, definition?.Id, definition?.ContentHash) { Definition = definition };
    }

    /// <summary>
    /// A task and, read in the same statement (one consistent snapshot), its instance as
    /// <see cref="GetInstanceForStepAsync"/> returns it (<see cref="TaskForStep.Step"/> null when the instance row is
    /// gone). The task step needs both; stores should answer in one query. This default reads the task, then the
    /// instance (the way the runtime did before this method existed).
    /// </summary>
    async Task<TaskForStep?> GetTaskForStepAsync(Guid taskId, CancellationToken cancellationToken)
    {
        if (await GetTaskAsync(taskId, cancellationToken) is not { } task)
        {
            return null;
        }

        return new TaskForStep(task, await GetInstanceForStepAsync(task.InstanceId, cancellationToken));
    }

    /// <summary>
    /// The identity of the published version of a definition (row id, version, content hash) without its JSON, so a
    /// runtime that parsed that exact row before needs no more. This default reads the whole row.
    /// </summary>
    async Task<DefinitionVersionKey?> GetPublishedDefinitionKeyAsync(string definitionId, CancellationToken cancellationToken) =>
        await GetPublishedDefinitionAsync(definitionId, cancellationToken) is { } d
            ? new DefinitionVersionKey(d.Id, d.DefinitionId, d.Version, d.ContentHash) { Definition = d }
            : null;

    /// <summary>Bookmarks waiting for (<paramref name="name"/>, <paramref name="correlationHash"/>), oldest first.</summary>
    Task<IReadOnlyList<BookmarkRecord>> FindBookmarksAsync(string name, string correlationHash, CancellationToken cancellationToken);

    /// <summary>Parked stimuli for (<paramref name="name"/>, <paramref name="correlationHash"/>), oldest first.</summary>
    Task<IReadOnlyList<ParkedStimulusRecord>> FindParkedStimuliAsync(string name, string correlationHash, CancellationToken cancellationToken);

    /// <summary>Parked stimuli with <see cref="ParkedStimulusRecord.ParkedAt"/> &lt; <paramref name="parkedBefore"/>, oldest first, at most <paramref name="maxCount"/>.</summary>
    Task<IReadOnlyList<ParkedStimulusRecord>> ListParkedBeforeAsync(DateTimeOffset parkedBefore, int maxCount, CancellationToken cancellationToken);

    Task<WorkflowTaskRecord?> GetTaskAsync(Guid taskId, CancellationToken cancellationToken);

    Task<PagedResult<WorkflowTaskRecord>> ListTasksAsync(TaskQuery query, CancellationToken cancellationToken);

    Task<TimerRecord?> GetTimerAsync(Guid timerId, CancellationToken cancellationToken);

    /// <summary>Timers with <see cref="TimerRecord.DueAt"/> ≤ <paramref name="now"/>, earliest first, at most <paramref name="maxCount"/>.</summary>
    Task<IReadOnlyList<TimerRecord>> ListDueTimersAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken);

    /// <summary>An instance's journal ordered by <see cref="JournalRecord.Sequence"/>.</summary>
    Task<IReadOnlyList<JournalRecord>> ListJournalAsync(Guid instanceId, int skip, int take, CancellationToken cancellationToken);

    /// <summary>Outbox rows written by an instance, in creation order.</summary>
    Task<IReadOnlyList<OutboxRecord>> ListOutboxAsync(Guid instanceId, CancellationToken cancellationToken);

    /// <summary>The processed stimulus with this idempotency key, if any.</summary>
    Task<StimulusRecord?> FindStimulusAsync(string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes at most <paramref name="maxCount"/> processed-stimulus records with <see cref="StimulusRecord.ProcessedAt"/>
    /// &lt; <paramref name="processedBefore"/>, oldest first, and returns how many went. A key older than that is then
    /// no longer recognised as a repeat.
    /// </summary>
    Task<int> PurgeStimuliAsync(DateTimeOffset processedBefore, int maxCount, CancellationToken cancellationToken);
}

/// <summary>An instance and the identity of its definition version row, as <see cref="IWorkflowStore.GetInstanceForStepAsync"/> reads them.</summary>
/// <param name="Instance">The instance (a detached copy).</param>
/// <param name="DefinitionRowId">The definition version row's id, or <c>null</c> when that row does not exist.</param>
/// <param name="DefinitionContentHash">That row's content hash, or <c>null</c> when the row does not exist.</param>
public sealed record InstanceForStep(WorkflowInstanceRecord Instance, string? DefinitionRowId, string? DefinitionContentHash)
{
    /// <summary>The definition row itself when the store read it anyway; otherwise the runtime reads it on a cache miss.</summary>
    public WorkflowDefinitionRecord? Definition { get; init; }
}

/// <summary>A task and its instance, as <see cref="IWorkflowStore.GetTaskForStepAsync"/> reads them.</summary>
/// <param name="Task">The task (a detached copy).</param>
/// <param name="Step">Its instance and definition identity, or <c>null</c> when the instance row does not exist.</param>
public sealed record TaskForStep(WorkflowTaskRecord Task, InstanceForStep? Step);

/// <summary>The identity of one definition version row, as <see cref="IWorkflowStore.GetPublishedDefinitionKeyAsync"/> reads it.</summary>
/// <param name="Id">The version row's id.</param>
/// <param name="DefinitionId">The definition slug.</param>
/// <param name="Version">The version number.</param>
/// <param name="ContentHash">The row's content hash.</param>
public sealed record DefinitionVersionKey(string Id, string DefinitionId, int Version, string ContentHash)
{
    /// <summary>The row itself when the store read it anyway; otherwise the runtime reads it on a cache miss.</summary>
    public WorkflowDefinitionRecord? Definition { get; init; }
}
