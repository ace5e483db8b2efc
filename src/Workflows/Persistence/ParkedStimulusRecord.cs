namespace CityOps.Workflows.Persistence;

/// <summary>
/// A stimulus that arrived before any bookmark matched it. It waits here (never dropped) and is delivered when a
/// bookmark with the same (<see cref="Name"/>, <see cref="CorrelationHash"/>) is committed.
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
