using System.Security.Claims;
using System.Text.Json;
using CityOps.CaseApi.Identity;
using CityOps.Cases.Cases;
using CityOps.Cases.Organisation;
using CityOps.Cases.Persistence;
using CityOps.Cases.Sla;
using CityOps.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CityOps.CaseApi.Endpoints;

/// <summary><c>/api/cases</c>: report (intake), list, read, timeline, photos, leader's supervision order.</summary>
internal static class CaseEndpoints
{
    public const string LifecycleDefinition = "case-lifecycle";
    public const string SuperviseEvent = "case-supervise";

    public static RouteGroupBuilder MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cases").WithTags("Cases");
        group.MapPost("/", CaseIntakeEndpoint.ReportAsync).RequireAuthorization(Policies.ReportCases).DisableAntiforgery()
            .WithName("ReportCase").WithSummary("Reports a case (JSON or multipart with photos) and starts its lifecycle.");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.SignedIn).WithName("ListCases")
            .WithSummary("Cases the caller may see, filtered and paged.");
        group.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Policies.SignedIn).WithName("GetCase");
        group.MapGet("/{id:guid}/timeline", TimelineAsync).RequireAuthorization(Policies.SignedIn).WithName("GetCaseTimeline");
        group.MapGet("/{id:guid}/photos/{photoId:guid}", PhotoAsync).RequireAuthorization(Policies.SignedIn).WithName("GetCasePhoto");
        group.MapPost("/{id:guid}/supervision", SuperviseAsync).RequireAuthorization(Policies.Command).WithName("SuperviseCase")
            .WithSummary("督办 by a shift leader: a supervision order to the lead department.");
        return group;
    }

    internal sealed record CaseQuery(
        string? Status, string? Code, string? Grid, string? Street, string? District, string? Department, string? Light,
        string? Source, DateTimeOffset? From, DateTimeOffset? To, int? Skip, int? Take);

    internal static async Task<IResult> ListAsync(
        [AsParameters] CaseQuery q, ClaimsPrincipal user, CityOpsDbContext db, CaseViews views, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CaseStatus? status = null;
        if (q.Status is not null)
        {
            if (Enum.TryParse<CaseStatus>(q.Status, true, out var s)) { status = s; } else { errors["status"] = ["Unknown status."]; }
        }

        CaseSource? source = null;
        if (q.Source is not null)
        {
            if (Enum.TryParse<CaseSource>(q.Source, true, out var s)) { source = s; } else { errors["source"] = ["Unknown source."]; }
        }

        if (q.Light is not null && !Enum.TryParse<SlaLight>(q.Light, true, out _)) { errors["light"] = ["Give Green, Yellow or Red."]; }
        if (q.Take is < 1 or > 200) { errors["take"] = ["Between 1 and 200."]; }
        if (q.Skip is < 0) { errors["skip"] = ["Not negative."]; }
        if (q.From > q.To) { errors["from"] = ["'from' must not be after 'to'."]; }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var caller = Caller.From(user);
        var cases = db.Set<CityCase>().AsNoTracking().Include(c => c.Stages).Include(c => c.Suspensions).AsSplitQuery().AsQueryable();
        if (!Cases.Cases.Access.CaseAccess.SeesAll(caller.Roles))
        {
            var dept = caller.Department;
            var area = caller.Area ?? "\u0000";
            var inspector = caller.Roles.Contains(nameof(Role.Inspector));
            cases = cases.Where(c => (dept != null && c.LeadDepartment == dept)
                || (inspector && (c.ReporterUserName == caller.UserName || c.StreetCode == area || c.GridCode == area)));
        }

        if (status is { } st) { cases = cases.Where(c => c.Status == st); }
        if (source is { } so) { cases = cases.Where(c => c.Source == so); }
        if (q.Code is { } code) { cases = cases.Where(c => c.Code == code); }
        if (q.Grid is { } grid) { cases = cases.Where(c => c.GridCode == grid); }
        if (q.Street is { } street) { cases = cases.Where(c => c.StreetCode == street); }
        if (q.District is { } district) { cases = cases.Where(c => c.DistrictCode == district); }
        if (q.Department is { } department) { cases = cases.Where(c => c.LeadDepartment == department); }
        if (q.From is { } from) { cases = cases.Where(c => c.CreatedAt >= from); }
        if (q.To is { } to) { cases = cases.Where(c => c.CreatedAt <= to); }

        var rows = (await cases.OrderByDescending(c => c.CreatedAt).ToListAsync(cancellationToken)).Select(views.Summary);
        if (q.Light is { } light)
        {
            rows = rows.Where(r => string.Equals(r.Light, light, StringComparison.OrdinalIgnoreCase));
        }

        var all = rows.ToList();
        var page = all.Skip(q.Skip ?? 0).Take(q.Take ?? 50).ToList();
        return TypedResults.Ok(new Paged<CaseSummary>(page, all.Count));
    }

    internal static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal user, CityOpsDbContext db, CaseViews views, CancellationToken cancellationToken)
    {
        var (found, denied) = await ReadableCaseAsync(id, user, db, cancellationToken);
        if (found is null)
        {
            return denied;
        }

        var photos = await db.Set<CasePhoto>().Where(p => p.CaseId == id).Select(p => p.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(views.View(found, photos));
    }

    internal static async Task<IResult> TimelineAsync(Guid id, ClaimsPrincipal user, CityOpsDbContext db, CancellationToken cancellationToken)
    {
        var (found, denied) = await ReadableCaseAsync(id, user, db, cancellationToken);
        if (found is null)
        {
            return denied;
        }

        var entries = await db.Set<CaseTimelineEntry>().AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        return TypedResults.Ok(entries.Select(CaseViews.Timeline).ToList());
    }

    private static async Task<IResult> PhotoAsync(
        Guid id, Guid photoId, ClaimsPrincipal user, CityOpsDbContext db, CasePhotoStore store, CancellationToken cancellationToken)
    {
        var (found, denied) = await ReadableCaseAsync(id, user, db, cancellationToken);
        if (found is null)
        {
            return denied;
        }

        var photo = await db.Set<CasePhoto>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == photoId && p.CaseId == id, cancellationToken);
        return photo is null ? TypedResults.NotFound() : TypedResults.PhysicalFile(store.PathOf(photo.StoredPath), photo.ContentType);
    }

    private static async Task<IResult> SuperviseAsync(
        Guid id, ClaimsPrincipal user, CityOpsDbContext db, IWorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(nameof(Role.ShiftLeader)) && !user.IsInRole(nameof(Role.Administrator)))
        {
            return TypedResults.Problem(statusCode: 403, title: "Only a shift leader issues supervision orders.");
        }

        var found = await db.Set<CityCase>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (found is null)
        {
            return TypedResults.NotFound();
        }

        if (found.LeadDepartment is null || !found.IsOpen)
        {
            return TypedResults.Problem(statusCode: 409, title: "The case has no department to supervise.", detail: $"Case {found.Number} is {found.Status}.");
        }

        var payload = JsonSerializer.SerializeToElement(new { issuedBy = user.UserNameOf() });
        await runtime.RaiseEventAsync(new EventStimulus(SuperviseEvent, id.ToString(), payload, $"supervise:{Guid.NewGuid():N}"), cancellationToken);
        return TypedResults.Accepted($"/api/cases/{id}");
    }

    /// <summary>The case when the caller may read it; otherwise 404 or 403.</summary>
    internal static async Task<(CityCase? Case, IResult Denied)> ReadableCaseAsync(
        Guid id, ClaimsPrincipal user, CityOpsDbContext db, CancellationToken cancellationToken)
    {
        var found = await db.Set<CityCase>().AsNoTracking().Include(c => c.Stages).Include(c => c.Suspensions).AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (found is null)
        {
            return (null, TypedResults.NotFound());
        }

        return Caller.From(user).CanRead(found)
            ? (found, TypedResults.Ok())
            : (null, TypedResults.Problem(statusCode: 403, title: "Not your case.", detail: "Department handlers see their department's cases; inspectors their own reports and area."));
    }
}
