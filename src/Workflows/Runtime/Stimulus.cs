using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityOps.Workflows.Runtime;

/// <summary>
/// Something that resumes (or starts) workflows. Every stimulus carries an idempotency key: delivering the same key
/// twice changes nothing and returns the first result.
/// </summary>
/// <param name="IdempotencyKey">Caller-chosen unique key (e.g. a request id).</param>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TaskCompletedStimulus), "task")]
[JsonDerivedType(typeof(TimerFiredStimulus), "timer")]
[JsonDerivedType(typeof(EventStimulus), "event")]
public abstract record Stimulus(string IdempotencyKey);

/// <summary>A person completed a human task with one of its outcomes.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Outcome">One of the task's declared outcomes.</param>
/// <param name="FormData">The submitted form, if any.</param>
/// <param name="Actor">Who completed it.</param>
/// <param name="IdempotencyKey">Unique key of this completion request.</param>
public sealed record TaskCompletedStimulus(Guid TaskId, string Outcome, JsonElement? FormData, string Actor, string IdempotencyKey)
    : Stimulus(IdempotencyKey);

/// <summary>A timer row came due. Its idempotency key is derived from the timer id.</summary>
/// <param name="TimerId">The timer.</param>
public sealed record TimerFiredStimulus(Guid TimerId)
    : Stimulus(KeyFor(TimerId))
{
    /// <summary>The idempotency key of a timer: firing it twice is the same stimulus.</summary>
    public static string KeyFor(Guid timerId) => $"timer:{timerId:N}";
}

/// <summary>A named event, optionally correlated (e.g. <c>payment-received</c> for key <c>order-17</c>).</summary>
/// <param name="EventName">Event name matched against Event activities and Start triggers.</param>
/// <param name="CorrelationKey">Matches the Event activity's correlation key; <c>null</c> matches uncorrelated waits.</param>
/// <param name="Payload">Event data; scripts see it as <c>event</c>.</param>
/// <param name="IdempotencyKey">Unique key of this event.</param>
public sealed record EventStimulus(string EventName, string? CorrelationKey, JsonElement? Payload, string IdempotencyKey)
    : Stimulus(IdempotencyKey);

/// <summary>What delivering a stimulus did.</summary>
/// <param name="IdempotencyKey">The stimulus key.</param>
/// <param name="ResumedInstanceIds">Instances whose wait it resumed.</param>
/// <param name="StartedInstanceIds">Instances it started through Start triggers.</param>
/// <param name="Parked">A correlated event no wait matched yet; kept (until it expires) and delivered when one appears.</param>
/// <param name="Replayed">The key was seen before; this is the earlier result and nothing changed now.</param>
public sealed record StimulusResult(
    string IdempotencyKey,
    IReadOnlyList<Guid> ResumedInstanceIds,
    IReadOnlyList<Guid> StartedInstanceIds,
    bool Parked = false,
    bool Replayed = false);
