namespace CityOps.Workflows.Activities;

/// <summary>Names an activity type and how the designer shows it.</summary>
/// <param name="type">Type name used in definitions, e.g. <c>CityOps.HumanTask</c>.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string type) : Attribute
{
    /// <summary>Type name used in definitions.</summary>
    public string Type { get; } = type;

    /// <summary>Type version; definitions reference type + version.</summary>
    public int Version { get; init; } = 1;

    /// <summary>Palette category.</summary>
    public string Category { get; init; } = "General";

    /// <summary>Display name in Chinese.</summary>
    public string DisplayNameZh { get; init; } = "";

    /// <summary>Display name in English.</summary>
    public string DisplayNameEn { get; init; } = "";

    /// <summary>What the activity does (shown in the designer).</summary>
    public string Description { get; init; } = "";
}

/// <summary>Declares one input of an activity.</summary>
/// <param name="name">Input name in the definition's <c>inputs</c>.</param>
/// <param name="type">Value type hint: String, Number, Boolean, Object, Array, Instant, Duration.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ActivityInputAttribute(string name, string type) : Attribute
{
    /// <summary>Input name.</summary>
    public string Name { get; } = name;

    /// <summary>Value type hint.</summary>
    public string Type { get; } = type;

    /// <summary>Whether the definition must provide it.</summary>
    public bool Required { get; init; }

    /// <summary>Property-panel editor: expression, multiline, department-picker, role-picker, code-picker, duration…</summary>
    public string UiHint { get; init; } = "expression";

    /// <summary>Help text.</summary>
    public string Description { get; init; } = "";
}

/// <summary>Static outcome ports of an activity (default: <c>Done</c>).</summary>
/// <param name="outcomes">Port names.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityOutcomesAttribute(params string[] outcomes) : Attribute
{
    /// <summary>Port names.</summary>
    public IReadOnlyList<string> Outcomes { get; } = outcomes;
}

/// <summary>
/// Outcome ports taken from a literal array input: each string element, or each object's <c>name</c>, is a port.
/// </summary>
/// <param name="inputName">The input holding the list.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DynamicOutcomesAttribute(string inputName) : Attribute
{
    /// <summary>The input holding the list.</summary>
    public string InputName { get; } = inputName;
}

/// <summary>
/// Marks an activity that waits for a stimulus (a task, timer or event). Cycles must pass through one. With
/// <see cref="SupportsDeadline"/>, the activity gets the <c>deadline</c> and <c>interrupting</c> inputs and an
/// <c>Overdue</c> port (a BPMN boundary timer).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class WaitingActivityAttribute : Attribute
{
    /// <summary>Whether a boundary deadline may be declared.</summary>
    public bool SupportsDeadline { get; init; } = true;
}

/// <summary>Marks the activity a flowchart starts at (exactly one per definition).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StartActivityAttribute : Attribute;
