namespace CityOps.Workflows.Expressions;

/// <summary>Sandbox limits for JavaScript expressions.</summary>
public sealed class ExpressionOptions
{
    /// <summary>Wall-clock limit per evaluation (default 100 ms).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Statement limit per evaluation.</summary>
    public int MaxStatements { get; set; } = 10_000;

    /// <summary>Memory limit per evaluation, in bytes.</summary>
    public long MemoryLimitBytes { get; set; } = 4_000_000;

    /// <summary>Call depth limit.</summary>
    public int RecursionLimit { get; set; } = 64;
}

/// <summary>Lets a host expose its own globals to scripts (e.g. the record a workflow is about).</summary>
public interface IExpressionGlobalsProvider
{
    /// <summary>Adds globals for one step; values are serialized to JSON, so scripts never reach CLR objects.</summary>
    ValueTask AddGlobalsAsync(ExpressionGlobalsContext context, IDictionary<string, object?> globals, CancellationToken cancellationToken);
}

/// <summary>What a globals provider knows about the step.</summary>
/// <param name="DefinitionId">Definition slug.</param>
/// <param name="InstanceId">Instance id (<c>null</c> while evaluating a start trigger's filter).</param>
/// <param name="CorrelationId">Instance correlation id.</param>
public sealed record ExpressionGlobalsContext(string DefinitionId, Guid? InstanceId, string? CorrelationId);

/// <summary>An expression failed: syntax, a thrown error, or a sandbox limit. Becomes an incident.</summary>
public sealed class ExpressionException : Exception
{
    public ExpressionException()
    {
    }

    public ExpressionException(string message)
        : base(message)
    {
    }

    public ExpressionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
