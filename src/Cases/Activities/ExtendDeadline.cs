using CityOps.Cases.Cases;
using CityOps.Workflows.Activities;
using CityOps.Workflows.Runtime;

namespace CityOps.Cases.Activities;

/// <summary>
/// 延期 approved: adds the requested working time to the running stage's limit, moves its deadline (and the
/// <c>due&lt;Stage&gt;</c> variable) and counts the extension.
/// </summary>
[Activity("CityOps.Cases.ExtendDeadline", Category = "City", DisplayNameZh = "延期", DisplayNameEn = "Extend deadline",
    Description = "Grants the requested extension: the deadline moves.")]
internal sealed class ExtendDeadline : Activity
{
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var @case = await context.LoadCaseAsync();
        if (@case.OpenStage is not { } stage || @case.PendingExtensionMinutes is not { } minutes)
        {
            throw new InvalidOperationException($"Case {@case.Number} has no running stage or no pending extension request.");
        }

        var before = stage.DueAt;
        stage.ExtensionMinutes += minutes;
        @case.PendingExtensionMinutes = null;
        @case.ExtensionCount++;
        @case.UpdatedAt = context.Now;
        context.RefreshDue(@case);
        context.JournalPayload = new { minutes, before, after = stage.DueAt };
        context.Complete();
    }
}
