using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using CityOps.Cases.Cases;
using CityOps.Cases.Cases.Duplicates;
using CityOps.Cases.Cases.Intake;
using CityOps.Cases.Catalog;
using CityOps.Cases.Persistence;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CityOps.CaseApi.Endpoints;

/// <summary>
/// <c>POST /api/cases</c>: validates the report, stores its photos, then starts <c>case-lifecycle</c> whose first
/// activity writes the case row — case and instance commit together. <c>Idempotency-Key</c> makes a retry return the
/// first case. A likely duplicate is suggested, or (with <c>Cases:Duplicates:AutoMerge</c>) the report is merged into it.
/// </summary>
internal static class CaseIntakeEndpoint
{
    internal sealed record DuplicateView(Guid CaseId, string Number, double DistanceMetres);

    internal sealed record IntakeResult(CaseView Case, IReadOnlyList<DuplicateView> PossibleDuplicates);

    internal sealed record MergedResult(bool Merged, Guid MasterCaseId, string MasterNumber, double DistanceMetres);

    public static async Task<IResult> ReportAsync(
        HttpRequest http, ClaimsPrincipal user, ICityCatalog catalog, CasePhotoStore photos, IWorkflowRuntime runtime,
        CityOpsDbContext db, CaseViews views, IOptions<DuplicateOptions> duplicates, TimeProvider time, CancellationToken cancellationToken)
    {
        CaseReportRequest? request;
        IReadOnlyList<IFormFile> files = [];
        try
        {
            if (http.HasFormContentType)
            {
                var form = await http.ReadFormAsync(cancellationToken);
                request = FromForm(form);
                files = form.Files.GetFiles("photos");
            }
            else
            {
                request = await http.ReadFromJsonAsync<CaseReportRequest>(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or FormatException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [ex.Message] });
        }

        if (request is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send the report as JSON or a multipart form."] });
        }

        var caller = Caller.From(user);
        var caseId = RowId.New(time.GetUtcNow());
        var (report, errors) = CaseIntake.Resolve(request, catalog.Current, caseId, caller.UserName, caller.ReportingRole, []);
        if (report is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (stored, photoErrors) = await photos.SaveAsync(caseId, files, cancellationToken);
        if (photoErrors.Length > 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["photos"] = photoErrors });
        }

        report = report with { Photos = stored };
        var options = duplicates.Value;
        var candidates = await DuplicateFinder.FindAsync(db, report, options, time.GetUtcNow(), cancellationToken);
        if (options.AutoMerge && candidates.Count > 0)
        {
            var master = candidates[0];
            await MergeAsync(db, master.CaseId, report, time.GetUtcNow(), cancellationToken);
            return TypedResults.Ok(new MergedResult(true, master.CaseId, master.Number, Math.Round(master.DistanceMetres, 1)));
        }

        var key = http.Headers["Idempotency-Key"].FirstOrDefault() is { Length: > 0 } k ? $"report:{caller.UserName}:{k}" : null;
        WorkflowInstanceSnapshot instance;
        try
        {
            instance = await runtime.StartAsync(new StartWorkflowRequest(CaseEndpoints.LifecycleDefinition, report.ToJson(), caseId.ToString(), key), cancellationToken);
        }
        catch (Exception ex) when (TaskEndpoints.EngineProblem(ex) is { } problem)
        {
            return problem; // a lost concurrency race after every retry: 409, safe to repeat with the key
        }

        var id = Guid.Parse(instance.CorrelationId!, CultureInfo.InvariantCulture);
        // A new case has one stage and no suspension: one joined query, not a split query of three.
        var created = await CaseQueries.CaseForViewAsync(db, id, cancellationToken)
            ?? throw new InvalidOperationException($"Case {id} of instance {instance.Id} does not exist.");

        // The case this report created has the report's photos (at most one: no order to keep); a replay's case is read.
        var photoIds = id == caseId && stored.Count <= 1
            ? [.. stored.Select(p => p.Id)]
            : await db.Set<CasePhoto>().Where(p => p.CaseId == id).Select(p => p.Id).ToListAsync(cancellationToken);
        var result = new IntakeResult(views.View(created, photoIds),
            [.. candidates.Where(c => c.CaseId != id).Select(c => new DuplicateView(c.CaseId, c.Number, Math.Round(c.DistanceMetres, 1)))]);
        return TypedResults.Created($"/api/cases/{id}", result);
    }

    private static CaseReportRequest FromForm(IFormCollection form)
    {
        string? Text(string name) => form.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v.ToString()) ? v.ToString() : null;
        double? Number(string name) => Text(name) is { } t
            ? double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : throw new FormatException($"'{name}' is not a number.")
            : null;
        return new CaseReportRequest(Text("source"), Text("kind"), Text("code"), Text("description"), Number("latitude"), Number("longitude"),
            Text("address"), Text("gridCode"), Text("urgency"), Text("reporterContact"),
            string.Equals(Text("selfDisposed"), "true", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The report joins the master case's timeline (with its photos) instead of opening a case. A workflow step on the
    /// master may take the same timeline sequence at the same moment (unique index): then re-read and try again.
    /// </summary>
    private static async Task MergeAsync(CityOpsDbContext db, Guid masterId, CaseReport report, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await TryMergeAsync(db, masterId, report, now, cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static async Task TryMergeAsync(CityOpsDbContext db, Guid masterId, CaseReport report, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var master = await db.Set<CityCase>().FirstAsync(c => c.Id == masterId, cancellationToken);
        foreach (var photo in report.Photos)
        {
            db.Add(new CasePhoto
            {
                Id = photo.Id, CaseId = masterId, ContentType = photo.ContentType, Size = photo.Size, StoredPath = photo.StoredPath,
                UploadedBy = report.Reporter, UploadedAt = now,
            });
        }

        db.Add(new CaseTimelineEntry
        {
            Id = RowId.New(now), CaseId = masterId, Sequence = ++master.TimelineCount, At = now, Actor = report.Reporter,
            Role = report.ReporterRole, Action = "DuplicateReport", FromStatus = master.Status, ToStatus = master.Status,
            Comment = report.Description, PhotoIds = [.. report.Photos.Select(p => p.Id)],
        });
        master.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
    }
}
