using CityOps.Workflows.Runtime;

namespace CityOps.Workflows.Activities;

/// <summary>
/// Merges parallel branches. <c>WaitAll</c> continues once a token arrived on every inbound connection;
/// <c>WaitAny</c> continues on the first and cancels the other branches' waits and tasks.
/// </summary>
[Activity("CityOps.Join", Category = "Flow", DisplayNameZh = "汇聚", DisplayNameEn = "Join",
    Description = "Waits for all (WaitAll) or the first (WaitAny) incoming branch.")]
[ActivityInput("mode", "String", UiHint = "join-mode", Description = "WaitAll (default) or WaitAny.")]
internal sealed class Join : Activity
{
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var mode = await context.GetInputAsync<string>("mode") ?? "WaitAll";
        var arrived = context.RecordJoinArrival();
        if (string.Equals(mode, "WaitAny", StringComparison.OrdinalIgnoreCase))
        {
            context.ResetJoin();
            await context.CancelUpstreamBranchesAsync();
            context.Complete();
            return;
        }

        if (context.InboundConnections.All(arrived.Contains))
        {
            context.ResetJoin();
            context.Complete();
            return;
        }

        context.Block();
    }
}
