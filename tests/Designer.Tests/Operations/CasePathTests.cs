using CityOps.Designer.Components.Operations;

namespace CityOps.Designer.Tests.Operations;

public sealed class CasePathTests
{
    [Theory]
    [InlineData("Reported", "Register")]
    [InlineData("Dispatched", "Accept")]
    [InlineData("Handling", "Handle")]
    [InlineData("Handled", "Check")]
    [InlineData("Checked", "Close")]
    public void For_AnOpenCase_MarksEarlierStepsDoneAndItsStepCurrent(string status, string current)
    {
        var steps = CasePath.For(status);

        var at = steps.ToList().FindIndex(s => s.State == PathStepState.Current);
        Assert.Equal(current, steps[at].Key);
        Assert.All(steps.Take(at), s => Assert.Equal(PathStepState.Done, s.State));
        Assert.All(steps.Skip(at + 1), s => Assert.Equal(PathStepState.Pending, s.State));
    }

    [Fact]
    public void For_AClosedCase_MarksEveryStepDone() =>
        Assert.All(CasePath.For("Closed"), s => Assert.Equal(PathStepState.Done, s.State));
}
