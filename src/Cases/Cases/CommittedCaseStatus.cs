using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CityOps.Cases.Cases;

/// <summary>
/// The status a case was committed with by the workflow steps a caller ran (a task completion), so that the caller
/// need not read it back. A step that loads the case (<see cref="CaseSteps.LoadCaseAsync"/>) hands it to the watch of
/// its async flow; when a DbContext that tracks it saves successfully (the step's commit, seen by
/// <see cref="Interceptor"/>), the watch takes its status. A step that failed or lost a race saves nothing (and its
/// context no longer tracks the case), so it reports nothing. Null when no step of the call committed the case (e.g.
/// a replayed completion, or a host without the interceptor): read the status then.
/// </summary>
public sealed class CommittedCaseStatus : IDisposable
{
    private static readonly AsyncLocal<CommittedCaseStatus?> Current = new();

    private readonly CommittedCaseStatus? _outer;
    private readonly List<CityCase> _loaded = [];

    private CommittedCaseStatus(Guid instanceId)
    {
        InstanceId = instanceId;
        _outer = Current.Value;
        Current.Value = this;
    }

    /// <summary>Registered as an EF interceptor, reports successful saves to the watch of the saving flow.</summary>
    public static IInterceptor Interceptor { get; } = new SavedChangesWatch();

    /// <summary>The workflow instance whose case is watched.</summary>
    public Guid InstanceId { get; }

    /// <summary>The status of the last successful commit of the case in this call, or null.</summary>
    public CaseStatus? Status { get; private set; }

    /// <summary>Watches the case of <paramref name="instanceId"/> in this async flow until disposed.</summary>
    public static CommittedCaseStatus Watch(Guid instanceId) => new(instanceId);

    public void Dispose() => Current.Value = _outer;

    /// <summary>A step loaded <paramref name="case"/> for update.</summary>
    internal static void Observe(CityCase @case)
    {
        if (Current.Value is { } watch && @case.WorkflowInstanceId == watch.InstanceId && !watch._loaded.Contains(@case))
        {
            watch._loaded.Add(@case);
        }
    }

    private static void Saved(DbContext? db)
    {
        if (db is null || Current.Value is not { } watch)
        {
            return;
        }

        // The latest load this context still tracks; an earlier attempt's copy was cleared from its context.
        for (var i = watch._loaded.Count - 1; i >= 0; i--)
        {
            if (db.Entry(watch._loaded[i]).State != EntityState.Detached)
            {
                watch.Status = watch._loaded[i].Status;
                return;
            }
        }
    }

    private sealed class SavedChangesWatch : SaveChangesInterceptor
    {
        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            Saved(eventData.Context);
            return result;
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Saved(eventData.Context);
            return ValueTask.FromResult(result);
        }
    }
}
