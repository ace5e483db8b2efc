using CityOps.Workflows.Persistence;

namespace CityOps.Workflows.Tests.Persistence;

/// <summary>Builders for store rows with sensible defaults, so each test states only what it is about.</summary>
internal static class StoreRecords
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public static WorkflowInstanceRecord Instance(Guid? id = null, string definitionId = "flow") => new()
    {
        Id = id ?? Guid.NewGuid(),
        DefinitionId = definitionId,
        DefinitionVersion = 1,
        Status = WorkflowStatus.Suspended,
        StateJson = """{"k":1}""",
        CreatedAt = T0,
        UpdatedAt = T0,
    };

    public static WorkflowCommit Insert(WorkflowInstanceRecord instance) => new() { Instance = new(instance, null) };

    public static BookmarkRecord Bookmark(Guid instanceId, string name, string hash, DateTimeOffset? at = null) => new()
    {
        Id = Guid.NewGuid(), InstanceId = instanceId, ActivityId = "wait", Kind = BookmarkKind.Event,
        Name = name, CorrelationHash = hash, CreatedAt = at ?? T0,
    };

    public static WorkflowTaskRecord Task(Guid instanceId, string? group, string? person, DateTimeOffset createdAt) => new()
    {
        Id = Guid.NewGuid(), InstanceId = instanceId, BookmarkId = Guid.NewGuid(), ActivityId = "review",
        Title = "Review", AssigneeGroup = group, AssigneePerson = person, Outcomes = ["Approve", "Reject"],
        Status = WorkflowTaskStatus.Open, CreatedAt = createdAt,
    };

    public static TimerRecord Timer(Guid instanceId, DateTimeOffset dueAt) => new()
    {
        Id = Guid.NewGuid(), InstanceId = instanceId, BookmarkId = Guid.NewGuid(), ActivityId = "wait",
        Kind = TimerKind.Timer, DueAt = dueAt, CreatedAt = T0,
    };

    public static JournalRecord Journal(Guid instanceId, long sequence) => new()
    {
        Id = Guid.NewGuid(), InstanceId = instanceId, Sequence = sequence, ActivityId = $"a{sequence}",
        ActivityType = "CityOps.SetVariable", EventName = "Executed", Outcomes = "Done", Timestamp = T0,
    };

    public static WorkflowDefinitionRecord Definition(string definitionId, int version, bool latest, bool published, string? trigger = null) => new()
    {
        Id = $"{definitionId}:v{version}", DefinitionId = definitionId, Version = version, Name = definitionId,
        IsLatest = latest, IsPublished = published, TriggerEventName = trigger, ContentHash = "h", Json = "{}",
        CreatedAt = T0, UpdatedAt = T0,
    };
}
