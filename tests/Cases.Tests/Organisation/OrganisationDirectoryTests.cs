using CityOps.Cases.Geography;
using CityOps.Cases.Organisation;
using CityOps.Cases.Taxonomy;
using static CityOps.Cases.Tests.TestData;

namespace CityOps.Cases.Tests.Organisation;

public sealed class OrganisationDirectoryTests
{
    [Fact]
    public void Seed_HasThreeLevels()
    {
        Assert.Equal(16, Departments.ByLevel(DepartmentLevel.City).Count);
        Assert.Equal(5, Departments.ByLevel(DepartmentLevel.District).Count);
        Assert.Equal(4, Departments.ByLevel(DepartmentLevel.Street).Count);
        Assert.Contains(Departments.ByLevel(DepartmentLevel.City), d => d.NameZh.Contains("燃气", StringComparison.Ordinal));
    }

    [Fact]
    public void Ancestors_FollowTheAdministrativeLine()
    {
        Assert.Equal(["D330196-CGJ", "D330196-GOV", "CITY-GOV"], Departments.Ancestors("D330196-SANITATION").Select(d => d.Code));
        Assert.Equal(["CITY-TRAFFIC-POLICE"], Departments.Children("CITY-PSB").Select(d => d.Code));
    }

    [Fact]
    public void Answering_ListsEveryResponsibleLevelForAPlace()
    {
        // 暴露垃圾 in 柳岸社区 (street 明湖): city bureau (class 06 anywhere), district bureau and sanitation, the street office.
        var answering = Departments.Answering(CaseKind.Matter, "06010", AreaPath.FromCode("330196001002001"))
            .Select(r => r.DepartmentCode).Order(StringComparer.Ordinal);

        Assert.Equal(["CITY-CGJ", "D330196-CGJ", "D330196-SANITATION", "S330196001"], answering);
    }

    [Fact]
    public void EveryDepartmentNamedByRoutingAndLocalConfig_Exists()
    {
        Assert.All(DemoRouting.Table.Rules, r => Assert.NotNull(Departments.Find(r.DepartmentCode)));
        Assert.All(CodeCatalog.Data.LocalConfigs, c => Assert.NotNull(Departments.Find(c.DepartmentCode)));
    }

    [Fact]
    public void UnknownParent_OrCityUnderStreet_IsRejected()
    {
        Department Dep(string code, DepartmentLevel level, string? parent) => new(code, code, code, level, parent, "330196", "bureau");

        Assert.Throws<ArgumentException>(() => new OrganisationDirectory(new([Dep("A", DepartmentLevel.City, "X")], [])));
        Assert.Throws<ArgumentException>(() => new OrganisationDirectory(new(
            [Dep("S", DepartmentLevel.Street, null), Dep("C", DepartmentLevel.City, "S")], [])));
    }

    [Fact]
    public void Roles_HaveChineseAndEnglishNames()
    {
        Assert.Equal(7, Roles.All.Count);
        Assert.Equal(("派遣员", "Dispatcher"), (Roles.Of(Role.Dispatcher).NameZh, Roles.Of(Role.Dispatcher).NameEn));
        Assert.Equal("值班长", Roles.Of(Role.ShiftLeader).NameZh);
        Assert.All(Enum.GetValues<Role>(), r => Assert.NotEmpty(Roles.Of(r).NameZh));
    }
}
