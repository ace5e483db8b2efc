namespace CityOps.Workflows.Persistence;

/// <summary>A message written by a step (e.g. Notify) for the host to deliver after the commit.</summary>
public sealed class OutboxRecord
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    public string ActivityId { get; set; } = "";

    /// <summary>Where it goes, e.g. <c>sms</c>, <c>email</c>, <c>inbox</c>; the host decides what channels exist.</summary>
    public string Channel { get; set; } = "";

    public string? Recipient { get; set; }

    public string? Subject { get; set; }

    /// <summary>JSON body.</summary>
    public string Body { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set by the host's dispatcher; the engine never reads it.</summary>
    public DateTimeOffset? SentAt { get; set; }

    internal OutboxRecord Copy() => (OutboxRecord)MemberwiseClone();
}
