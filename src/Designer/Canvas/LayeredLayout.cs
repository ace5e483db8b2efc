namespace CityOps.Designer.Canvas;

/// <summary>
/// Top-to-bottom layered layout: back edges of cycles are ignored, each node goes one layer below its lowest
/// predecessor, and nodes in a layer are ordered by the mean position of their predecessors to limit crossings.
/// </summary>
public static class LayeredLayout
{
    public const double ColumnWidth = 240;
    public const double RowHeight = 150;

    public static IReadOnlyDictionary<string, (double X, double Y)> Arrange(IReadOnlyList<CanvasNode> nodes, IReadOnlyList<CanvasLink> links)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(links);
        var ids = nodes.Select(n => n.Id).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<string, (double X, double Y)>();
        }

        var known = ids.ToHashSet(StringComparer.Ordinal);
        var successors = ids.ToDictionary(id => id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var link in links.Where(l => known.Contains(l.SourceId) && known.Contains(l.TargetId) && l.SourceId != l.TargetId))
        {
            successors[link.SourceId].Add(link.TargetId);
        }

        // Roots first (the start, then any node nothing points at), then whatever only a cycle reaches.
        var hasIncoming = successors.Values.SelectMany(s => s).ToHashSet(StringComparer.Ordinal);
        var roots = nodes.Where(n => !n.HasInPort).Select(n => n.Id)
            .Concat(ids.Where(id => !hasIncoming.Contains(id)))
            .Concat(ids)
            .Distinct(StringComparer.Ordinal);

        var order = new List<string>();
        var backEdges = new HashSet<(string, string)>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on stack, 2 done
        foreach (var root in roots)
        {
            Visit(root, successors, state, backEdges, order);
        }

        // Reverse post-order is a topological order of the graph without back edges.
        order.Reverse();
        var layer = ids.ToDictionary(id => id, _ => 0, StringComparer.Ordinal);
        foreach (var id in order)
        {
            foreach (var next in successors[id].Where(next => !backEdges.Contains((id, next))))
            {
                layer[next] = Math.Max(layer[next], layer[id] + 1);
            }
        }

        var predecessors = ids.ToDictionary(id => id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (from, list) in successors)
        {
            foreach (var to in list)
            {
                predecessors[to].Add(from);
            }
        }

        var result = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        var column = new Dictionary<string, double>(StringComparer.Ordinal);
        var rows = ids.GroupBy(id => layer[id]).OrderBy(g => g.Key).ToList();
        var widest = rows.Max(r => r.Count());
        foreach (var row in rows)
        {
            var sorted = row
                .Select((id, index) => (id, key: predecessors[id].Where(column.ContainsKey).Select(p => column[p]).DefaultIfEmpty(index).Average()))
                .OrderBy(t => t.key)
                .Select(t => t.id)
                .ToList();
            var offset = (widest - sorted.Count) / 2.0;
            for (var i = 0; i < sorted.Count; i++)
            {
                column[sorted[i]] = offset + i;
                result[sorted[i]] = ((offset + i) * ColumnWidth + 40, row.Key * RowHeight + 40);
            }
        }

        return result;
    }

    private static void Visit(string id, Dictionary<string, List<string>> successors, Dictionary<string, int> state,
        HashSet<(string, string)> backEdges, List<string> postOrder)
    {
        if (state.ContainsKey(id))
        {
            return;
        }

        // Iterative DFS: a 1000-node chain must not overflow the stack.
        var stack = new Stack<(string Id, int Next)>();
        stack.Push((id, 0));
        state[id] = 1;
        while (stack.Count > 0)
        {
            var (current, next) = stack.Pop();
            var children = successors[current];
            if (next < children.Count)
            {
                stack.Push((current, next + 1));
                var child = children[next];
                if (!state.TryGetValue(child, out var s))
                {
                    state[child] = 1;
                    stack.Push((child, 0));
                }
                else if (s == 1)
                {
                    backEdges.Add((current, child));
                }
            }
            else
            {
                state[current] = 2;
                postOrder.Add(current);
            }
        }
    }
}
