namespace CityOps.Workflows.Persistence;

/// <summary>
/// A due timer. The row is the truth: it exists while the timer is pending and the commit that fires it deletes it
/// (under the instance's optimistic concurrency), so it fires exactly once.
/// </summary>
public sealed class TimerRecord
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    /// <summary>The bookmark of the waiting activity the timer belongs to.</summary>
    public Guid BookmarkId { get; set; }

    public string ActivityId { get; set; } = "";

    public TimerKind Kind { get; set; }

    /// <summary>When it is due, in UTC (offset zero).</summary>
    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    internal TimerRecord Copy() => (TimerRecord)MemberwiseClone();
}
