using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityOps.Workflows.Scheduling;

/// <summary>Fires due timer rows. Safe to run on several nodes at once: each timer fires exactly once.</summary>
public interface ITimerSweeper
{
    /// <summary>
    /// Fires at most <paramref name="maxBatch"/> timers due at <paramref name="now"/>, earliest first, and returns how
    /// many fired. Past-due timers after a restart are thereby staggered over several sweeps.
    /// </summary>
    Task<int> FireDueAsync(DateTimeOffset now, int maxBatch, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes at most <paramref name="maxBatch"/> parked stimuli older than
    /// <see cref="WorkflowRuntimeOptions.ParkedStimulusLifetime"/> at <paramref name="now"/> and returns how many went.
    /// </summary>
    Task<int> PurgeExpiredParkedAsync(DateTimeOffset now, int maxBatch, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes at most <paramref name="maxBatch"/> processed-stimulus records older than
    /// <see cref="WorkflowRuntimeOptions.StimulusRetention"/> at <paramref name="now"/> and returns how many went.
    /// </summary>
    Task<int> PurgeProcessedStimuliAsync(DateTimeOffset now, int maxBatch, CancellationToken cancellationToken);
}

internal sealed partial class TimerSweeper(
    IServiceScopeFactory scopes,
    WorkflowRuntime runtime,
    IOptions<WorkflowRuntimeOptions> options,
    ILogger<TimerSweeper> logger) : ITimerSweeper
{
    public async Task<int> PurgeProcessedStimuliAsync(DateTimeOffset now, int maxBatch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IWorkflowStore>()
            .PurgeStimuliAsync(now - options.Value.StimulusRetention, maxBatch, cancellationToken);
    }

    public async Task<int> PurgeExpiredParkedAsync(DateTimeOffset now, int maxBatch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IWorkflowStore>();
        var expired = await store.ListParkedBeforeAsync(now - options.Value.ParkedStimulusLifetime, maxBatch, cancellationToken);
        if (expired.Count == 0)
        {
            return 0;
        }

        try
        {
            await store.CommitAsync(new WorkflowCommit { ParkedRemoved = [.. expired.Select(p => p.Id)] }, cancellationToken);
            return expired.Count;
        }
        catch (WorkflowConcurrencyException)
        {
            // One of them was delivered meanwhile; delete the rest one by one.
            var purged = 0;
            foreach (var parked in expired)
            {
                try
                {
                    await store.CommitAsync(new WorkflowCommit { ParkedRemoved = [parked.Id] }, cancellationToken);
                    purged++;
                }
                catch (WorkflowConcurrencyException)
                {
                    // Taken by a delivery: nothing left to purge.
                }
            }

            return purged;
        }
    }

    public async Task<int> FireDueAsync(DateTimeOffset now, int maxBatch, CancellationToken cancellationToken)
    {
        IReadOnlyList<TimerRecord> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            due = await scope.ServiceProvider.GetRequiredService<IWorkflowStore>().ListDueTimersAsync(now, maxBatch, cancellationToken);
        }

        var fired = 0;
        foreach (var timer in due)
        {
            try
            {
                var result = await runtime.FireTimerAsync(new TimerFiredStimulus(timer.Id), cancellationToken);
                fired += result.Replayed ? 0 : 1;
            }
            catch (WorkflowConcurrencyException ex)
            {
                // Still contended after the runtime's retries; the row remains and the next sweep tries again.
                LogContended(logger, timer.Id, ex);
            }
        }

        return fired;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {TimerId} stayed contended; it will be retried on the next sweep.")]
    private static partial void LogContended(ILogger logger, Guid timerId, Exception exception);
}
