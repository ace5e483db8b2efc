namespace CityOps.Designer.Services;

/// <summary>Cases as <c>/api/cases</c> serves them, with the same access rule (a department sees its own cases).</summary>
public interface IOpsCases
{
    Task<OpsResult<OpsPage<OpsCaseSummary>>> ListAsync(OpsCaseFilter filter, CancellationToken cancellationToken);

    Task<OpsResult<OpsCase>> GetAsync(Guid caseId, CancellationToken cancellationToken);

    Task<OpsResult<IReadOnlyList<OpsTimelineEntry>>> TimelineAsync(Guid caseId, CancellationToken cancellationToken);
}

/// <summary>The filters of <c>GET /api/cases</c>; null means any.</summary>
public sealed record OpsCaseFilter(
    string? Status = null, string? Code = null, string? Street = null, string? Department = null, string? Light = null,
    string? Source = null, DateTimeOffset? From = null, DateTimeOffset? To = null, int Skip = 0, int Take = 20);

public sealed record OpsCaseSummary(Guid Id, string Number, string Title, string Code, string Status, string Source,
    string GridCode, string? LeadDepartment, string? Light, DateTimeOffset? DueAt, DateTimeOffset CreatedAt);

/// <summary>A stage clock: deadline, light and remaining working minutes.</summary>
public sealed record OpsStage(string Stage, DateTimeOffset StartedAt, string Limit, int ExtensionMinutes, DateTimeOffset DueAt,
    DateTimeOffset? CompletedAt, string Light, double RemainingMinutes);

public sealed record OpsCaseCounters(int Returns, int Rework, int Extensions, int SupervisionOrders);

public sealed record OpsCase(
    Guid Id, string Number, string Source, string Kind, string Code, string? ReportedCode, string Title, string Description,
    double? Latitude, double? Longitude, string? Address, string GridCode, string CommunityCode, string StreetCode, string DistrictCode,
    string Reporter, string Urgency, string Status, string? LeadDepartment, IReadOnlyList<string> AssistingDepartments,
    string? DispatchReason, bool SelfDisposed, bool Suspended, OpsCaseCounters Counters, OpsStage? CurrentStage,
    IReadOnlyList<OpsStage> Stages, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ClosedAt,
    IReadOnlyList<Guid> Photos);

public sealed record OpsTimelineEntry(int Sequence, DateTimeOffset At, string Actor, string Role, string Action,
    string? From, string? To, string? Comment, IReadOnlyList<Guid> Photos);
