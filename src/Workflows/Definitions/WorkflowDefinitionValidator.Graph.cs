using CityOps.Workflows.Activities;

namespace CityOps.Workflows.Definitions;

internal sealed partial class WorkflowDefinitionValidator
{
    private static Dictionary<string, List<string>> CheckConnections(
        IReadOnlyList<ConnectionDefinition> connections,
        HashSet<string> present,
        Dictionary<string, (ActivityDefinition Node, ActivityDescriptor Descriptor)> known,
        Action<string, string> fail)
    {
        // Activities with an unknown type are already reported; their edges still count, their ports are not checked.
        var edges = present.ToDictionary(k => k, _ => new List<string>(), StringComparer.Ordinal);
        for (var i = 0; i < connections.Count; i++)
        {
            var c = connections[i];
            var at = $"root.connections[{i}]";
            if (!present.Contains(c.Source.Activity))
            {
                fail($"{at}.source.activity", $"Connection {i} starts at unknown activity '{c.Source.Activity}'.");
                continue;
            }

            if (!present.Contains(c.Target.Activity))
            {
                fail($"{at}.target.activity", $"Connection {i} from '{c.Source.Activity}' ends at unknown activity '{c.Target.Activity}'.");
                continue;
            }

            var ports = known.TryGetValue(c.Source.Activity, out var source) ? ActivityPorts.For(source.Node, source.Descriptor) : null;
            if (ports is not null && !ports.Contains(c.Source.Port))
            {
                fail($"{at}.source.port", $"Activity '{c.Source.Activity}' has no port '{c.Source.Port}' (ports: {string.Join(", ", ports)}).");
                continue;
            }

            if (c.Target.Port != "In")
            {
                fail($"{at}.target.port", $"Connection {i} into activity '{c.Target.Activity}' must target port 'In'.");
                continue;
            }

            edges[c.Source.Activity].Add(c.Target.Activity);
        }

        return edges;
    }

    private static void CheckGraph(
        string start,
        Dictionary<string, (ActivityDefinition Node, ActivityDescriptor Descriptor)> known,
        Dictionary<string, List<string>> edges,
        Action<string, string> fail)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { start };
        var stack = new Stack<string>([start]);
        while (stack.TryPop(out var current))
        {
            foreach (var next in edges[current].Where(reached.Add))
            {
                stack.Push(next);
            }
        }

        foreach (var id in known.Keys.Where(id => !reached.Contains(id)))
        {
            fail(At(id), $"Activity '{id}' is not reachable from start '{start}'.");
        }

        // A loop must pass a waiting activity, or one step would spin until the run limit faults it.
        foreach (var cycle in CyclesWithoutWait(known, edges))
        {
            fail(At(cycle[0]), $"Activities {string.Join(" → ", cycle)} form a loop without a waiting activity (HumanTask, Timer or Event).");
        }
    }

    /// <summary>Strongly connected components of the non-waiting subgraph that contain a cycle (Tarjan).</summary>
    private static List<List<string>> CyclesWithoutWait(
        Dictionary<string, (ActivityDefinition Node, ActivityDescriptor Descriptor)> known,
        Dictionary<string, List<string>> edges)
    {
        bool Eligible(string id) => known.TryGetValue(id, out var k) && !k.Descriptor.IsWaiting;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var result = new List<List<string>>();
        var counter = 0;

        void Visit(string v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in edges[v].Where(Eligible))
            {
                if (!index.TryGetValue(w, out var wIndex))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], wIndex);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                if (component.Count > 1 || edges[v].Contains(v))
                {
                    component.Reverse();
                    result.Add(component);
                }
            }
        }

        foreach (var id in known.Keys.Where(Eligible).Where(id => !index.ContainsKey(id)))
        {
            Visit(id);
        }

        return result;
    }
}
