namespace CityOps.Workflows.Activities;

/// <summary>What the designer and the validator know about an activity type, built from its attributes.</summary>
/// <param name="Type">Type name used in definitions.</param>
/// <param name="Version">Type version.</param>
/// <param name="Category">Palette category.</param>
/// <param name="DisplayNameZh">Chinese display name.</param>
/// <param name="DisplayNameEn">English display name.</param>
/// <param name="Description">What it does.</param>
/// <param name="Inputs">Declared inputs.</param>
/// <param name="Outcomes">Static outcome ports.</param>
/// <param name="DynamicOutcomesInput">Input whose literal list adds ports, if any.</param>
/// <param name="IsWaiting">Waits for a stimulus.</param>
/// <param name="SupportsDeadline">Accepts a boundary deadline (adds the <c>Overdue</c> port).</param>
/// <param name="IsStart">Is the flowchart's start.</param>
/// <param name="ClrType">Implementing class.</param>
public sealed record ActivityDescriptor(
    string Type,
    int Version,
    string Category,
    string DisplayNameZh,
    string DisplayNameEn,
    string Description,
    IReadOnlyList<ActivityInputDescriptor> Inputs,
    IReadOnlyList<string> Outcomes,
    string? DynamicOutcomesInput,
    bool IsWaiting,
    bool SupportsDeadline,
    bool IsStart,
    Type ClrType)
{
    /// <summary>The default outcome port.</summary>
    public const string DonePort = "Done";

    /// <summary>The port followed when a deadline fires.</summary>
    public const string OverduePort = "Overdue";

    /// <summary>The input holding a boundary deadline (ISO-8601 duration or instant).</summary>
    public const string DeadlineInput = "deadline";

    /// <summary>The input saying whether a fired deadline cancels the wait.</summary>
    public const string InterruptingInput = "interrupting";
}

/// <summary>One declared input.</summary>
/// <param name="Name">Input name.</param>
/// <param name="Type">Value type hint.</param>
/// <param name="Required">Must be present.</param>
/// <param name="UiHint">Property-panel editor.</param>
/// <param name="Description">Help text.</param>
public sealed record ActivityInputDescriptor(string Name, string Type, bool Required, string UiHint, string Description);
