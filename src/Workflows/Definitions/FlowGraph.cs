using System.Collections.Concurrent;
using CityOps.Workflows.Activities;
using CityOps.Workflows.Persistence;

namespace CityOps.Workflows.Definitions;

/// <summary>A definition version prepared for execution: nodes, descriptors and edges indexed by id.</summary>
internal sealed class FlowGraph
{
    private readonly Dictionary<(string Activity, string Port), List<string>> _outgoing = [];
    private readonly Dictionary<string, List<string>> _inbound = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HashSet<string>> _upstream = new(StringComparer.Ordinal);

    public FlowGraph(WorkflowDefinition definition, IActivityRegistry registry)
    {
        Definition = definition;
        foreach (var activity in definition.Root.Activities)
        {
            Nodes[activity.Id] = activity;
            Descriptors[activity.Id] = registry.Find(activity.Type, activity.Version)
                ?? throw new InvalidOperationException($"Activity '{activity.Id}' has unknown type {activity.Type} v{activity.Version}.");
            _inbound[activity.Id] = [];
        }

        foreach (var c in definition.Root.Connections)
        {
            var key = (c.Source.Activity, c.Source.Port);
            if (!_outgoing.TryGetValue(key, out var targets))
            {
                _outgoing[key] = targets = [];
            }

            targets.Add(c.Target.Activity);
            _inbound[c.Target.Activity].Add(ArrivalKey(c.Source.Activity, c.Source.Port));
        }

        StartId = Nodes.Values.Single(a => Descriptors[a.Id].IsStart).Id;
    }

    public WorkflowDefinition Definition { get; }

    public Dictionary<string, ActivityDefinition> Nodes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ActivityDescriptor> Descriptors { get; } = new(StringComparer.Ordinal);

    public string StartId { get; }

    public string CacheKeyPrefix => $"{Definition.DefinitionId}:v{Definition.Version}";

    public static string ArrivalKey(string activity, string port) => $"{activity}:{port}";

    public IReadOnlyList<string> Targets(string activityId, string port) =>
        _outgoing.TryGetValue((activityId, port), out var t) ? t : [];

    public IReadOnlyList<string> Inbound(string activityId) => _inbound[activityId];

    /// <summary>Activities from which <paramref name="activityId"/> can be reached (its upstream branches).</summary>
    public HashSet<string> Upstream(string activityId) => _upstream.GetOrAdd(activityId, id =>
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([id]);
        while (stack.TryPop(out var current))
        {
            foreach (var source in _inbound[current].Select(k => k[..k.LastIndexOf(':')]))
            {
                if (seen.Add(source))
                {
                    stack.Push(source);
                }
            }
        }

        seen.Remove(id);
        return seen;
    });
}

/// <summary>Parsed graphs cached per definition version row and content, so a step never re-parses JSON.</summary>
internal sealed class FlowGraphCache(IActivityRegistry registry)
{
    private readonly ConcurrentDictionary<string, FlowGraph> _graphs = new(StringComparer.Ordinal);

    public FlowGraph Get(WorkflowDefinitionRecord record) =>
        _graphs.GetOrAdd(Key(record.Id, record.ContentHash), _ => new FlowGraph(DefinitionJson.Parse(record.Json), registry));

    /// <summary>The graph of a row whose content was parsed before, known by its id and content hash only.</summary>
    public FlowGraph? Find(string rowId, string contentHash) => _graphs.GetValueOrDefault(Key(rowId, contentHash));

    private static string Key(string rowId, string contentHash) => $"{rowId}#{contentHash}";
}
