namespace CityOps.Designer.Components.Operations;

internal enum PathStepState
{
    Done,
    Current,
    Pending,
}

internal sealed record PathStep(string Key, PathStepState State);

/// <summary>The loop a case walks (上报 → 立案 → 派遣 → 签收 → 处置 → 核查 → 结案) and where its status puts it.</summary>
internal static class CasePath
{
    public static readonly string[] Steps = ["Report", "Register", "Dispatch", "Accept", "Handle", "Check", "Close"];

    /// <summary>The index of the step the case waits in; <see cref="Steps"/>.Length when closed, -1 when it left the loop.</summary>
    public static int CurrentIndex(string status) => status switch
    {
        "Reported" or "Verified" => 1,
        "Registered" or "AwaitingDispatch" => 2,
        "Dispatched" => 3,
        "Handling" or "Suspended" => 4,
        "Handled" => 5,
        "Checked" => 6,
        "Closed" => Steps.Length,
        _ => -1,
    };

    public static IReadOnlyList<PathStep> For(string status)
    {
        var current = CurrentIndex(status);
        var reached = current < 0 ? 1 : current;
        return [.. Steps.Select((key, i) => new PathStep(key,
            i < reached ? PathStepState.Done : i == current ? PathStepState.Current : PathStepState.Pending))];
    }
}
