using System.Text.Json;
using CityOps.Workflows.Runtime;
using CityOps.Workflows.Scheduling;

namespace CityOps.Workflows.Activities;

/// <summary>
/// Waits for a natural-time delay (ISO-8601 duration such as <c>PT30M</c>) or until an instant computed by an
/// expression. The timer row is the truth; the sweeper fires it.
/// </summary>
[Activity("CityOps.Timer", Category = "Time", DisplayNameZh = "定时", DisplayNameEn = "Timer",
    Description = "Waits for a duration or until an instant.")]
[WaitingActivity]
[ActivityInput("delay", "Duration", UiHint = "duration", Description = "ISO-8601 duration, e.g. PT30M.")]
[ActivityInput("until", "Instant", UiHint = "expression", Description = "Instant to wait for (ISO-8601).")]
internal sealed class Timer : Activity
{
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var delay = await context.EvaluateInputAsync("delay");
        if (delay.ValueKind == JsonValueKind.String)
        {
            // A timer is plain elapsed time; working-time rules belong to deadlines (IDeadlineCalculator).
            if (!TimeSpec.TryParseDuration(delay.GetString()!, out var duration))
            {
                throw new InvalidOperationException($"Input 'delay' is not an ISO-8601 duration: '{delay.GetString()}'.");
            }

            context.CreateTimer(context.Now + duration);
            return;
        }

        var until = await context.EvaluateInputAsync("until");
        if (!TimeSpec.TryParseInstant(until, out var instant))
        {
            throw new InvalidOperationException("The timer needs 'delay' (ISO-8601 duration) or 'until' (an instant).");
        }

        context.CreateTimer(instant);
    }
}
