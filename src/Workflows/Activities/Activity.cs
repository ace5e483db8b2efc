using CityOps.Workflows.Runtime;

namespace CityOps.Workflows.Activities;

/// <summary>
/// Base class of every activity. Instances are created per step from the step's DI scope, so constructor
/// dependencies may be scoped services of the host.
/// </summary>
public abstract class Activity
{
    /// <summary>Runs the activity: complete it with outcomes, or create a wait (bookmark, task, timer).</summary>
    public abstract ValueTask ExecuteAsync(ActivityExecutionContext context);

    /// <summary>Called when a stimulus resumes the activity's wait. The default completes with <c>Done</c>.</summary>
    public virtual ValueTask ResumeAsync(ActivityExecutionContext context, Stimulus stimulus)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
