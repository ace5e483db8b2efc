using CityOps.Cases.Cases;
using CityOps.Cases.Cases.Intake;
using CityOps.Cases.Cases.Numbering;
using CityOps.Cases.Catalog;
using CityOps.Workflows.Activities;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.Cases.Activities;

/// <summary>
/// 上报: creates the case from the instance input (a validated report) with its number, photos, the first timeline entry
/// and the register+dispatch clock, in the instance's first step.
/// </summary>
[Activity("CityOps.Cases.RecordReport", Category = "City", DisplayNameZh = "上报", DisplayNameEn = "Record report",
    Description = "Creates the case from the report the workflow was started with.")]
internal sealed class RecordReport : Activity
{
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var report = CaseReport.FromJson(context.InstanceInput ?? throw new InvalidOperationException("The workflow needs a case report as input."));
        var db = context.Db();
        var zone = context.GetRequiredService<ICityCatalog>().Current.Calendar.TimeZone;
        var @case = new CityCase
        {
            Id = report.CaseId, Number = await CaseNumbering.NextAsync(context.GetRequiredService<IServiceScopeFactory>(), context.Now, zone, context.CancellationToken),
            Source = report.Source, Kind = report.Kind, Code = report.Code, ReportedCode = report.ReportedCode,
            Title = report.Title, Description = report.Description, Latitude = report.Latitude, Longitude = report.Longitude,
            Address = report.Address, GridCode = report.GridCode, CommunityCode = report.CommunityCode,
            StreetCode = report.StreetCode, DistrictCode = report.DistrictCode, ReporterUserName = report.Reporter,
            ReporterContact = report.ReporterContact, Urgency = report.Urgency, Status = CaseStatus.Reported,
            SelfDisposed = report.SelfDisposed, WorkflowInstanceId = context.InstanceId, CreatedAt = context.Now,
            UpdatedAt = context.Now,
        };
        db.Add(@case);
        foreach (var photo in report.Photos)
        {
            db.Add(new CasePhoto
            {
                Id = photo.Id, CaseId = @case.Id, ContentType = photo.ContentType, Size = photo.Size,
                StoredPath = photo.StoredPath, UploadedBy = report.Reporter, UploadedAt = context.Now,
            });
        }

        context.Record(@case, report.Reporter, report.ReporterRole, "Report", CaseStatus.Reported, report.Description, report.Photos.Select(p => p.Id));
        var config = context.GetRequiredService<ICityCatalog>().Current.Taxonomy.ConfigFor(@case.Kind, @case.Code);
        var stage = new CaseStage
        {
            Id = RowId.New(context.Now), CaseId = @case.Id, Stage = SlaStage.Dispatch, StartedAt = context.Now,
        };
        var limit = context.SlaOptions().LimitFor(SlaStage.Dispatch, @case.Urgency, config);
        (stage.LimitAmount, stage.LimitUnit) = (limit.Amount, limit.Unit);
        @case.Stages.Add(stage);
        db.Add(stage);
        context.RefreshDue(@case);
        context.JournalPayload = new { @case.Number, @case.Code, @case.GridCode };
        context.Complete();
    }
}
