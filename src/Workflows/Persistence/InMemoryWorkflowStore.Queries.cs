namespace CityOps.Workflows.Persistence;

public sealed partial class InMemoryWorkflowStore
{
    /// <inheritdoc />
    public Task<WorkflowDefinitionRecord?> GetDefinitionAsync(string definitionId, int version, CancellationToken cancellationToken) =>
        Read(() => _definitions.Values.FirstOrDefault(d => d.DefinitionId == definitionId && d.Version == version)?.Copy());

    /// <inheritdoc />
    public Task<WorkflowDefinitionRecord?> GetLatestDefinitionAsync(string definitionId, CancellationToken cancellationToken) =>
        Read(() => _definitions.Values.FirstOrDefault(d => d.DefinitionId == definitionId && d.IsLatest)?.Copy());

    /// <inheritdoc />
    public Task<WorkflowDefinitionRecord?> GetPublishedDefinitionAsync(string definitionId, CancellationToken cancellationToken) =>
        Read(() => _definitions.Values.FirstOrDefault(d => d.DefinitionId == definitionId && d.IsPublished)?.Copy());

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkflowDefinitionRecord>> ListDefinitionVersionsAsync(string definitionId, CancellationToken cancellationToken) =>
        ReadList(() => _definitions.Values.Where(d => d.DefinitionId == definitionId).OrderBy(d => d.Version).Select(d => d.Copy()));

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkflowDefinitionRecord>> ListLatestDefinitionsAsync(CancellationToken cancellationToken) =>
        ReadList(() => _definitions.Values.Where(d => d.IsLatest).OrderBy(d => d.DefinitionId, StringComparer.Ordinal).Select(d => d.Copy()));

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkflowDefinitionRecord>> ListPublishedByTriggerAsync(string eventName, CancellationToken cancellationToken) =>
        ReadList(() => _definitions.Values
            .Where(d => d.IsPublished && d.TriggerEventName == eventName)
            .OrderBy(d => d.DefinitionId, StringComparer.Ordinal)
            .Select(d => d.Copy()));

    /// <inheritdoc />
    public Task<WorkflowInstanceRecord?> GetInstanceAsync(Guid instanceId, CancellationToken cancellationToken) =>
        Read(() => _instances.GetValueOrDefault(instanceId)?.Copy());

    /// <inheritdoc />
    public Task<InstanceForStep?> GetInstanceForStepAsync(Guid instanceId, CancellationToken cancellationToken) =>
        Read(() =>
        {
            if (_instances.GetValueOrDefault(instanceId) is not { } instance)
            {
                return null;
            }

            var definition = _definitions.Values.FirstOrDefault(d => d.DefinitionId == instance.DefinitionId && d.Version == instance.DefinitionVersion);
            return new InstanceForStep(instance.Copy(), definition?.Id, definition?.ContentHash);
        });

    /// <inheritdoc />
    public Task<TaskForStep?> GetTaskForStepAsync(Guid taskId, CancellationToken cancellationToken) =>
        Read(() =>
        {
            if (_tasks.GetValueOrDefault(taskId) is not { } task)
            {
                return null;
            }

            if (_instances.GetValueOrDefault(task.InstanceId) is not { } instance)
            {
                return new TaskForStep(task.Copy(), null);
            }

            var definition = _definitions.Values.FirstOrDefault(d => d.DefinitionId == instance.DefinitionId && d.Version == instance.DefinitionVersion);
            return new TaskForStep(task.Copy(), new InstanceForStep(instance.Copy(), definition?.Id, definition?.ContentHash));
        });

    /// <inheritdoc />
    public Task<DefinitionVersionKey?> GetPublishedDefinitionKeyAsync(string definitionId, CancellationToken cancellationToken) =>
        Read(() => _definitions.Values.FirstOrDefault(d => d.DefinitionId == definitionId && d.IsPublished) is { } d
            ? new DefinitionVersionKey(d.Id, d.DefinitionId, d.Version, d.ContentHash)
            : null);

    /// <inheritdoc />
    public Task<IReadOnlyList<BookmarkRecord>> FindBookmarksAsync(string name, string correlationHash, CancellationToken cancellationToken) =>
        ReadList(() => _bookmarks.Values
            .Where(b => b.Name == name && b.CorrelationHash == correlationHash)
            .OrderBy(b => b.CreatedAt).ThenBy(b => b.Id)
            .Select(b => b.Copy()));

    /// <inheritdoc />
    public Task<IReadOnlyList<ParkedStimulusRecord>> FindParkedStimuliAsync(string name, string correlationHash, CancellationToken cancellationToken) =>
        ReadList(() => _parked.Values
            .Where(p => p.Name == name && p.CorrelationHash == correlationHash)
            .OrderBy(p => p.ParkedAt).ThenBy(p => p.Id)
            .Select(p => p.Copy()));

    /// <inheritdoc />
    public Task<IReadOnlyList<ParkedStimulusRecord>> ListParkedBeforeAsync(DateTimeOffset parkedBefore, int maxCount, CancellationToken cancellationToken) =>
        ReadList(() => _parked.Values
            .Where(p => p.ParkedAt < parkedBefore)
            .OrderBy(p => p.ParkedAt).ThenBy(p => p.Id)
            .Take(maxCount)
            .Select(p => p.Copy()));

    /// <inheritdoc />
    public Task<WorkflowTaskRecord?> GetTaskAsync(Guid taskId, CancellationToken cancellationToken) =>
        Read(() => _tasks.GetValueOrDefault(taskId)?.Copy());

    /// <inheritdoc />
    public Task<PagedResult<WorkflowTaskRecord>> ListTasksAsync(TaskQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            var matching = _tasks.Values
                .Where(t => query.IncludeClosed || t.Status is WorkflowTaskStatus.Open or WorkflowTaskStatus.Claimed)
                .Where(t => (query.AssigneeGroup is not null && t.AssigneeGroup == query.AssigneeGroup)
                    || (query.AssigneePerson is not null && (t.AssigneePerson == query.AssigneePerson || t.ClaimedBy == query.AssigneePerson)))
                .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)
                .ToList();
            var page = matching.Skip(query.Skip).Take(query.Take).Select(t => t.Copy()).ToList();
            return Task.FromResult(new PagedResult<WorkflowTaskRecord>(page, matching.Count));
        }
    }

    /// <inheritdoc />
    public Task<TimerRecord?> GetTimerAsync(Guid timerId, CancellationToken cancellationToken) =>
        Read(() => _timers.GetValueOrDefault(timerId)?.Copy());

    /// <inheritdoc />
    public Task<IReadOnlyList<TimerRecord>> ListDueTimersAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken) =>
        ReadList(() => _timers.Values
            .Where(t => t.DueAt <= now)
            .OrderBy(t => t.DueAt).ThenBy(t => t.Id)
            .Take(maxCount)
            .Select(t => t.Copy()));

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalRecord>> ListJournalAsync(Guid instanceId, int skip, int take, CancellationToken cancellationToken) =>
        ReadList(() => _journal
            .Where(j => j.InstanceId == instanceId)
            .OrderBy(j => j.Sequence)
            .Skip(skip).Take(take)
            .Select(j => j.Copy()));

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxRecord>> ListOutboxAsync(Guid instanceId, CancellationToken cancellationToken) =>
        ReadList(() => _outbox.Where(o => o.InstanceId == instanceId).Select(o => o.Copy()));

    /// <inheritdoc />
    public Task<StimulusRecord?> FindStimulusAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        Read(() => _stimuli.GetValueOrDefault(idempotencyKey)?.Copy());

    private Task<T?> Read<T>(Func<T?> query)
        where T : class
    {
        lock (_gate)
        {
            return Task.FromResult(query());
        }
    }

    private Task<IReadOnlyList<T>> ReadList<T>(Func<IEnumerable<T>> query)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<T>>(query().ToList());
        }
    }
}
