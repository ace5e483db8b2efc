namespace CityOps.Workflows.Persistence;

/// <summary>Lifecycle of a workflow instance.</summary>
public enum WorkflowStatus
{
    /// <summary>A step is executing (only seen while a step runs).</summary>
    Running = 0,

    /// <summary>Every branch is finished or waiting on a bookmark.</summary>
    Suspended = 1,

    /// <summary>Nothing is waiting and nothing is left to run.</summary>
    Finished = 2,

    /// <summary>Cancelled by an operator; its waits, tasks and timers are gone.</summary>
    Cancelled = 3,

    /// <summary>At least one activity faulted; see the incidents. Retry re-runs the faulted activities.</summary>
    Faulted = 4,
}

/// <summary>What a bookmark waits for.</summary>
public enum BookmarkKind
{
    /// <summary>A human task completion.</summary>
    Task = 0,

    /// <summary>A timer firing.</summary>
    Timer = 1,

    /// <summary>A named event with a correlation key.</summary>
    Event = 2,
}

/// <summary>State of a human task.</summary>
public enum WorkflowTaskStatus
{
    /// <summary>Waiting for someone in the assignee group or the assignee person.</summary>
    Open = 0,

    /// <summary>Claimed by one person; others cannot claim or complete it.</summary>
    Claimed = 1,

    /// <summary>Completed with one of its outcomes.</summary>
    Completed = 2,

    /// <summary>Cancelled by the workflow (interrupting deadline, WaitAny, instance cancel).</summary>
    Cancelled = 3,
}

/// <summary>Why a timer row exists.</summary>
public enum TimerKind
{
    /// <summary>A Timer activity's wait.</summary>
    Timer = 0,

    /// <summary>A boundary deadline on a waiting activity (follows its <c>Overdue</c> port).</summary>
    Deadline = 1,
}
