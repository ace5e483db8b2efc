namespace CityOps.Workflows.Persistence;

/// <summary>
/// One stored version of a workflow definition: one row per (<see cref="DefinitionId"/>, <see cref="Version"/>).
/// At most one row per definition is latest and at most one is published.
/// </summary>
public sealed class WorkflowDefinitionRecord
{
    /// <summary>Version id, unique per row (<c>{definitionId}:v{version}</c>).</summary>
    public string Id { get; set; } = "";

    /// <summary>Stable slug shared by all versions.</summary>
    public string DefinitionId { get; set; } = "";

    public int Version { get; set; }

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public bool IsLatest { get; set; }

    public bool IsPublished { get; set; }

    /// <summary>Event name the Start activity declares as trigger, indexed so raising an event finds definitions fast.</summary>
    public string? TriggerEventName { get; set; }

    /// <summary>SHA-256 (hex) of the definition content without version and flags; detects identical imports.</summary>
    public string ContentHash { get; set; } = "";

    /// <summary>The whole definition as Elsa-shaped JSON.</summary>
    public string Json { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Who last wrote this row (see <see cref="Definitions.WorkflowActor"/>), if known.</summary>
    public string? UpdatedBy { get; set; }

    /// <summary>Who published this version, and when; kept after it is retracted or superseded.</summary>
    public string? PublishedBy { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    internal WorkflowDefinitionRecord Copy() => (WorkflowDefinitionRecord)MemberwiseClone();
}
