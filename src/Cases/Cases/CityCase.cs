using CityOps.Cases.Taxonomy;

namespace CityOps.Cases.Cases;

/// <summary>
/// A case (案卷): one reported problem from 上报 to 结案. Changed only inside workflow steps (city activities), so the
/// engine's instance version serialises writers; endpoints read it.
/// </summary>
public sealed class CityCase
{
    public Guid Id { get; set; }

    /// <summary>YYYYMMDD + 6-digit sequence of that day (city time zone), e.g. 20261201000017.</summary>
    public string Number { get; set; } = "";

    public CaseSource Source { get; set; }

    public CaseKind Kind { get; set; }

    /// <summary>GB/T 47678.5 (or local extension) 5-digit type code.</summary>
    public string Code { get; set; } = "";

    /// <summary>The code as reported when it was a legacy code resolved to <see cref="Code"/>.</summary>
    public string? ReportedCode { get; set; }

    /// <summary>Taxonomy name of the type (zh), the case's title in inboxes.</summary>
    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public string? Address { get; set; }

    public string GridCode { get; set; } = "";

    public string CommunityCode { get; set; } = "";

    public string StreetCode { get; set; } = "";

    public string DistrictCode { get; set; } = "";

    public string ReporterUserName { get; set; } = "";

    public string? ReporterContact { get; set; }

    public Urgency Urgency { get; set; }

    public CaseStatus Status { get; set; }

    /// <summary>主办: the department that handles and reports back.</summary>
    public string? LeadDepartment { get; set; }

    /// <summary>协办: assisting departments.</summary>
    public List<string> AssistingDepartments { get; set; } = [];

    /// <summary>The routing rule (or "manual: user") that chose the lead department.</summary>
    public string? DispatchReason { get; set; }

    /// <summary>The inspector fixed it on the spot (自处置); an acceptor reviews it.</summary>
    public bool SelfDisposed { get; set; }

    public int ReturnCount { get; set; }

    public int ReworkCount { get; set; }

    public int ExtensionCount { get; set; }

    public int SupervisionCount { get; set; }

    /// <summary>Extension (working minutes) asked for and waiting for the dispatcher.</summary>
    public int? PendingExtensionMinutes { get; set; }

    /// <summary>Set when this report was merged into an open case (duplicate).</summary>
    public Guid? MasterCaseId { get; set; }

    public Guid? WorkflowInstanceId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Timeline entries so far; the next entry's sequence.</summary>
    public int TimelineCount { get; set; }

    public List<CaseStage> Stages { get; set; } = [];

    public List<CaseSuspension> Suspensions { get; set; } = [];

    public bool IsOpen => Status is not (CaseStatus.Closed or CaseStatus.Voided or CaseStatus.Merged);

    /// <summary>The stage clock now running, if any.</summary>
    public CaseStage? OpenStage => Stages.Where(s => s.CompletedAt is null).MaxBy(s => s.StartedAt);
}

/// <summary>Where a report comes from (DOMAIN.md §2).</summary>
public enum CaseSource
{
    Inspector,
    Hotline,
    Public,
    VideoAi,
    Sensor,
    MuckSystem,
    SuperiorInstruction,
}

/// <summary>Where a case is in the loop.</summary>
public enum CaseStatus
{
    Reported,
    Verified,
    Registered,
    AwaitingDispatch,
    Dispatched,
    Handling,
    Suspended,
    Handled,
    Checked,
    Closed,
    Voided,
    Merged,
}
