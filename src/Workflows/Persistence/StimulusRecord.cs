namespace CityOps.Workflows.Persistence;

/// <summary>
/// A processed stimulus, keyed by its idempotency key (unique). Written in the same commit as the step it caused,
/// so a repeated key finds the earlier result instead of advancing the instance again.
/// </summary>
public sealed class StimulusRecord
{
    /// <summary>The idempotency key (primary key).</summary>
    public string IdempotencyKey { get; set; } = "";

    public Guid? InstanceId { get; set; }

    /// <summary>The result returned the first time, as JSON.</summary>
    public string ResultJson { get; set; } = "{}";

    public DateTimeOffset ProcessedAt { get; set; }

    internal StimulusRecord Copy() => (StimulusRecord)MemberwiseClone();
}
