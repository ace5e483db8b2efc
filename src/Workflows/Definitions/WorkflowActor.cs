namespace CityOps.Workflows.Definitions;

/// <summary>
/// Who is changing definitions in the current async flow, so versions record who saved and published them without
/// every service signature carrying a user. The host sets it around a call: <c>using (WorkflowActor.Use(name)) …</c>.
/// </summary>
public static class WorkflowActor
{
    private static readonly AsyncLocal<string?> Actor = new();

    /// <summary>The person (or system job) acting now, if the host said.</summary>
    public static string? Current => Actor.Value;

    /// <summary>Sets the actor until the returned scope is disposed.</summary>
    public static IDisposable Use(string actor)
    {
        var previous = Actor.Value;
        Actor.Value = actor;
        return new Restore(previous);
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => Actor.Value = previous;
    }
}
