using CityOps.Workflows.Definitions;
using CityOps.Workflows.Persistence;

namespace CityOps.Designer.Canvas;

/// <summary>The nodes an instance ran and the links it followed, read from its journal.</summary>
public sealed record ExecutedPath(IReadOnlySet<string> Activities, IReadOnlySet<CanvasLink> Links)
{
    public static ExecutedPath From(WorkflowDefinition definition, IEnumerable<JournalRecord> journal)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(journal);
        var activities = new HashSet<string>(StringComparer.Ordinal);
        var followed = new HashSet<(string Activity, string Port)>();
        foreach (var entry in journal)
        {
            activities.Add(entry.ActivityId);
            foreach (var port in entry.Outcomes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                followed.Add((entry.ActivityId, port));
            }
        }

        var links = definition.Root.Connections
            .Where(c => followed.Contains((c.Source.Activity, c.Source.Port)))
            .Select(c => new CanvasLink(c.Source.Activity, c.Source.Port, c.Target.Activity, c.Target.Port))
            .ToHashSet();
        return new ExecutedPath(activities, links);
    }
}
