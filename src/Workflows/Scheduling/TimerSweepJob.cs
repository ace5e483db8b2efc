using Microsoft.Extensions.Options;
using Quartz;

namespace CityOps.Workflows.Scheduling;

/// <summary>
/// The Quartz clock over the timer table: each run fires one bounded batch of due timers and purges one bounded batch
/// of expired parked stimuli and one of processed-stimulus records past their retention. Quartz only says "sweep now"; the timer
/// rows stay the truth, so a lost trigger or a restart loses no timer.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class TimerSweepJob(ITimerSweeper sweeper, TimeProvider time, IOptions<TimerSweepOptions> options) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = time.GetUtcNow();
        await sweeper.FireDueAsync(now, options.Value.MaxBatch, cancellationToken);
        await sweeper.PurgeExpiredParkedAsync(now, options.Value.MaxBatch, cancellationToken);
        await sweeper.PurgeProcessedStimuliAsync(now, options.Value.MaxBatch, cancellationToken);
    }
}

/// <summary>How the timer sweep runs.</summary>
public sealed class TimerSweepOptions
{
    /// <summary>Seconds between sweeps (default 5).</summary>
    public int IntervalSeconds { get; set; } = 5;

    /// <summary>Timers fired per sweep at most (default 100); staggers a backlog after downtime.</summary>
    public int MaxBatch { get; set; } = 100;

    /// <summary>
    /// Use Quartz's persistent clustered store (PostgreSQL / SQL Server, configured by <see cref="ConfigurePersistentStore"/>)
    /// so one node sweeps at a time; false uses the in-memory RAMJobStore on a single node (SQLite deployments).
    /// </summary>
    public bool Clustered { get; set; }

    /// <summary>
    /// Quartz scheduler name. Nodes of one cluster must share it (it is the <c>sched_name</c> column); two hosts in
    /// one process must not, because Quartz keeps one scheduler per name per process.
    /// </summary>
    public string SchedulerName { get; set; } = "CityOps";

    /// <summary>Host callback configuring the persistent store (provider, connection string, serializer).</summary>
    public Action<IPersistentStoreBuilder>? ConfigurePersistentStore { get; set; }
}
