namespace CityOps.Workflows.Persistence;

/// <summary>
/// Thread-safe in-memory <see cref="IWorkflowStore"/> for tests, benchmarks and single-node demos. One lock makes
/// every commit atomic; all conflicts are checked before anything is written. Records are copied in and out so
/// callers never share mutable rows with the store.
/// </summary>
public sealed partial class InMemoryWorkflowStore : IWorkflowStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, WorkflowDefinitionRecord> _definitions = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, WorkflowInstanceRecord> _instances = [];
    private readonly Dictionary<Guid, BookmarkRecord> _bookmarks = [];
    private readonly Dictionary<Guid, WorkflowTaskRecord> _tasks = [];
    private readonly Dictionary<Guid, TimerRecord> _timers = [];
    private readonly List<JournalRecord> _journal = [];
    private readonly List<OutboxRecord> _outbox = [];
    private readonly Dictionary<string, StimulusRecord> _stimuli = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, ParkedStimulusRecord> _parked = [];

    /// <inheritdoc />
    public Task<int> PurgeStimuliAsync(DateTimeOffset processedBefore, int maxCount, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var old = _stimuli.Values.Where(s => s.ProcessedAt < processedBefore)
                .OrderBy(s => s.ProcessedAt).ThenBy(s => s.IdempotencyKey, StringComparer.Ordinal).Take(maxCount).Select(s => s.IdempotencyKey).ToList();
            old.ForEach(k => _stimuli.Remove(k));
            return Task.FromResult(old.Count);
        }
    }

    /// <inheritdoc />
    public Task CommitAsync(WorkflowCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            CheckConflicts(commit);
            Apply(commit);
        }

        return Task.CompletedTask;
    }

    private void CheckConflicts(WorkflowCommit commit)
    {
        if (commit.Instance is { } write)
        {
            var exists = _instances.TryGetValue(write.Instance.Id, out var current);
            if (write.ExpectedVersion is null && exists)
            {
                throw new WorkflowConcurrencyException($"Instance {write.Instance.Id} already exists.");
            }

            if (write.ExpectedVersion is { } expected && (!exists || current!.Version != expected))
            {
                throw new WorkflowConcurrencyException(
                    $"Instance {write.Instance.Id} is at version {current?.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, the step expected {expected}.");
            }
        }

        RequireAll(commit.BookmarksRemoved, _bookmarks, "Bookmark");
        RequireAll(commit.TimersRemoved, _timers, "Timer");
        RequireAll(commit.ParkedRemoved, _parked, "Parked stimulus");
        RequireAll(commit.TasksUpdated.Select(t => t.Id), _tasks, "Task");
        foreach (var saved in commit.DefinitionsSaved)
        {
            var exists = _definitions.TryGetValue(saved.Definition.Id, out var current);
            if (saved.ExpectedUpdatedAt is null ? exists : !exists || current!.UpdatedAt != saved.ExpectedUpdatedAt)
            {
                throw new WorkflowConcurrencyException($"Definition row {saved.Definition.Id} was changed by another writer.");
            }
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stimulus in commit.Stimuli)
        {
            if (_stimuli.ContainsKey(stimulus.IdempotencyKey) || !keys.Add(stimulus.IdempotencyKey))
            {
                throw new WorkflowConcurrencyException($"Idempotency key '{stimulus.IdempotencyKey}' was already processed.");
            }
        }
    }

    private static void RequireAll<TValue>(IEnumerable<Guid> ids, Dictionary<Guid, TValue> rows, string what)
    {
        foreach (var id in ids)
        {
            if (!rows.ContainsKey(id))
            {
                throw new WorkflowConcurrencyException($"{what} {id} no longer exists.");
            }
        }
    }

    private void Apply(WorkflowCommit commit)
    {
        if (commit.Instance is { } write)
        {
            var row = write.Instance.Copy();
            row.Version = (write.ExpectedVersion ?? 0) + 1;
            _instances[row.Id] = row;

            // The caller keeps using its record after the commit (e.g. to return it); keep its version truthful.
            write.Instance.Version = row.Version;
        }

        foreach (var id in commit.BookmarksRemoved)
        {
            _bookmarks.Remove(id);
        }

        foreach (var id in commit.TimersRemoved)
        {
            _timers.Remove(id);
        }

        foreach (var id in commit.ParkedRemoved)
        {
            _parked.Remove(id);
        }

        foreach (var b in commit.BookmarksAdded)
        {
            _bookmarks[b.Id] = b.Copy();
        }

        foreach (var t in commit.TasksAdded.Concat(commit.TasksUpdated))
        {
            _tasks[t.Id] = t.Copy();
        }

        foreach (var t in commit.TimersAdded)
        {
            _timers[t.Id] = t.Copy();
        }

        _journal.AddRange(commit.Journal.Select(j => j.Copy()));
        _outbox.AddRange(commit.Outbox.Select(o => o.Copy()));
        foreach (var s in commit.Stimuli)
        {
            _stimuli[s.IdempotencyKey] = s.Copy();
        }

        foreach (var p in commit.ParkedAdded)
        {
            _parked[p.Id] = p.Copy();
        }

        foreach (var d in commit.DefinitionsSaved)
        {
            _definitions[d.Definition.Id] = d.Definition.Copy();
        }
    }
}
