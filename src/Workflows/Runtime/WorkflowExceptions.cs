namespace CityOps.Workflows.Runtime;

/// <summary>A definition, instance, task or timer does not exist (HTTP 404).</summary>
public sealed class WorkflowNotFoundException : Exception
{
    public WorkflowNotFoundException()
    {
    }

    public WorkflowNotFoundException(string message)
        : base(message)
    {
    }

    public WorkflowNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The task is already completed or cancelled, typically because another completion won the race (HTTP 409).
/// The instance advanced exactly once.
/// </summary>
public sealed class TaskAlreadyCompletedException : Exception
{
    public TaskAlreadyCompletedException()
    {
    }

    public TaskAlreadyCompletedException(string message)
        : base(message)
    {
    }

    public TaskAlreadyCompletedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The task is claimed by someone else (HTTP 409).</summary>
public sealed class TaskClaimedByAnotherException : Exception
{
    public TaskClaimedByAnotherException()
    {
    }

    public TaskClaimedByAnotherException(string message)
        : base(message)
    {
    }

    public TaskClaimedByAnotherException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The operation does not fit the instance's status, e.g. retrying an instance without incidents (HTTP 409).</summary>
public sealed class WorkflowStateException : Exception
{
    public WorkflowStateException()
    {
    }

    public WorkflowStateException(string message)
        : base(message)
    {
    }

    public WorkflowStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
