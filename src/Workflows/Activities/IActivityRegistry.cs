namespace CityOps.Workflows.Activities;

/// <summary>The catalog of registered activity types (engine and host activities alike).</summary>
public interface IActivityRegistry
{
    /// <summary>All descriptors, ordered by category then type.</summary>
    IReadOnlyList<ActivityDescriptor> List();

    /// <summary>The descriptor for a type and version, or <c>null</c> when unknown.</summary>
    ActivityDescriptor? Find(string type, int version);
}

internal sealed class ActivityRegistry : IActivityRegistry
{
    private readonly Dictionary<(string Type, int Version), ActivityDescriptor> _byKey;
    private readonly List<ActivityDescriptor> _ordered;

    public ActivityRegistry(IEnumerable<Type> activityTypes)
    {
        _byKey = [];
        foreach (var descriptor in activityTypes.Select(ActivityDescriber.Describe))
        {
            if (!_byKey.TryAdd((descriptor.Type, descriptor.Version), descriptor))
            {
                throw new InvalidOperationException($"Activity {descriptor.Type} v{descriptor.Version} is registered twice.");
            }
        }

        _ordered = [.. _byKey.Values.OrderBy(d => d.Category, StringComparer.Ordinal).ThenBy(d => d.Type, StringComparer.Ordinal).ThenBy(d => d.Version)];
    }

    public IReadOnlyList<ActivityDescriptor> List() => _ordered;

    public ActivityDescriptor? Find(string type, int version) => _byKey.GetValueOrDefault((type, version));
}
