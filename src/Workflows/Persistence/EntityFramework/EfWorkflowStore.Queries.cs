using Microsoft.EntityFrameworkCore;

namespace CityOps.Workflows.Persistence.EntityFramework;

public sealed partial class EfWorkflowStore
{
    private IQueryable<T> Rows<T>()
        where T : class => db.Set<T>().AsNoTracking();

    /// <inheritdoc />
    public async Task<WorkflowDefinitionRecord?> GetDefinitionAsync(string definitionId, int version, CancellationToken cancellationToken)
    {
        await HoldConnectionAsync(cancellationToken);
        return await Rows<WorkflowDefinitionRecord>().FirstOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<WorkflowDefinitionRecord?> GetLatestDefinitionAsync(string definitionId, CancellationToken cancellationToken)
    {
        await HoldConnectionAsync(cancellationToken);
        return await Rows<WorkflowDefinitionRecord>().FirstOrDefaultAsync(d => d.DefinitionId == definitionId && d.IsLatest, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<WorkflowDefinitionRecord?> GetPublishedDefinitionAsync(string definitionId, CancellationToken cancellationToken)
    {
        await HoldConnectionAsync(cancellationToken);
        return await Rows<WorkflowDefinitionRecord>().FirstOrDefaultAsync(d => d.DefinitionId == definitionId && d.IsPublished, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkflowDefinitionRecord>> ListDefinitionVersionsAsync(string definitionId, CancellationToken cancellationToken)
    {
        await HoldConnectionAsync(cancellationToken);
        return await Rows<WorkflowDefinitionRecord>().Where(d => d.DefinitionId == definitionId).OrderBy(d => d.Version).ToListAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkflowDefinitionRecord>> ListLatestDefinitionsAsync(CancellationToken cancellationToken)
    {
        await HoldConnectionAsync(cancellationToken);
        return await Rows<WorkflowDefinitionRecord>().Where(d => d.IsLatest).OrderBy(d => d.DefinitionId).ToListAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkflowDefinitionRecord>> ListPublishedByTriggerAsync(string eventName, CancellationToken cancellationToken)
    {
        await HoldConnectionAsync(cancellationToken);
        return await ListAsync(Hot.PublishedByTrigger(db, eventName), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<WorkflowInstanceRecord?> GetInstanceAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        await HoldConnectionAsync(cancellationToken);
        return await Rows<WorkflowInstanceRecord>().FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<InstanceForStep?> GetInstanceForStepAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        await HoldConnectionAsync(cancellationToken);
        return await Hot.InstanceForStep(db, instanceId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<TaskForStep?> GetTaskForStepAsync(Guid taskId, CancellationToken cancellationToken)
    {
        await HoldConnectionAsync(cancellationToken);
        return await Hot.TaskForStep(db, taskId, cancellationToken) is { } row
            ? new TaskForStep(row.Task, row.Instance is { } i ? new InstanceForStep(i, row.DefinitionRowId, row.DefinitionContentHash) : null)
            : null;
    }

    /// <inheritdoc />
    public async Task<DefinitionVersionKey?> GetPublishedDefinitionKeyAsync(string definitionId, CancellationToken cancellationToken)
    {
        await HoldConnectionAsync(cancellationToken);
        return await Hot.PublishedKey(db, definitionId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BookmarkRecord>> FindBookmarksAsync(string name, string correlationHash, CancellationToken cancellationToken)
    {
        await HoldConnectionAsync(cancellationToken);
        return await ListAsync(Hot.Bookmarks(db, name, correlationHash), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ParkedStimulusRecord>> FindParkedStimuliAsync(string name, string correlationHash, CancellationToken cancellationToken)
    {
        await HoldConnectionAsync(cancellationToken);
        return await Rows<ParkedStimulusRecord>().Where(p => p.Name == name && p.CorrelationHash == correlationHash)
            .OrderBy(p => p.ParkedAt).ThenBy(p => p.Id).ToListAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> PurgeStimuliAsync(DateTimeOffset processedBefore, int maxCount, CancellationToken cancellationToken)
    {
        await HoldConnectionAsync(cancellationToken);

        // Two statements, each on the ProcessedAt index: the keys of the oldest batch, then those rows (a row that
        // another node purged in between is simply not there any more).
        var keys = await Rows<StimulusRecord>().Where(s => s.ProcessedAt < processedBefore)
            .OrderBy(s => s.ProcessedAt).ThenBy(s => s.IdempotencyKey).Take(maxCount).Select(s => s.IdempotencyKey).ToListAsync(cancellationToken);
        return keys.Count == 0 ? 0 : await db.Set<StimulusRecord>().Where(s => keys.Contains(s.IdempotencyKey)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ParkedStimulusRecord>> ListParkedBeforeAsync(DateTimeOffset parkedBefore, int maxCount, CancellationToken cancellationToken)
    {
        await HoldConnectionAsync(cancellationToken);
        return await Rows<ParkedStimulusRecord>().Where(p => p.ParkedAt < parkedBefore)
            .OrderBy(p => p.ParkedAt).ThenBy(p => p.Id).Take(maxCount).ToListAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<WorkflowTaskRecord?> GetTaskAsync(Guid taskId, CancellationToken cancellationToken)
    {
        await HoldConnectionAsync(cancellationToken);
        return await Rows<WorkflowTaskRecord>().FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<PagedResult<WorkflowTaskRecord>> ListTasksAsync(TaskQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await HoldConnectionAsync(cancellationToken);
        var (group, person) = (query.AssigneeGroup, query.AssigneePerson);
        var rows = Rows<WorkflowTaskRecord>()
            .Where(t => query.IncludeClosed || t.Status == WorkflowTaskStatus.Open || t.Status == WorkflowTaskStatus.Claimed)
            .Where(t => (group != null && t.AssigneeGroup == group) || (person != null && (t.AssigneePerson == person || t.ClaimedBy == person)));
        var total = await rows.CountAsync(cancellationToken);
        var page = await rows.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).Skip(query.Skip).Take(query.Take).ToListAsync(cancellationToken);
        return new PagedResult<WorkflowTaskRecord>(page, total);
    }

    /// <inheritdoc />
    public async Task<TimerRecord?> GetTimerAsync(Guid timerId, CancellationToken cancellationToken)
    {
        await HoldConnectionAsync(cancellationToken);
        return await Rows<TimerRecord>().FirstOrDefaultAsync(t => t.Id == timerId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TimerRecord>> ListDueTimersAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken)
    {
        await HoldConnectionAsync(cancellationToken);
        return await Rows<TimerRecord>().Where(t => t.DueAt <= now).OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(maxCount).ToListAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JournalRecord>> ListJournalAsync(Guid instanceId, int skip, int take, CancellationToken cancellationToken)
    {
        await HoldConnectionAsync(cancellationToken);
        return await Rows<JournalRecord>().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).Skip(skip).Take(take).ToListAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutboxRecord>> ListOutboxAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        await HoldConnectionAsync(cancellationToken);
        return await Rows<OutboxRecord>().Where(o => o.InstanceId == instanceId).OrderBy(o => o.CreatedAt).ThenBy(o => o.Id).ToListAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StimulusRecord?> FindStimulusAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        await HoldConnectionAsync(cancellationToken);
        return await Hot.Stimulus(db, idempotencyKey, cancellationToken);
    }
}
