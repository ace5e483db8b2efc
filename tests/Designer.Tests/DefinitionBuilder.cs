using System.Text.Json;
using CityOps.Workflows;
using CityOps.Workflows.Activities;
using CityOps.Workflows.Definitions;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.Designer.Tests;

/// <summary>Definitions for tests: <c>Activity(...)</c> then <c>Connect(...)</c>, and the engine's real catalog.</summary>
internal sealed class DefinitionBuilder(string id = "demo")
{
    private readonly List<ActivityDefinition> _activities = [];
    private readonly List<ConnectionDefinition> _connections = [];

    public static IActivityRegistry Registry { get; } =
        new ServiceCollection().AddCityOpsWorkflows().BuildServiceProvider().GetRequiredService<IActivityRegistry>();

    public DefinitionBuilder Activity(string activityId, string type, (double X, double Y)? at = null, params (string Name, object Value)[] inputs)
    {
        _activities.Add(new ActivityDefinition(activityId, type, 1, null,
            inputs.Length == 0 ? null : inputs.ToDictionary(i => i.Name, i => Literal(i.Value)),
            at is { } p ? new ActivityMetadata(new DesignerMetadata(new DesignerPosition(p.X, p.Y))) : null));
        return this;
    }

    public DefinitionBuilder Connect(string from, string port, string to)
    {
        _connections.Add(new ConnectionDefinition(new ConnectionEndpoint(from, port), new ConnectionEndpoint(to, "In")));
        return this;
    }

    public WorkflowDefinition Build(int version = 1) =>
        new(id, version, "Demo", null, true, false, [], new FlowchartDefinition(FlowchartDefinition.FlowchartType, [.. _activities], [.. _connections]));

    public static InputDefinition Literal(object value) =>
        new(new ExpressionDefinition(ExpressionDefinition.Literal, JsonSerializer.SerializeToElement(value)));

    public static InputDefinition Script(string source) =>
        new(new ExpressionDefinition(ExpressionDefinition.JavaScript, JsonSerializer.SerializeToElement(source)));

    /// <summary>Start → n Notify steps in a chain → End, without positions.</summary>
    public static WorkflowDefinition Chain(int notifySteps, string id = "chain")
    {
        var b = new DefinitionBuilder(id).Activity("start", "CityOps.Start");
        var previous = "start";
        for (var i = 1; i <= notifySteps; i++)
        {
            b.Activity($"n{i}", "CityOps.Notify", null, ("channel", "inbox"), ("body", $"step {i}")).Connect(previous, "Done", $"n{i}");
            previous = $"n{i}";
        }

        return b.Activity("end", "CityOps.End").Connect(previous, "Done", "end").Build();
    }
}
