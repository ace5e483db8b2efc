using System.Text;
using CityOps.Workflows.Runtime;

namespace CityOps.Workflows.Tests.Runtime;

/// <summary>Journal payload bounding.</summary>
public sealed class WorkflowStepTests
{
    [Fact]
    public void Bound_LongMultibytePayload_CutToLimitWithMarker()
    {
        var payload = new string('城', 5000);

        var bounded = WorkflowStep.Bound(payload, 2048);

        Assert.True(Encoding.UTF8.GetByteCount(bounded) <= 2048);
        Assert.EndsWith("…[truncated]", bounded, StringComparison.Ordinal);
        Assert.Equal("short", WorkflowStep.Bound("short", 2048));
    }
}
