using Bunit;
using CityOps.Designer.Components.Operations;

namespace CityOps.Designer.Tests.Operations;

public sealed class SlaBadgeTests : OpsTestContext
{
    [Theory]
    [InlineData("Green", "green", "绿灯", "rz-badge-success")]
    [InlineData("Yellow", "yellow", "黄灯", "rz-badge-warning")]
    [InlineData("Red", "red", "红灯", "rz-badge-danger")]
    public void Render_EachLight_ShowsItsColourAndName(string light, string attribute, string text, string badgeClass)
    {
        var cut = Render<SlaBadge>(p => p.Add(b => b.Light, light).Add(b => b.RemainingMinutes, 150));

        Assert.Equal(attribute, cut.Find(".ops-sla").GetAttribute("data-light"));
        var badge = cut.Find(".rz-badge");
        Assert.Contains(badgeClass, badge.ClassList);
        Assert.Equal(text, badge.TextContent.Trim());
        Assert.Equal("剩余 2h 30m", cut.Find(".ops-sla-remaining").TextContent);
    }

    [Fact]
    public void Render_PastTheDeadline_SaysHowLongOverdue()
    {
        var cut = Render<SlaBadge>(p => p.Add(b => b.Light, "Red").Add(b => b.RemainingMinutes, -45));

        Assert.Equal("已超时 45m", cut.Find(".ops-sla-remaining").TextContent);
    }

    [Fact]
    public void Render_NoRunningClock_ShowsADash()
    {
        var cut = Render<SlaBadge>();

        Assert.Equal("none", cut.Find(".ops-sla").GetAttribute("data-light"));
        Assert.Empty(cut.FindAll(".rz-badge"));
    }
}
