using System.Text.Json;
using CityOps.Workflows.Runtime;

namespace CityOps.Workflows.Activities;

/// <summary>
/// Splits into parallel branches: every connection leaving <c>Done</c> and every named branch port gets a token.
/// Pair it with a Join.
/// </summary>
[Activity("CityOps.Fork", Category = "Flow", DisplayNameZh = "并行分支", DisplayNameEn = "Fork",
    Description = "Starts all outgoing branches in parallel.")]
[ActivityInput(BranchesInput, "Array", UiHint = "string-list", Description = "Optional named branch ports.")]
[ActivityOutcomes(ActivityDescriptor.DonePort)]
[DynamicOutcomes(BranchesInput)]
internal sealed class Fork : Activity
{
    public const string BranchesInput = "branches";

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var branches = await context.EvaluateInputAsync(BranchesInput);
        var ports = new List<string> { ActivityDescriptor.DonePort };
        if (branches.ValueKind == JsonValueKind.Array)
        {
            ports.AddRange(branches.EnumerateArray().Select(b => b.GetString()!));
        }

        context.Complete([.. ports]);
    }
}
