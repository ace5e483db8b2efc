using System.Text.Json;
using CityOps.Workflows.Definitions;
using CityOps.Workflows.Tests.Runtime;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.Workflows.Tests.Definitions;

/// <summary>Each validation rule reports the activity and the field.</summary>
public sealed class WorkflowDefinitionValidatorTests : IAsyncDisposable
{
    private readonly WorkflowHost _host = new();

    private IValidator<WorkflowDefinition> Validator => _host.Provider.GetRequiredService<IValidator<WorkflowDefinition>>();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static InputDefinition Lit(object value) => new(new(ExpressionDefinition.Literal, JsonSerializer.SerializeToElement(value)));

    private static InputDefinition Js(string script) => new(new(ExpressionDefinition.JavaScript, JsonSerializer.SerializeToElement(script)));

    private static WorkflowDefinition Edit(string scenario, Func<List<ActivityDefinition>, List<ConnectionDefinition>, (List<ActivityDefinition>, List<ConnectionDefinition>)> change)
    {
        var d = WorkflowHost.Scenario(scenario);
        var (activities, connections) = change([.. d.Root.Activities], [.. d.Root.Connections]);
        return d with { Root = d.Root with { Activities = activities, Connections = connections } };
    }

    private static ActivityDefinition WithInputs(ActivityDefinition a, params (string Name, InputDefinition? Value)[] changes)
    {
        var inputs = new Dictionary<string, InputDefinition>(a.Inputs ?? new Dictionary<string, InputDefinition>());
        foreach (var (name, value) in changes)
        {
            if (value is null)
            {
                inputs.Remove(name);
            }
            else
            {
                inputs[name] = value;
            }
        }

        return a with { Inputs = inputs };
    }

    private async Task<(string Property, string Message)> SingleErrorAsync(WorkflowDefinition definition)
    {
        var result = await Validator.ValidateAsync(definition, WorkflowHost.Ct);
        var error = Assert.Single(result.Errors);
        return (error.PropertyName, error.ErrorMessage);
    }

    [Theory]
    [InlineData("decision")]
    [InlineData("switch")]
    [InlineData("fork-join-waitany")]
    [InlineData("human-task")]
    [InlineData("deadline-non-interrupting")]
    [InlineData("trigger")]
    public async Task Validate_ScenarioDefinitions_AreValid(string scenario)
    {
        var result = await Validator.ValidateAsync(WorkflowHost.Scenario(scenario), WorkflowHost.Ct);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public async Task Validate_MissingRequiredInput_NamesActivityAndInput()
    {
        var d = Edit("human-task", (a, c) => ([.. a.Select(x => x.Id == "review" ? WithInputs(x, ("title", null)) : x)], c));

        var (property, message) = await SingleErrorAsync(d);

        Assert.Equal("root.activities[review].inputs.title", property);
        Assert.Contains("'review'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_UnknownTypeVersion_NamesType()
    {
        var d = Edit("decision", (a, c) => ([.. a.Select(x => x.Id == "big" ? x with { Version = 9 } : x)], c));

        Assert.Equal("root.activities[big].type", (await SingleErrorAsync(d)).Property);
    }

    [Fact]
    public async Task Validate_ConnectionFromMissingPort_NamesConnectionPortAndActivity()
    {
        var d = Edit("decision", (a, c) => (a, [.. c, new(new("check", "Maybe"), new("end", "In"))]));

        var (property, message) = await SingleErrorAsync(d);

        Assert.Equal("root.connections[5].source.port", property);
        Assert.Contains("'check'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ConnectionToUnknownActivity_NamesTarget()
    {
        var d = Edit("decision", (a, c) => (a, [.. c, new(new("big", "Done"), new("ghost", "In"))]));

        Assert.Equal("root.connections[5].target.activity", (await SingleErrorAsync(d)).Property);
    }

    [Fact]
    public async Task Validate_DuplicateId_NamesId()
    {
        var d = Edit("decision", (a, c) => ([.. a, a.Single(x => x.Id == "end")], c));

        Assert.Equal("root.activities[end].id", (await SingleErrorAsync(d)).Property);
    }

    [Fact]
    public async Task Validate_NoStartAndTwoStarts_Reported()
    {
        var none = Edit("timer", (a, c) => ([.. a.Where(x => x.Id != "start")], [.. c.Where(x => x.Source.Activity != "start")]));
        var two = Edit("timer", (a, c) => ([.. a, a[0] with { Id = "start2" }], [.. c, new(new("start2", "Done"), new("wait", "In"))]));

        Assert.Equal("root.activities", (await SingleErrorAsync(none)).Property);
        Assert.Equal("root.activities[start2].type", (await SingleErrorAsync(two)).Property);
    }

    [Fact]
    public async Task Validate_UnreachableActivity_NamesIt()
    {
        var d = Edit("decision", (a, c) => (a, [.. c.Where(x => x.Target.Activity != "small")]));

        var (property, message) = await SingleErrorAsync(d);

        Assert.Equal("root.activities[small]", property);
        Assert.Contains("not reachable", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_LoopWithoutWait_Rejected_LoopThroughTask_Accepted()
    {
        var spin = Edit("decision", (a, c) => (a, [.. c, new(new("big", "Done"), new("check", "In"))]));
        var viaTask = Edit("human-task", (a, c) => (a, [.. c, new(new("rejected", "Done"), new("review", "In"))]));

        var (property, message) = await SingleErrorAsync(spin);

        Assert.StartsWith("root.activities[", property, StringComparison.Ordinal);
        Assert.Contains("loop without a waiting activity", message, StringComparison.Ordinal);
        Assert.True((await Validator.ValidateAsync(viaTask, WorkflowHost.Ct)).IsValid);
    }

    [Fact]
    public async Task Validate_ScriptSyntaxError_NamesInput()
    {
        var d = Edit("decision", (a, c) => ([.. a.Select(x => x.Id == "check" ? WithInputs(x, ("condition", Js("input.amount >"))) : x)], c));

        var (property, message) = await SingleErrorAsync(d);

        Assert.Equal("root.activities[check].inputs.condition", property);
        Assert.Contains("does not parse", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_SwitchCaseSyntaxError_NamesCase()
    {
        var d = Edit("switch", (a, c) => ([.. a.Select(x => x.Id == "route"
            ? WithInputs(x, ("cases", Lit(new[] { new { name = "Water", condition = "(" }, new { name = "Road", condition = "true" } })))
            : x)], [.. c.Where(x => x.Source.Port != "Road"), new(new("route", "Road"), new("road", "In"))]));

        Assert.Equal("root.activities[route].inputs.cases[0].condition", (await SingleErrorAsync(d)).Property);
    }

    [Fact]
    public async Task Validate_DeadlineOnNonWaitingActivity_Rejected()
    {
        var d = Edit("decision", (a, c) => ([.. a.Select(x => x.Id == "check" ? WithInputs(x, ("deadline", Lit("PT1H"))) : x)], c));

        Assert.Equal("root.activities[check].inputs.deadline", (await SingleErrorAsync(d)).Property);
    }
}
