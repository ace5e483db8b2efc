namespace CityOps.Workflows.Persistence;

/// <summary>The instance row a commit writes, with the concurrency version the step read.</summary>
/// <param name="Instance">The new state of the instance row.</param>
/// <param name="ExpectedVersion">
/// <c>null</c> to insert a new instance; otherwise the <see cref="WorkflowInstanceRecord.Version"/> the step loaded.
/// The commit fails with <see cref="WorkflowConcurrencyException"/> when the stored version differs.
/// </param>
public sealed record InstanceWrite(WorkflowInstanceRecord Instance, long? ExpectedVersion)
{
    /// <summary>
    /// The row as the step read it (at <see cref="ExpectedVersion"/>), if known: a store may then write only the
    /// columns that differ from it. The version check makes that equal to writing the whole row.
    /// </summary>
    public WorkflowInstanceRecord? Original { get; init; }
}

/// <summary>A definition row a commit writes, with the optimistic check the writer relies on.</summary>
/// <param name="Definition">The new state of the row.</param>
/// <param name="ExpectedUpdatedAt">
/// <c>null</c> to insert a new version (a conflict when it exists); otherwise the <see cref="WorkflowDefinitionRecord.UpdatedAt"/>
/// the writer read (a conflict when the row is gone or was changed since). Writers keep <c>UpdatedAt</c> strictly
/// increasing per row, so it serves as the row's version token and two concurrent publishes can never both win.
/// </param>
public sealed record DefinitionWrite(WorkflowDefinitionRecord Definition, DateTimeOffset? ExpectedUpdatedAt);

/// <summary>
/// Everything one step changes, committed atomically by <see cref="IWorkflowStore.CommitAsync"/>: all of it or
/// nothing. Removing a row that no longer exists, or adding an idempotency key that already exists, is a conflict
/// (another writer got there first) and fails the whole commit.
/// </summary>
public sealed record WorkflowCommit
{
    /// <summary>The instance to insert or update; <c>null</c> for commits that only touch definitions.</summary>
    public InstanceWrite? Instance { get; init; }

    public IReadOnlyList<BookmarkRecord> BookmarksAdded { get; init; } = [];

    public IReadOnlyList<Guid> BookmarksRemoved { get; init; } = [];

    public IReadOnlyList<WorkflowTaskRecord> TasksAdded { get; init; } = [];

    /// <summary>Whole-row replacements of existing tasks.</summary>
    public IReadOnlyList<WorkflowTaskRecord> TasksUpdated { get; init; } = [];

    /// <summary>
    /// Rows of <see cref="TasksUpdated"/> as the step read them, by id, where known: a store may then write only the
    /// columns that differ (tasks change only in instance commits, so the instance version check covers them).
    /// </summary>
    public IReadOnlyDictionary<Guid, WorkflowTaskRecord> TaskOriginals { get; init; } = new Dictionary<Guid, WorkflowTaskRecord>();

    public IReadOnlyList<TimerRecord> TimersAdded { get; init; } = [];

    public IReadOnlyList<Guid> TimersRemoved { get; init; } = [];

    public IReadOnlyList<JournalRecord> Journal { get; init; } = [];

    public IReadOnlyList<OutboxRecord> Outbox { get; init; } = [];

    /// <summary>Idempotency keys processed by this step (unique: a duplicate is a conflict).</summary>
    public IReadOnlyList<StimulusRecord> Stimuli { get; init; } = [];

    public IReadOnlyList<ParkedStimulusRecord> ParkedAdded { get; init; } = [];

    public IReadOnlyList<Guid> ParkedRemoved { get; init; } = [];

    /// <summary>Definition rows to insert or update (by <see cref="WorkflowDefinitionRecord.Id"/>), each checked.</summary>
    public IReadOnlyList<DefinitionWrite> DefinitionsSaved { get; init; } = [];
}
