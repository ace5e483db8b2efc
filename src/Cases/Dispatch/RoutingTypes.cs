using CityOps.Cases.Geography;
using CityOps.Cases.Taxonomy;

namespace CityOps.Cases.Dispatch;

/// <summary>Auto-dispatch rule: cases of <paramref name="Code"/> in <paramref name="Area"/> go to <paramref name="DepartmentCode"/>.</summary>
public sealed record RoutingRule(string Id, CodeSelector Code, AreaSelector Area, string DepartmentCode, string? Note = null)
{
    public override string ToString() => $"{Id} ({Code} @ {Area} → {DepartmentCode})";
}

public enum RoutingOutcome
{
    /// <summary>A rule chose the department.</summary>
    Routed,

    /// <summary>No rule matched: the case waits in the dispatcher's manual queue.</summary>
    ManualQueue,
}

/// <summary>A rule that matched, in ranking order (place 1 won), with why it won or lost.</summary>
public sealed record RoutingCandidate(int Place, RoutingRule Rule, string Verdict);

/// <summary>
/// The decision for one case, with its explanation: the winning rule, every other matching rule and the criterion it
/// lost on. <see cref="RoutingOutcome.ManualQueue"/> has no department and no candidates.
/// </summary>
public sealed record RoutingDecision(
    RoutingOutcome Outcome,
    string? DepartmentCode,
    RoutingRule? Rule,
    string Reason,
    IReadOnlyList<RoutingCandidate> Candidates)
{
    public bool IsManual => Outcome == RoutingOutcome.ManualQueue;
}

/// <summary>The routing table. Rule ids are unique, and no two rules share the same code and area selectors.</summary>
public sealed class RoutingTable
{
    public RoutingTable(IEnumerable<RoutingRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = [.. rules];
        var dupId = Rules.GroupBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dupId is not null)
        {
            throw new ArgumentException($"Routing rule id {dupId.Key} appears twice.", nameof(rules));
        }

        // Two rules with the same selectors would tie on every criterion; a person must choose, so reject the table.
        var clash = Rules.GroupBy(r => (r.Code, r.Area)).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new ArgumentException($"Rules {string.Join(", ", clash.Select(r => r.Id))} have the same code and area ({clash.Key.Code} @ {clash.Key.Area}).", nameof(rules));
        }
    }

    public IReadOnlyList<RoutingRule> Rules { get; }
}
