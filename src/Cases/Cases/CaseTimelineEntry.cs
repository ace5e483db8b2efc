namespace CityOps.Cases.Cases;

/// <summary>One line of a case's append-only timeline: who did what, in which role, and the state it moved.</summary>
public sealed class CaseTimelineEntry
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public int Sequence { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>User name, or <c>system</c> for engine actions.</summary>
    public string Actor { get; set; } = "";

    /// <summary>The role the actor acted in (from the task's assignee group), or <c>System</c>.</summary>
    public string Role { get; set; } = "";

    /// <summary>Stable action name, e.g. <c>Report</c>, <c>Register</c>, <c>AutoDispatch</c>, <c>Handle:Handled</c>.</summary>
    public string Action { get; set; } = "";

    public CaseStatus? FromStatus { get; set; }

    public CaseStatus? ToStatus { get; set; }

    public string? Comment { get; set; }

    public List<Guid> PhotoIds { get; set; } = [];
}

/// <summary>A photo of a case, stored under the data folder and served to those who may read the case.</summary>
public sealed class CasePhoto
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    /// <summary>Path relative to the photo folder.</summary>
    public string StoredPath { get; set; } = "";

    public string UploadedBy { get; set; } = "";

    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>督办: a supervision order against a department for a case, at a level (街镇 → 区 → 市).</summary>
public sealed class SupervisionOrder
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public string DepartmentCode { get; set; } = "";

    public Organisation.DepartmentLevel Level { get; set; }

    /// <summary><c>Overdue</c> (automatic) or <c>Leader</c>.</summary>
    public string Reason { get; set; } = "";

    public string IssuedBy { get; set; } = "";

    public DateTimeOffset IssuedAt { get; set; }
}

/// <summary>The last case number handed out on one day; the row is the unit of contention between nodes.</summary>
public sealed class CaseNumberCounter
{
    /// <summary>YYYYMMDD in the city's time zone.</summary>
    public string Day { get; set; } = "";

    public int Last { get; set; }
}
