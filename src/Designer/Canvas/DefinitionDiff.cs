using System.Text.Json;
using CityOps.Workflows.Definitions;

namespace CityOps.Designer.Canvas;

public enum ChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>What changed between two versions of a definition (layout is ignored).</summary>
public sealed record DefinitionDiff(IReadOnlyList<ActivityChange> Activities, IReadOnlyList<ConnectionChange> Connections)
{
    public bool IsEmpty => Activities.Count == 0 && Connections.Count == 0;
}

/// <summary>An activity added, removed, or changed (type, version, name or inputs).</summary>
public sealed record ActivityChange(string ActivityId, string Type, ChangeKind Kind, IReadOnlyList<PropertyChange> Properties);

/// <summary>One changed property: <c>type</c>, <c>version</c>, <c>name</c> or <c>inputs.x</c>; values as text.</summary>
public sealed record PropertyChange(string Name, ChangeKind Kind, string? Before, string? After);

/// <summary>A connection added or removed (a connection has no other identity than its ends).</summary>
public sealed record ConnectionChange(ConnectionDefinition Connection, ChangeKind Kind);

/// <summary>Compares two definition versions. Pure.</summary>
public static class DefinitionDiffer
{
    // Shown to people: Chinese text stays readable instead of \uXXXX escapes.
    private static readonly JsonSerializerOptions Display = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static DefinitionDiff Compare(WorkflowDefinition before, WorkflowDefinition after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = before.Root.Activities.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var now = after.Root.Activities.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var activities = new List<ActivityChange>();
        foreach (var a in after.Root.Activities.Where(a => !old.ContainsKey(a.Id)))
        {
            activities.Add(new ActivityChange(a.Id, a.Type, ChangeKind.Added, [.. InputChanges(null, a.Inputs)]));
        }

        foreach (var a in before.Root.Activities.Where(a => !now.ContainsKey(a.Id)))
        {
            activities.Add(new ActivityChange(a.Id, a.Type, ChangeKind.Removed, []));
        }

        foreach (var a in after.Root.Activities.Where(a => old.ContainsKey(a.Id)))
        {
            var b = old[a.Id];
            var properties = new List<PropertyChange>();
            Compare(properties, "type", b.Type, a.Type);
            Compare(properties, "version", b.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                a.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Compare(properties, "name", b.Name, a.Name);
            properties.AddRange(InputChanges(b.Inputs, a.Inputs));
            if (properties.Count > 0)
            {
                activities.Add(new ActivityChange(a.Id, a.Type, ChangeKind.Changed, properties));
            }
        }

        var oldLinks = before.Root.Connections.ToHashSet();
        var newLinks = after.Root.Connections.ToHashSet();
        var connections = after.Root.Connections.Where(c => !oldLinks.Contains(c)).Select(c => new ConnectionChange(c, ChangeKind.Added))
            .Concat(before.Root.Connections.Where(c => !newLinks.Contains(c)).Select(c => new ConnectionChange(c, ChangeKind.Removed)))
            .ToList();
        return new DefinitionDiff(activities, connections);
    }

    /// <summary>An expression as one line: <c>"text"</c>, <c>42</c>, or <c>js: a + b</c>.</summary>
    public static string Describe(ExpressionDefinition expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return expression.Type == ExpressionDefinition.JavaScript && expression.Value.ValueKind == JsonValueKind.String
            ? "js: " + expression.Value.GetString()
            : (expression.Type == ExpressionDefinition.Literal ? "" : expression.Type + ": ") + JsonSerializer.Serialize(expression.Value, Display);
    }

    private static IEnumerable<PropertyChange> InputChanges(IReadOnlyDictionary<string, InputDefinition>? before, IReadOnlyDictionary<string, InputDefinition>? after)
    {
        before ??= new Dictionary<string, InputDefinition>();
        after ??= new Dictionary<string, InputDefinition>();
        foreach (var (name, input) in after.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var text = Describe(input.Expression);
            if (!before.TryGetValue(name, out var old))
            {
                yield return new PropertyChange("inputs." + name, ChangeKind.Added, null, text);
            }
            else if (Describe(old.Expression) != text)
            {
                yield return new PropertyChange("inputs." + name, ChangeKind.Changed, Describe(old.Expression), text);
            }
        }

        foreach (var (name, input) in before.Where(p => !after.ContainsKey(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            yield return new PropertyChange("inputs." + name, ChangeKind.Removed, Describe(input.Expression), null);
        }
    }

    private static void Compare(List<PropertyChange> changes, string name, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changes.Add(new PropertyChange(name, ChangeKind.Changed, before, after));
        }
    }
}
