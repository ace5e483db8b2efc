using CityOps.Designer.Canvas;
using CityOps.Workflows.Persistence;

namespace CityOps.Designer.Tests.Canvas;

public sealed class ExecutedPathTests
{
    [Fact]
    public void From_Journal_MarksRunNodesAndTheLinksOfFollowedOutcomes()
    {
        var definition = new DefinitionBuilder()
            .Activity("start", "CityOps.Start").Activity("check", "CityOps.Decision").Activity("yes", "CityOps.End").Activity("no", "CityOps.End")
            .Connect("start", "Done", "check").Connect("check", "True", "yes").Connect("check", "False", "no").Build();
        JournalRecord[] journal =
        [
            new() { ActivityId = "start", Outcomes = "Done" },
            new() { ActivityId = "check", Outcomes = "False" },
            new() { ActivityId = "no", Outcomes = "" },
        ];

        var path = ExecutedPath.From(definition, journal);

        Assert.Equal(["check", "no", "start"], path.Activities.Order(StringComparer.Ordinal));
        Assert.Equal([new CanvasLink("check", "False", "no"), new CanvasLink("start", "Done", "check")], path.Links.OrderBy(l => l.SourceId, StringComparer.Ordinal));
    }
}
