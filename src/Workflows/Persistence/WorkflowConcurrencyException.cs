namespace CityOps.Workflows.Persistence;

/// <summary>
/// A commit lost a race: the instance version changed, a row it removes is gone, or an idempotency key it records
/// already exists. Nothing of the commit was written; reload and decide again.
/// </summary>
public sealed class WorkflowConcurrencyException : Exception
{
    public WorkflowConcurrencyException()
    {
    }

    public WorkflowConcurrencyException(string message)
        : base(message)
    {
    }

    public WorkflowConcurrencyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
