using CityOps.Cases.Dispatch;
using CityOps.Cases.Geography;
using CityOps.Cases.Taxonomy;
using static CityOps.Cases.Tests.TestData;

namespace CityOps.Cases.Tests.Dispatch;

// Seed: definitions/routing/demo-rules.json. Ranking: exact code > major class > any; then grid > community > street > district > any.
public sealed class RoutingResolverTests
{
    [Theory]
    // matter code, location code           → rule, department        — why
    [InlineData("06010", "330196001002001", "R-004", "S330196001")] // exact@community beats exact@district, class@street, class@district
    [InlineData("06010", "330196002001006", "R-003", "D330196-SANITATION")] // exact@district beats class@district
    [InlineData("06001", "330196001001001", "R-002", "S330196001")] // class@street beats class@district
    [InlineData("06001", "330196002001006", "R-001", "D330196-CGJ")] // only class@district
    [InlineData("06027", "330196001001001", "R-023", "CITY-ECO")] // exact@any beats class@street: code before area
    [InlineData("09009", "330196003002005", "R-021", "CITY-TRAFFIC-POLICE")] // exact@any beats class@grid
    [InlineData("09001", "330196003002005", "R-020", "S330196003")] // class@grid beats class@district
    [InlineData("09001", "330196003002004", "R-019", "D330196-CGJ")] // neighbouring grid: class@district
    [InlineData("01002", "330196004003002", "R-008", "CITY-WATER")] // exact beats class 01@any
    [InlineData("01040", "330196004003002", "R-007", "CITY-CGJ")] // class 01@any
    [InlineData("21003", "330196004", "R-027", "CITY-GAS")] // location known only to street level
    public void Resolve_PicksMostSpecificRule(string code, string location, string rule, string department)
    {
        var decision = DemoRouting.Resolve(CaseKind.Matter, code, AreaPath.FromCode(location));

        Assert.Equal(RoutingOutcome.Routed, decision.Outcome);
        Assert.Equal(rule, decision.Rule!.Id);
        Assert.Equal(department, decision.DepartmentCode);
        Assert.Equal(rule, decision.Candidates[0].Rule.Id);
    }

    [Fact]
    public void Resolve_ExplainsWhyEachCandidateLost()
    {
        var decision = DemoRouting.Resolve(CaseKind.Matter, "06010", AreaPath.FromCode("330196001002001"));

        Assert.Equal(["R-004", "R-003", "R-002", "R-001"], decision.Candidates.Select(c => c.Rule.Id));
        Assert.StartsWith("won: exact code at community level", decision.Candidates[0].Verdict, StringComparison.Ordinal);
        Assert.Equal("lost to R-004: same code scope; community beats district", decision.Candidates[1].Verdict);
        Assert.Equal("lost to R-004: exact code beats major class", decision.Candidates[2].Verdict);
        Assert.Contains("most specific of 4 rules", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CaseKind.Matter, "10002", "330196001001001")] // no rule for 10xxx
    [InlineData(CaseKind.Component, "01011", "330196001001001")] // rules are written for matters
    [InlineData(CaseKind.Matter, "06001", null)] // outside the city: district-scoped rules do not apply
    public void Resolve_NoMatchingRule_GoesToManualQueue(CaseKind kind, string code, string? location)
    {
        var decision = DemoRouting.Resolve(kind, code, location is null ? AreaPath.Nowhere : AreaPath.FromCode(location));

        Assert.True(decision.IsManual);
        Assert.Null(decision.DepartmentCode);
        Assert.Empty(decision.Candidates);
        Assert.Contains("manual queue", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_FromLocatedPoint_UsesTheGridPath()
    {
        // c5 r3 of the lattice = 翠竹社区 grid 004; 09001 there falls to the district rule.
        var decision = DemoRouting.Resolve(CaseKind.Matter, "09001", DemoCity.Locate(30.27315, 120.1555));

        Assert.Equal("R-019", decision.Rule!.Id);
    }

    [Fact]
    public void KindSpecificAny_BeatsWildcard_AtTheSameLevel()
    {
        var resolver = new RoutingResolver(new RoutingTable(
        [
            new RoutingRule("A", CodeSelector.Any, AreaSelector.Any, "CITY-CENTER"),
            new RoutingRule("B", CodeSelector.Parse("matter:*"), AreaSelector.Any, "CITY-CGJ"),
        ]));

        var decision = resolver.Resolve(CaseKind.Matter, "10002", AreaPath.Nowhere);

        Assert.Equal("B", decision.Rule!.Id);
        Assert.Equal("lost to B: same code scope and area level; a kind-specific selector beats '*'", decision.Candidates[1].Verdict);
        Assert.Equal("A", resolver.Resolve(CaseKind.Component, "01011", AreaPath.Nowhere).Rule!.Id);
    }

    [Fact]
    public void Table_WithTwoRulesOfTheSameSelectors_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new RoutingTable(
        [
            new RoutingRule("A", CodeSelector.Parse("matter:06"), AreaSelector.Parse("street:330196001"), "S330196001"),
            new RoutingRule("B", CodeSelector.Parse("matter:06"), AreaSelector.Parse("street:330196001"), "D330196-CGJ"),
        ]));
    }
}
