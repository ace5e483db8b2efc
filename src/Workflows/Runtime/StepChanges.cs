using CityOps.Workflows.Persistence;

namespace CityOps.Workflows.Runtime;

/// <summary>
/// Row changes a step accumulates before its single commit. A row both added and removed in the same step (a task
/// cancelled by WaitAny right after its creation) never reaches the store.
/// </summary>
internal sealed class StepChanges
{
    public List<BookmarkRecord> BookmarksAdded { get; } = [];

    public List<Guid> BookmarksRemoved { get; } = [];

    public List<WorkflowTaskRecord> TasksAdded { get; } = [];

    public Dictionary<Guid, WorkflowTaskRecord> TasksUpdated { get; } = [];

    /// <summary>Tasks of <see cref="TasksUpdated"/> as they were read, so the commit writes only what changed.</summary>
    public Dictionary<Guid, WorkflowTaskRecord> TaskOriginals { get; } = [];

    public List<TimerRecord> TimersAdded { get; } = [];

    public List<Guid> TimersRemoved { get; } = [];

    public List<JournalRecord> Journal { get; } = [];

    public List<OutboxRecord> Outbox { get; } = [];

    public List<StimulusRecord> Stimuli { get; } = [];

    public List<ParkedStimulusRecord> ParkedAdded { get; } = [];

    public List<Guid> ParkedRemoved { get; } = [];

    public void RemoveBookmark(Guid id)
    {
        if (BookmarksAdded.RemoveAll(b => b.Id == id) == 0)
        {
            BookmarksRemoved.Add(id);
        }
    }

    public void RemoveTimer(Guid id)
    {
        if (TimersAdded.RemoveAll(t => t.Id == id) == 0 && !TimersRemoved.Contains(id))
        {
            TimersRemoved.Add(id);
        }
    }

    public async Task UpdateTaskAsync(Guid id, Action<WorkflowTaskRecord> change, IWorkflowStore store, CancellationToken cancellationToken)
    {
        var task = TasksAdded.Find(t => t.Id == id);
        if (task is null && !TasksUpdated.TryGetValue(id, out task))
        {
            task = await store.GetTaskAsync(id, cancellationToken)
                ?? throw new WorkflowNotFoundException($"Task {id} does not exist.");
            Track(task);
        }

        change(task);
    }

    /// <summary>A task read for this step (with its instance), to be updated without reading it again.</summary>
    public void Track(WorkflowTaskRecord task)
    {
        TasksUpdated[task.Id] = task;
        TaskOriginals[task.Id] = task.Copy();
    }

    public WorkflowCommit ToCommit(InstanceWrite? instance) => new()
    {
        Instance = instance,
        BookmarksAdded = BookmarksAdded,
        BookmarksRemoved = BookmarksRemoved,
        TasksAdded = TasksAdded,
        TasksUpdated = [.. TasksUpdated.Values],
        TaskOriginals = TaskOriginals,
        TimersAdded = TimersAdded,
        TimersRemoved = TimersRemoved,
        Journal = Journal,
        Outbox = Outbox,
        Stimuli = Stimuli,
        ParkedAdded = ParkedAdded,
        ParkedRemoved = ParkedRemoved,
    };
}
