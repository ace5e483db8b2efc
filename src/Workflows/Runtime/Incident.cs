namespace CityOps.Workflows.Runtime;

/// <summary>A fault in an activity: visible on the instance and retryable, never a silent stop.</summary>
/// <param name="Id">Incident id.</param>
/// <param name="ActivityId">The faulted activity.</param>
/// <param name="ActivityType">Its type.</param>
/// <param name="Message">What went wrong, for a person to act on.</param>
/// <param name="At">When.</param>
/// <param name="ResolvedAt">When a retry resolved it; <c>null</c> while open.</param>
public sealed record Incident(Guid Id, string ActivityId, string ActivityType, string Message, DateTimeOffset At, DateTimeOffset? ResolvedAt = null)
{
    /// <summary>The stimulus JSON when the fault happened while resuming; a retry resumes again with it.</summary>
    public string? StimulusJson { get; init; }
}
