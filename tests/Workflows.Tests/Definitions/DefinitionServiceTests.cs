using CityOps.Workflows.Tests.Runtime;
using FluentValidation;
using static CityOps.Workflows.Tests.Runtime.WorkflowHost;

namespace CityOps.Workflows.Tests.Definitions;

/// <summary>Draft / publish / retract / import semantics.</summary>
public sealed class DefinitionServiceTests
{
    [Fact]
    public async Task SaveDraft_NewThenEditAfterPublish_CreatesV2AndKeepsV1Published()
    {
        await using var host = new WorkflowHost();
        var draft = await host.Definitions.SaveDraftAsync(Scenario("decision"), Ct);
        Assert.Equal((1, true, false), (draft.Version, draft.IsLatest, draft.IsPublished));
        await host.Definitions.SaveDraftAsync(Scenario("decision") with { Name = "renamed" }, Ct);
        Assert.Single(await host.Definitions.ListVersionsAsync("decision", Ct));

        await host.Definitions.PublishAsync("decision", Ct);
        var v2 = await host.Definitions.SaveDraftAsync(Scenario("decision") with { Name = "edited" }, Ct);

        var versions = await host.Definitions.ListVersionsAsync("decision", Ct);
        Assert.Equal(2, v2.Version);
        Assert.Equal([(1, false, true), (2, true, false)], versions.Select(v => (v.Version, v.IsLatest, v.IsPublished)));

        await host.Definitions.PublishAsync("decision", Ct);
        versions = await host.Definitions.ListVersionsAsync("decision", Ct);
        Assert.Equal([(1, false, false), (2, true, true)], versions.Select(v => (v.Version, v.IsLatest, v.IsPublished)));
    }

    [Fact]
    public async Task Ensure_SameContentTwice_NoNewVersion_ChangedContent_NewVersion()
    {
        await using var host = new WorkflowHost();

        await host.Definitions.EnsureAsync(Scenario("timer"), Ct);
        await host.Definitions.EnsureAsync(Scenario("timer"), Ct);
        Assert.Single(await host.Definitions.ListVersionsAsync("timer", Ct));

        var changed = await host.Definitions.EnsureAsync(Scenario("timer") with { Description = "longer wait" }, Ct);
        Assert.Equal((2, true), (changed.Version, changed.IsPublished));
    }

    [Fact]
    public async Task Ensure_FileEqualsOlderVersion_AfterAdminPublishedEdit_NoOpAndEditStaysPublished()
    {
        await using var host = new WorkflowHost();
        await host.Definitions.EnsureAsync(Scenario("timer"), Ct);
        await host.Definitions.SaveDraftAsync(Scenario("timer") with { Description = "edited by an administrator" }, Ct);
        await host.Definitions.PublishAsync("timer", Ct);

        var restart = await host.Definitions.EnsureAsync(Scenario("timer"), Ct);

        Assert.Equal((2, true), (restart.Version, restart.IsPublished));
        Assert.Equal("edited by an administrator", restart.Description);
        var versions = await host.Definitions.ListVersionsAsync("timer", Ct);
        Assert.Equal([(1, false, false), (2, true, true)], versions.Select(v => (v.Version, v.IsLatest, v.IsPublished)));
    }

    [Fact]
    public async Task Ensure_FileChangedByDeployment_AfterAdminEdits_NewPublishedVersionAndDraftKept()
    {
        await using var host = new WorkflowHost();
        await host.Definitions.EnsureAsync(Scenario("timer"), Ct);
        await host.Definitions.SaveDraftAsync(Scenario("timer") with { Description = "admin edit" }, Ct);
        await host.Definitions.PublishAsync("timer", Ct);
        await host.Definitions.SaveDraftAsync(Scenario("timer") with { Description = "admin draft, unpublished" }, Ct);

        var deployed = await host.Definitions.EnsureAsync(Scenario("timer") with { Description = "deployment v2 of the file" }, Ct);

        Assert.Equal((4, true, true), (deployed.Version, deployed.IsLatest, deployed.IsPublished));
        var versions = await host.Definitions.ListVersionsAsync("timer", Ct);
        Assert.Equal(
            [(1, false, false), (2, false, false), (3, false, false), (4, true, true)],
            versions.Select(v => (v.Version, v.IsLatest, v.IsPublished)));
        Assert.Equal("admin draft, unpublished", versions[2].Description);
        Assert.Equal(deployed.Version, (await host.Definitions.EnsureAsync(Scenario("timer") with { Description = "deployment v2 of the file" }, Ct)).Version);
    }

    [Fact]
    public async Task Ensure_AfterRetract_SameFile_StaysRetracted()
    {
        await using var host = new WorkflowHost();
        await host.Definitions.EnsureAsync(Scenario("timer"), Ct);
        await host.Definitions.RetractAsync("timer", Ct);

        var restart = await host.Definitions.EnsureAsync(Scenario("timer"), Ct);

        Assert.Equal((1, false), (restart.Version, restart.IsPublished));
        Assert.Single(await host.Definitions.ListVersionsAsync("timer", Ct));
    }

    [Fact]
    public async Task Import_InvalidDefinition_ThrowsAndStoresNothing()
    {
        await using var host = new WorkflowHost();
        var broken = Scenario("timer") with { Root = Scenario("timer").Root with { Connections = [] } };

        await Assert.ThrowsAsync<ValidationException>(() => host.Definitions.ImportAsync(broken, publish: false, Ct));

        Assert.Empty(await host.Definitions.ListVersionsAsync("timer", Ct));
    }

    [Fact]
    public async Task Retract_Published_StopsNewInstances()
    {
        await using var host = new WorkflowHost();
        await host.Definitions.EnsureAsync(Scenario("timer"), Ct);

        var retracted = await host.Definitions.RetractAsync("timer", Ct);

        Assert.False(retracted.IsPublished);
        await Assert.ThrowsAsync<Workflows.Runtime.WorkflowNotFoundException>(() => host.Runtime.StartAsync(new("timer"), Ct));
    }

    [Fact]
    public async Task SaveDraft_AfterRetract_MakesANewVersionAndLeavesTheRetractedOneAsItRan()
    {
        await using var host = new WorkflowHost();
        var original = await host.Definitions.EnsureAsync(Scenario("timer"), Ct);
        await host.Definitions.RetractAsync("timer", Ct);

        var edited = await host.Definitions.SaveDraftAsync(original with { Name = "timer, edited after retract" }, Ct);
        var v1 = await host.Definitions.GetAsync("timer", 1, Ct);

        Assert.Equal(2, edited.Version);
        Assert.Equal(original.Name, v1!.Name); // instances that started on v1 keep exactly what they started on
    }

    [Fact]
    public async Task Export_ThenParse_RoundTripsShape()
    {
        await using var host = new WorkflowHost();
        await host.Definitions.EnsureAsync(Scenario("human-task"), Ct);

        var json = await host.Definitions.ExportAsync("human-task", null, Ct);
        var parsed = Workflows.Definitions.DefinitionJson.Parse(json);

        Assert.Contains("\"definitionId\":\"human-task\"", json, StringComparison.Ordinal);
        Assert.Contains("\"expression\":{\"type\":\"JavaScript\"", json, StringComparison.Ordinal);
        Assert.Equal(Workflows.Definitions.DefinitionJson.ContentHash(Scenario("human-task")), Workflows.Definitions.DefinitionJson.ContentHash(parsed));
    }
}
