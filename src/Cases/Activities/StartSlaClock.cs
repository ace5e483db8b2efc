using CityOps.Cases.Cases;
using CityOps.Cases.Catalog;
using CityOps.Workflows.Activities;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;

namespace CityOps.Cases.Activities;

/// <summary>
/// Starts a stage clock (Dispatch, Accept, Handle, Check) and completes the one running. The limit comes from the
/// stage options and urgency, the handling limit from the code's local configuration; the deadline is working time on
/// the city calendar and lands in the variable <c>due&lt;Stage&gt;</c> for boundary deadlines.
/// </summary>
[Activity("CityOps.Cases.StartSlaClock", Category = "City", DisplayNameZh = "开始计时", DisplayNameEn = "Start SLA clock",
    Description = "Starts the time limit of a stage and sets its deadline.")]
[ActivityInput("stage", "String", Required = true, UiHint = "expression", Description = "Dispatch, Accept, Handle or Check.")]
internal sealed class StartSlaClock : Activity
{
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = await context.GetInputAsync<string>("stage");
        if (!Enum.TryParse<SlaStage>(name, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            throw new InvalidOperationException($"Input 'stage' must be one of {string.Join(", ", Enum.GetNames<SlaStage>())}, not '{name}'.");
        }

        var @case = await context.LoadCaseAsync();
        context.StopClock(@case);
        var config = context.GetRequiredService<ICityCatalog>().Current.Taxonomy.ConfigFor(@case.Kind, @case.Code);
        var limit = context.SlaOptions().LimitFor(kind, @case.Urgency, config);
        var stage = new CaseStage
        {
            Id = RowId.New(context.Now), CaseId = @case.Id, Stage = kind, StartedAt = context.Now,
            LimitAmount = limit.Amount, LimitUnit = limit.Unit,
        };
        @case.Stages.Add(stage);
        context.Db().Add(stage);
        context.RefreshDue(@case);
        context.JournalPayload = new { stage = kind.ToString(), limit = limit.ToString(), due = stage.DueAt };
        context.Complete();
    }
}
