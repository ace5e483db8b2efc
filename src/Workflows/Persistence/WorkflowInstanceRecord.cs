namespace CityOps.Workflows.Persistence;

/// <summary>A workflow instance. Its execution state is one JSON column; the other columns exist for queries.</summary>
public sealed class WorkflowInstanceRecord
{
    public Guid Id { get; set; }

    public string DefinitionId { get; set; } = "";

    /// <summary>The definition version the instance started on and keeps until it ends.</summary>
    public int DefinitionVersion { get; set; }

    public string? CorrelationId { get; set; }

    public WorkflowStatus Status { get; set; }

    /// <summary>Open incidents (faults not yet retried).</summary>
    public int IncidentCount { get; set; }

    /// <summary>Engine-owned execution state (tokens, waits, variables, incidents) as JSON.</summary>
    public string StateJson { get; set; } = "{}";

    /// <summary>
    /// Optimistic concurrency token: 1 after insert, +1 on every commit. The store sets it; a commit states the
    /// version it read in <see cref="InstanceWrite.ExpectedVersion"/>.
    /// </summary>
    public long Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    internal WorkflowInstanceRecord Copy() => (WorkflowInstanceRecord)MemberwiseClone();
}
