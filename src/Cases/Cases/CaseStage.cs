using CityOps.Cases.Sla;

namespace CityOps.Cases.Cases;

/// <summary>One run of a stage clock (register+dispatch, accept, handle, check) with its limit and deadline.</summary>
public sealed class CaseStage
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public SlaStage Stage { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public decimal LimitAmount { get; set; }

    public TimeUnit LimitUnit { get; set; }

    /// <summary>Granted extensions, in minutes on the limit's own clock.</summary>
    public int ExtensionMinutes { get; set; }

    /// <summary>Deadline with extensions and suspensions so far.</summary>
    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public TimeLimit Limit => new(LimitAmount, LimitUnit);
}

/// <summary>The stages with a time limit (DOMAIN.md §6.1).</summary>
public enum SlaStage
{
    /// <summary>立案 + 派遣, from the report.</summary>
    Dispatch,

    /// <summary>The department reads and accepts the dispatched case.</summary>
    Accept,

    /// <summary>处置: the code's handling limit.</summary>
    Handle,

    /// <summary>核查 on site.</summary>
    Check,
}

/// <summary>挂账: a period in which the clock stood still. Open while <see cref="To"/> is null.</summary>
public sealed class CaseSuspension
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public DateTimeOffset From { get; set; }

    public DateTimeOffset? To { get; set; }

    public string? Reason { get; set; }
}
