using CityOps.Cases.Calendar;
using CityOps.Cases.Cases;
using CityOps.Cases.Cases.Sla;
using CityOps.Cases.Catalog;
using CityOps.Cases.Sla;
using Microsoft.Extensions.Options;

namespace CityOps.CaseApi.Endpoints;

/// <summary>
/// A stage clock as shown: deadline, light and remaining time on its own clock. <c>AssumedYears</c> lists calendar
/// years without published holiday data that the deadline runs into; for those, plain weekdays were assumed.
/// </summary>
internal sealed record StageView(string Stage, DateTimeOffset StartedAt, string Limit, int ExtensionMinutes, DateTimeOffset DueAt,
    DateTimeOffset? CompletedAt, string Light, double RemainingMinutes, IReadOnlyList<int> AssumedYears);

internal sealed record CaseCounters(int Returns, int Rework, int Extensions, int SupervisionOrders);

internal sealed record CaseView(
    Guid Id, string Number, string Source, string Kind, string Code, string? ReportedCode, string Title, string Description,
    double? Latitude, double? Longitude, string? Address, string GridCode, string CommunityCode, string StreetCode, string DistrictCode,
    string Reporter, string Urgency, string Status, string? LeadDepartment, IReadOnlyList<string> AssistingDepartments,
    string? DispatchReason, bool SelfDisposed, bool Suspended, CaseCounters Counters, StageView? CurrentStage,
    IReadOnlyList<StageView> Stages, Guid? WorkflowInstanceId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? ClosedAt, IReadOnlyList<Guid> Photos);

internal sealed record CaseSummary(Guid Id, string Number, string Title, string Code, string Status, string Source,
    string GridCode, string? LeadDepartment, string? Light, DateTimeOffset? DueAt, DateTimeOffset CreatedAt);

internal sealed record TimelineView(int Sequence, DateTimeOffset At, string Actor, string Role, string Action,
    string? From, string? To, string? Comment, IReadOnlyList<Guid> Photos);

/// <summary>Maps case rows to views, computing lights at one instant.</summary>
internal sealed class CaseViews(ICityCatalog catalog, TimeProvider time, IOptions<CaseSlaOptions> sla)
{
    private DeadlineCalculator Deadlines => new(catalog.Current.Calendar, MissingYearPolicy.AssumeWeekdaysOnly);

    public StageView? Stage(CityCase @case, CaseStage? stage)
    {
        if (stage is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var suspensions = StageClock.Suspensions(@case, now);
        var calculator = Deadlines;
        var status = StageClock.Evaluate(stage, suspensions, now, calculator, sla.Value.Thresholds);
        return new StageView(stage.Stage.ToString(), stage.StartedAt, StageClock.Effective(stage, calculator.Calendar).ToString(),
            stage.ExtensionMinutes, status.Due, stage.CompletedAt, status.Light.ToString(), Math.Round(status.Clock.Remaining.TotalMinutes, 1),
            status.Clock.AssumedYears);
    }

    public CaseView View(CityCase c, IReadOnlyList<Guid> photos) => new(
        c.Id, c.Number, c.Source.ToString(), c.Kind.ToString(), c.Code, c.ReportedCode, c.Title, c.Description,
        c.Latitude, c.Longitude, c.Address, c.GridCode, c.CommunityCode, c.StreetCode, c.DistrictCode, c.ReporterUserName,
        c.Urgency.ToString(), c.Status.ToString(), c.LeadDepartment, c.AssistingDepartments, c.DispatchReason, c.SelfDisposed,
        c.Suspensions.Any(s => s.To is null), new CaseCounters(c.ReturnCount, c.ReworkCount, c.ExtensionCount, c.SupervisionCount),
        Stage(c, c.OpenStage), [.. c.Stages.OrderBy(s => s.StartedAt).Select(s => Stage(c, s)!)], c.WorkflowInstanceId,
        c.CreatedAt, c.UpdatedAt, c.ClosedAt, photos);

    public CaseSummary Summary(CityCase c)
    {
        var stage = Stage(c, c.OpenStage);
        return new(c.Id, c.Number, c.Title, c.Code, c.Status.ToString(), c.Source.ToString(), c.GridCode, c.LeadDepartment,
            stage?.Light, stage?.DueAt, c.CreatedAt);
    }

    public static TimelineView Timeline(CaseTimelineEntry e) =>
        new(e.Sequence, e.At, e.Actor, e.Role, e.Action, e.FromStatus?.ToString(), e.ToStatus?.ToString(), e.Comment, e.PhotoIds);
}

/// <summary>Services of the case and task endpoints.</summary>
internal static class CaseEndpointServices
{
    public static IServiceCollection AddCaseEndpointServices(this IServiceCollection services) =>
        services.AddSingleton<CasePhotoStore>().AddScoped<CaseViews>()
            .AddSingleton(CommittedCaseStatus.Interceptor); // the status a completion answers with, without reading it back
}
