namespace CityOps.Workflows.Persistence;

/// <summary>
/// Index row for a waiting activity. Events are found by (<see cref="Name"/>, <see cref="CorrelationHash"/>);
/// tasks and timers point at their bookmark by id.
/// </summary>
public sealed class BookmarkRecord
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    public string ActivityId { get; set; } = "";

    public BookmarkKind Kind { get; set; }

    /// <summary>Stimulus name: the event name for events, <c>task</c>/<c>timer</c> otherwise.</summary>
    public string Name { get; set; } = "";

    /// <summary>Hash of name + correlation key (hex), so lookups use one short indexed column.</summary>
    public string CorrelationHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    internal BookmarkRecord Copy() => (BookmarkRecord)MemberwiseClone();
}
