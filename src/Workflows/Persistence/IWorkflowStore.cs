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
}
