namespace CityOps.Workflows.Persistence;

/// <summary>One activity execution (or resume) in an instance's journal, ordered by <see cref="Sequence"/>.</summary>
public sealed class JournalRecord
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    /// <summary>Monotonic per instance, assigned by the engine.</summary>
    public long Sequence { get; set; }

    public string ActivityId { get; set; } = "";

    public string ActivityType { get; set; } = "";

    /// <summary>What happened: Executed, Resumed, Faulted, Cancelled, Overdue…</summary>
    public string EventName { get; set; } = "";

    /// <summary>Outcomes followed, comma separated (empty while waiting).</summary>
    public string Outcomes { get; set; } = "";

    public string? Actor { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    /// <summary>JSON payload, at most 2 KB; longer payloads are cut and end with a truncation marker.</summary>
    public string? Payload { get; set; }

    internal JournalRecord Copy() => (JournalRecord)MemberwiseClone();
}
