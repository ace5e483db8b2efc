using CityOps.Cases.Cases;
using CityOps.Cases.Cases.Access;

namespace CityOps.Cases.Tests.CaseLoop;

public sealed class AssigneeGroupsTests
{
    private static readonly CityCase Case = new() { Number = "20261201000001", StreetCode = "330196001", GridCode = "330196001001001", LeadDepartment = "CITY-WATER" };

    [Fact]
    public void For_InspectorWithArea_HasTheRoleAndTheAreaGroup()
    {
        Assert.Equal(["role:Inspector", "role:Inspector@330196001"], AssigneeGroups.For(["Inspector"], null, "330196001"));
    }

    [Fact]
    public void For_ShiftLeader_AlsoWorksTheAcceptorsQueue()
    {
        Assert.Equal(["role:ShiftLeader", "role:Acceptor"], AssigneeGroups.For(["ShiftLeader"], null, null));
    }

    [Fact]
    public void For_DepartmentHandler_HasTheDepartmentGroup()
    {
        Assert.Contains("dept:CITY-WATER", AssigneeGroups.For(["DepartmentHandler"], "CITY-WATER", null));
    }

    [Fact]
    public void Resolve_FillsStreetAndLead()
    {
        Assert.Equal("role:Inspector@330196001", AssigneeGroups.Resolve("role:Inspector@{street}", Case));
        Assert.Equal("dept:CITY-WATER", AssigneeGroups.Resolve("dept:{lead}", Case));
    }

    [Fact]
    public void Resolve_WithoutLeadDepartment_Throws()
    {
        var undispatched = new CityCase { Number = "x", StreetCode = "330196001" };
        Assert.Throws<InvalidOperationException>(() => AssigneeGroups.Resolve("dept:{lead}", undispatched));
    }

    [Theory]
    [InlineData("role:Inspector@330196001", "Inspector")]
    [InlineData("role:Acceptor", "Acceptor")]
    [InlineData("dept:CITY-WATER", "DepartmentHandler")]
    public void RoleOf_NamesTheRoleActedIn(string group, string role) => Assert.Equal(role, AssigneeGroups.RoleOf(group));
}
