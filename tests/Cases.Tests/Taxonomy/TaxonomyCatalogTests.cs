using CityOps.Cases.Sla;
using CityOps.Cases.Taxonomy;
using static CityOps.Cases.Tests.TestData;

namespace CityOps.Cases.Tests.Taxonomy;

public sealed class TaxonomyCatalogTests
{
    private static IEnumerable<TaxonomyEntry> National(CaseKind kind) =>
        CodeCatalog.ByKind(kind).Where(e => e.Origin == TaxonomyOrigin.Gbt47678);

    [Fact]
    public void Directory_HasTheStandardsCounts()
    {
        // DOMAIN.md §4.2: 153 component types and 250 matter types.
        Assert.Equal(153, National(CaseKind.Component).Count());
        Assert.Equal(250, National(CaseKind.Matter).Count());
    }

    [Theory]
    [InlineData(CaseKind.Component, "01", 76)]
    [InlineData(CaseKind.Component, "02", 44)]
    [InlineData(CaseKind.Component, "03", 16)]
    [InlineData(CaseKind.Component, "04", 14)]
    [InlineData(CaseKind.Component, "05", 3)]
    [InlineData(CaseKind.Matter, "06", 51)]
    [InlineData(CaseKind.Matter, "07", 7)]
    [InlineData(CaseKind.Matter, "08", 16)]
    [InlineData(CaseKind.Matter, "09", 21)]
    [InlineData(CaseKind.Matter, "10", 2)]
    [InlineData(CaseKind.Matter, "21", 6)] // local extensions
    public void ByMajorClass_CountsMatchDomainBrief(CaseKind kind, string major, int expected)
    {
        Assert.Equal(expected, CodeCatalog.ByMajorClass(kind, major).Count);
    }

    [Fact]
    public void EveryCodeAndMajorClass_HasAnEnglishName()
    {
        Assert.All(CodeCatalog.ByKind(CaseKind.Component).Concat(CodeCatalog.ByKind(CaseKind.Matter)), e => Assert.NotEmpty(e.NameEn));
        Assert.All(CodeCatalog.MajorClasses(CaseKind.Matter).Concat(CodeCatalog.MajorClasses(CaseKind.Component)), m => Assert.NotEmpty(m.NameEn));
    }

    [Fact]
    public void Find_SameCodeInBothKinds_IsDistinct()
    {
        Assert.Equal("燃气井盖", CodeCatalog.Find(CaseKind.Component, "01011")!.NameZh);
        Assert.Equal("燃气井盖异常", CodeCatalog.Find(CaseKind.Matter, "01011")!.NameZh);
        Assert.Null(CodeCatalog.Find(CaseKind.Component, "01016")); // a gap in the standard's numbering
    }

    [Theory]
    // kind, legacy code → new code, confidence
    [InlineData(CaseKind.Component, "0101", "01001", MappingConfidence.High)] // 上水井盖 → 供水井盖
    [InlineData(CaseKind.Component, "0114", "01023", MappingConfidence.Medium)] // 无主井盖 → 不明井盖
    [InlineData(CaseKind.Component, "0501", "03008", MappingConfidence.High)] // 宣传栏 changed class
    [InlineData(CaseKind.Matter, "0102", "06010", MappingConfidence.High)] // 暴露垃圾
    [InlineData(CaseKind.Matter, "0312", "08011", MappingConfidence.Domain)] // DOMAIN.md §9
    [InlineData(CaseKind.Matter, "0402", "21002", MappingConfidence.Extension)] // 自来水管破裂 → local 爆管
    [InlineData(CaseKind.Matter, "0403", "21003", MappingConfidence.Extension)] // 燃气管道破裂 → local 燃气泄漏
    public void Resolve_LegacyCode_ReachesTheNewCode(CaseKind kind, string legacy, string expected, MappingConfidence confidence)
    {
        var resolution = CodeCatalog.Resolve(kind, legacy);

        Assert.NotNull(resolution);
        Assert.True(resolution.IsLegacy);
        Assert.Equal(expected, resolution.Entry.Code);
        Assert.Equal(confidence, resolution.ViaLegacy!.Confidence);
    }

    [Fact]
    public void Resolve_NewCode_IsNotLegacy_AndUnknownIsNull()
    {
        Assert.False(CodeCatalog.Resolve(CaseKind.Matter, "06029")!.IsLegacy);
        Assert.Null(CodeCatalog.Resolve(CaseKind.Matter, "9999"));
        Assert.Null(CodeCatalog.Resolve(CaseKind.Matter, "06031")); // retired gap
    }

    [Fact]
    public void EveryLegacyCode_HasAMapping()
    {
        Assert.All(CodeCatalog.Data.LegacyCodes.Where(l => !l.IsMajorClass), l => Assert.NotNull(CodeCatalog.Resolve(l.Kind, l.Code)));
        Assert.All(CodeCatalog.Data.LegacyCodes.Where(l => l.IsMajorClass), l => Assert.NotNull(CodeCatalog.ResolveLegacyMajorClass(l.Kind, l.Code)));
    }

    [Fact]
    public void ResolveLegacyMajorClass_SuddenIncidents_GoToLocalExtensions()
    {
        Assert.Equal(TaxonomyOrigin.LocalExtension, CodeCatalog.ResolveLegacyMajorClass(CaseKind.Matter, "04")!.Origin);
        Assert.Equal("市容环境类", CodeCatalog.ResolveLegacyMajorClass(CaseKind.Matter, "01")!.NameZh);
    }

    [Fact]
    public void Search_ByChineseOrEnglishName()
    {
        Assert.Equal(20, CodeCatalog.Search("井盖").Count(e => e.Kind == CaseKind.Component)); // 20 cover types in 01xxx (雨水箅子 is a grate, not a cover)
        Assert.Equal(["06029"], CodeCatalog.Search("barbecue").Select(e => e.Code));
        Assert.Contains(CodeCatalog.Search("燃气泄漏"), e => e is { Code: "21003", Origin: TaxonomyOrigin.LocalExtension });
    }

    [Fact]
    public void ConfigFor_SourcedLimitsFromDomainBrief()
    {
        var garbage = CodeCatalog.ConfigFor(CaseKind.Matter, "06010")!;
        Assert.Equal(new TimeLimit(1, TimeUnit.WorkingDays), garbage.HandlingLimit); // 暴露垃圾 1 working day [P-Jiyuan]
        Assert.Contains("P-Jiyuan", garbage.Source, StringComparison.Ordinal);

        var gas = CodeCatalog.ConfigFor(CaseKind.Matter, "21003")!;
        Assert.Equal(("CITY-GAS", Urgency.Emergency, new TimeLimit(2, TimeUnit.NaturalHours)), (gas.DepartmentCode, gas.Urgency, gas.HandlingLimit));
    }

    [Fact]
    public void EveryMatter_HasLocalConfiguration()
    {
        Assert.All(CodeCatalog.ByKind(CaseKind.Matter), m => Assert.NotNull(CodeCatalog.ConfigFor(CaseKind.Matter, m.Code)));
    }

    [Fact]
    public void FaultMatterFor_NationalComponent_IsTheSameCodeMatter_ButNotForExtensions()
    {
        Assert.Equal("燃气井盖异常", CodeCatalog.FaultMatterFor(CodeCatalog.Find(CaseKind.Component, "01011")!)!.NameZh);
        Assert.Null(CodeCatalog.FaultMatterFor(CodeCatalog.Find(CaseKind.Component, "21001")!)); // 人防工事 ≠ matter 21001 路面塌陷
    }
}
