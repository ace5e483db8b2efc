using CityOps.Cases.Geography;
using CityOps.Cases.Taxonomy;

namespace CityOps.Cases.Dispatch;

/// <summary>
/// Picks the most specific matching rule (auto-dispatch). Ranking, first difference decides:
/// 1. code scope: exact 5-digit code &gt; major class &gt; any;
/// 2. area level: grid &gt; community &gt; street &gt; district &gt; any;
/// 3. a selector naming the kind (<c>matter:*</c>) &gt; one that does not (<c>*</c>);
/// 4. rule id, ordinal ascending (only reachable by tables built around <see cref="RoutingTable"/>'s check).
/// Code comes before area: a rule written for exactly this case type anywhere beats a class rule for this grid.
/// No matching rule gives <see cref="RoutingOutcome.ManualQueue"/>.
/// </summary>
public sealed class RoutingResolver(RoutingTable table)
{
    public RoutingTable Table { get; } = table ?? throw new ArgumentNullException(nameof(table));

    public RoutingDecision Resolve(CaseKind kind, string code, GridLocation? location) =>
        Resolve(kind, code, location?.Path ?? AreaPath.Nowhere);

    public RoutingDecision Resolve(CaseKind kind, string code, AreaPath location)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(location);
        var ranked = Table.Rules
            .Where(r => r.Code.Matches(kind, code) && r.Area.Matches(location))
            .OrderByDescending(r => r.Code.Scope)
            .ThenByDescending(r => r.Area.Level)
            .ThenByDescending(r => r.Code.Kind is not null)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        var subject = $"{kind.ToString().ToLowerInvariant()}:{code} at {Describe(location)}";
        if (ranked.Count == 0)
        {
            return new RoutingDecision(RoutingOutcome.ManualQueue, null, null,
                $"No routing rule matches {subject}; the case goes to the dispatcher's manual queue.", []);
        }

        var winner = ranked[0];
        var candidates = ranked
            .Select((r, i) => new RoutingCandidate(i + 1, r, i == 0 ? $"won: {Specificity(r)}" : $"lost to {winner.Id}: {WhyLost(winner, r)}"))
            .ToList();
        var reason = ranked.Count == 1
            ? $"Rule {winner} is the only rule matching {subject}."
            : $"Rule {winner} is the most specific of {ranked.Count} rules matching {subject} ({Specificity(winner)}).";
        return new RoutingDecision(RoutingOutcome.Routed, winner.DepartmentCode, winner, reason, candidates);
    }

    private static string Specificity(RoutingRule r) =>
        $"{Scope(r.Code.Scope)} at {(r.Area.Level == AreaLevel.Any ? "any area" : r.Area.Level.ToString().ToLowerInvariant() + " level")}";

    private static string WhyLost(RoutingRule winner, RoutingRule loser)
    {
        if (winner.Code.Scope != loser.Code.Scope)
        {
            return $"{Scope(winner.Code.Scope)} beats {Scope(loser.Code.Scope)}";
        }

        if (winner.Area.Level != loser.Area.Level)
        {
            return $"same code scope; {winner.Area.Level.ToString().ToLowerInvariant()} beats {loser.Area.Level.ToString().ToLowerInvariant()}";
        }

        return (winner.Code.Kind is not null) != (loser.Code.Kind is not null)
            ? "same code scope and area level; a kind-specific selector beats '*'"
            : "tie on every criterion; lower rule id wins";
    }

    private static string Scope(CodeScope scope) => scope switch
    {
        CodeScope.Exact => "exact code",
        CodeScope.MajorClass => "major class",
        _ => "any code",
    };

    private static string Describe(AreaPath p) =>
        p.GridCode ?? p.CommunityCode ?? p.StreetCode ?? p.DistrictCode ?? "an unknown place";
}
