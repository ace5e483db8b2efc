using System.Text.Json;

namespace CityOps.Workflows.Definitions;

/// <summary>A workflow definition version in Elsa 3's JSON shape.</summary>
/// <param name="DefinitionId">Stable slug shared by all versions.</param>
/// <param name="Version">Version number, starting at 1.</param>
/// <param name="Name">Display name.</param>
/// <param name="Description">What the workflow is for.</param>
/// <param name="IsLatest">Whether this is the newest version.</param>
/// <param name="IsPublished">Whether new instances start on this version.</param>
/// <param name="Variables">Workflow variables with their defaults.</param>
/// <param name="Root">The flowchart.</param>
public sealed record WorkflowDefinition(
    string DefinitionId,
    int Version,
    string Name,
    string? Description,
    bool IsLatest,
    bool IsPublished,
    IReadOnlyList<VariableDefinition> Variables,
    FlowchartDefinition Root);

/// <summary>A workflow variable.</summary>
/// <param name="Name">Variable name as scripts see it (<c>variables.name</c>).</param>
/// <param name="Type">Type hint for the designer (String, Number, Boolean, Object…).</param>
/// <param name="Default">Initial value, if any.</param>
public sealed record VariableDefinition(string Name, string Type, JsonElement? Default = null);

/// <summary>The flowchart root: activities and the connections between their ports.</summary>
/// <param name="Type">Always <c>CityOps.Flowchart</c>.</param>
/// <param name="Activities">The nodes.</param>
/// <param name="Connections">The edges.</param>
public sealed record FlowchartDefinition(
    string Type,
    IReadOnlyList<ActivityDefinition> Activities,
    IReadOnlyList<ConnectionDefinition> Connections)
{
    /// <summary>The type name of the root container.</summary>
    public const string FlowchartType = "CityOps.Flowchart";
}

/// <summary>One node of a flowchart.</summary>
/// <param name="Id">Unique within the definition.</param>
/// <param name="Type">Activity type, e.g. <c>CityOps.HumanTask</c>.</param>
/// <param name="Version">Activity type version.</param>
/// <param name="Name">Display name on the canvas.</param>
/// <param name="Inputs">Inputs by name, each an expression.</param>
/// <param name="Metadata">Designer layout.</param>
public sealed record ActivityDefinition(
    string Id,
    string Type,
    int Version,
    string? Name,
    IReadOnlyDictionary<string, InputDefinition>? Inputs,
    ActivityMetadata? Metadata = null);

/// <summary>An input value.</summary>
/// <param name="Expression">How to compute it.</param>
public sealed record InputDefinition(ExpressionDefinition Expression);

/// <summary>An expression: a literal JSON value or a JavaScript source string.</summary>
/// <param name="Type"><c>Literal</c> or <c>JavaScript</c>.</param>
/// <param name="Value">The literal (any JSON) or the script (a JSON string).</param>
public sealed record ExpressionDefinition(string Type, JsonElement Value)
{
    /// <summary>Literal expression type.</summary>
    public const string Literal = "Literal";

    /// <summary>JavaScript expression type.</summary>
    public const string JavaScript = "JavaScript";
}

/// <summary>Designer metadata.</summary>
/// <param name="Designer">Canvas layout.</param>
public sealed record ActivityMetadata(DesignerMetadata? Designer);

/// <summary>Canvas layout of a node.</summary>
/// <param name="Position">Top-left position.</param>
public sealed record DesignerMetadata(DesignerPosition? Position);

/// <summary>A canvas position.</summary>
/// <param name="X">Horizontal.</param>
/// <param name="Y">Vertical.</param>
public sealed record DesignerPosition(double X, double Y);

/// <summary>An edge from a source port to a target's <c>In</c> port.</summary>
/// <param name="Source">Source activity and outcome port.</param>
/// <param name="Target">Target activity and port (<c>In</c>).</param>
public sealed record ConnectionDefinition(ConnectionEndpoint Source, ConnectionEndpoint Target);

/// <summary>One end of a connection.</summary>
/// <param name="Activity">Activity id.</param>
/// <param name="Port">Port name.</param>
public sealed record ConnectionEndpoint(string Activity, string Port);
