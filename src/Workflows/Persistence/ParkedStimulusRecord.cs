namespace CityOps.Workflows.Persistence;

/// <summary>
/// A correlated event that arrived before any bookmark matched it. It waits here and is delivered when a bookmark
/// with the same (<see cref="Name"/>, <see cref="CorrelationHash"/>) is committed, until it expires
/// (<see cref="ParkedAt"/> + <c>WorkflowRuntimeOptions.ParkedStimulusLifetime</c>) and the sweep deletes it.
/// </summary>
public sealed class ParkedStimulusRecord
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string CorrelationHash { get; set; } = "";

    public string IdempotencyKey { get; set; } = "";

    /// <summary>The stimulus as JSON.</summary>
    public string StimulusJson { get; set; } = "{}";

    public DateTimeOffset ParkedAt { get; set; }

    internal ParkedStimulusRecord Copy() => (ParkedStimulusRecord)MemberwiseClone();
}
