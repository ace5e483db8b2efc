namespace CityOps.Workflows.Scheduling;

/// <summary>
/// Turns a duration into a due instant. The default counts natural time; a host replaces it to count working time
/// (calendars, holidays). Resolved from the step's DI scope.
/// </summary>
public interface IDeadlineCalculator
{
    /// <summary>The instant <paramref name="request"/>'s duration after its start.</summary>
    ValueTask<DateTimeOffset> CalculateAsync(DeadlineRequest request, CancellationToken cancellationToken);
}

/// <summary>A deadline to compute.</summary>
/// <param name="From">Start of the period (now, in UTC).</param>
/// <param name="Duration">Parsed duration.</param>
/// <param name="Iso8601">The duration as written (e.g. <c>P3D</c>), for calculators that read days as working days.</param>
/// <param name="ActivityType">The activity asking.</param>
/// <param name="ActivityId">Its id in the definition.</param>
/// <param name="InstanceId">The instance.</param>
public sealed record DeadlineRequest(DateTimeOffset From, TimeSpan Duration, string Iso8601, string ActivityType, string ActivityId, Guid InstanceId);

/// <summary>Natural time: due = from + duration.</summary>
internal sealed class NaturalTimeDeadlineCalculator : IDeadlineCalculator
{
    public ValueTask<DateTimeOffset> CalculateAsync(DeadlineRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ValueTask.FromResult(request.From + request.Duration);
    }
}
