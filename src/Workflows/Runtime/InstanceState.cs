using System.Text.Json;
using CityOps.Workflows.Persistence;

namespace CityOps.Workflows.Runtime;

/// <summary>Execution state persisted as <see cref="WorkflowInstanceRecord.StateJson"/>.</summary>
internal sealed class InstanceState
{
    public Dictionary<string, JsonElement> Variables { get; set; } = new(StringComparer.Ordinal);

    public JsonElement? Input { get; set; }

    /// <summary>Last task completion ({outcome, form, actor}) so later scripts can read <c>outcome</c>.</summary>
    public JsonElement? LastOutcome { get; set; }

    /// <summary>Last event payload so later scripts can read <c>event</c>.</summary>
    public JsonElement? LastEvent { get; set; }

    /// <summary>Waiting activities by activity id.</summary>
    public Dictionary<string, WaitState> Waits { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Arrived inbound connections per Join (as <c>source:port</c>).</summary>
    public Dictionary<string, List<string>> JoinArrivals { get; set; } = new(StringComparer.Ordinal);

    public List<Incident> Incidents { get; set; } = [];

    public long JournalSequence { get; set; }

    public static InstanceState Parse(string json) =>
        JsonSerializer.Deserialize<InstanceState>(json, Definitions.DefinitionJson.Options) ?? new InstanceState();

    public string Write() => JsonSerializer.Serialize(this, Definitions.DefinitionJson.Options);
}

/// <summary>One waiting activity and the rows that index its wait.</summary>
internal sealed class WaitState
{
    public string ActivityId { get; set; } = "";

    public Guid BookmarkId { get; set; }

    public BookmarkKind Kind { get; set; }

    public string Name { get; set; } = "";

    public string CorrelationHash { get; set; } = "";

    public Guid? TaskId { get; set; }

    /// <summary>
    /// No bookmark row stands for this wait. Only event waits are looked up by name (<see cref="IWorkflowStore.FindBookmarksAsync"/>);
    /// a task wait is reached through its task row and a timer wait through its timer row, both of which carry their
    /// own existence check at commit, and the instance's version check orders every step of the instance. So task and
    /// timer waits write no bookmark row (an INSERT now and a DELETE later, each touching the table and two indexes).
    /// False for every wait saved before this field existed: those have a row, and it is deleted as before.
    /// </summary>
    public bool Unindexed { get; set; }

    /// <summary>The open tasks of a multi-instance wait (then <see cref="TaskId"/> is null); each completion removes one.</summary>
    public List<Guid>? TaskIds { get; set; }

    public Guid? TimerId { get; set; }

    public Guid? DeadlineTimerId { get; set; }

    public bool DeadlineInterrupting { get; set; } = true;

    /// <summary>Whether completing <paramref name="taskId"/> resumes this wait.</summary>
    public bool Awaits(Guid taskId) => TaskId == taskId || TaskIds?.Contains(taskId) == true;
}
