namespace CityOps.Workflows.Persistence;

/// <summary>A human task. Created and updated only inside an instance commit, so the instance version guards it.</summary>
public sealed class WorkflowTaskRecord
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    public Guid BookmarkId { get; set; }

    public string ActivityId { get; set; } = "";

    public string Title { get; set; } = "";

    public string? AssigneeGroup { get; set; }

    public string? AssigneePerson { get; set; }

    /// <summary>Declared outcomes; completing with anything else is a validation error.</summary>
    public List<string> Outcomes { get; set; } = [];

    public string? FormSchemaJson { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public WorkflowTaskStatus Status { get; set; }

    public string? ClaimedBy { get; set; }

    public string? CompletedBy { get; set; }

    public string? Outcome { get; set; }

    public string? FormDataJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    internal WorkflowTaskRecord Copy()
    {
        var copy = (WorkflowTaskRecord)MemberwiseClone();
        copy.Outcomes = [.. Outcomes];
        return copy;
    }
}
